"""The partnerships' figures as open data (/donnees/partenariats-chiffres.csv|json): one row per partnership,
the same figures as its page (partnership.transparency gathers every app's)."""

from __future__ import annotations

from typing import Any

from .selectors import partnership_list
from .transparency import figure_labels, partnership_figures


def figure_columns() -> list[str]:
    return ["partenariat", "titre", "ville", "statut", "partenaires", *[key for key, _label in figure_labels()]]


def figure_rows() -> list[dict[str, Any]]:
    partnerships = list(partnership_list().order_by("pk"))
    figures = partnership_figures(partnerships)
    rows = []
    for partnership in partnerships:
        row = {
            "partenariat": partnership.slug,
            "titre": partnership.title_fr,
            "ville": partnership.city.slug,
            "statut": partnership.status,
            "partenaires": ";".join(role.organisation.name for role in partnership.roles.all()),
        }
        row.update({figure.key: figure.value for figure in figures[partnership.pk]})
        rows.append(row)
    return rows
