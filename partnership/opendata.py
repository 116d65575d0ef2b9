"""Open-data files (Licence Ouverte 2.0): the catalogue of initiatives and the partnerships' figures.

The same rows feed the CSV and the JSON, so the two never disagree; the pages read the same selectors.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.utils import timezone

from common.spreadsheets import safe_row
from initiatives.selectors import initiative_list

from .selectors import partnership_list
from .transparency import figure_labels, partnership_figures

LICENCE = "Licence Ouverte 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

INITIATIVE_COLUMNS = [
    "id",
    "slug",
    "titre",
    "title_en",
    "resume",
    "summary_en",
    "ville",
    "partenariat",
    "categorie",
    "public",
    "statut",
    "technologie",
    "debut",
    "fin",
    "lieu",
    "url",
]


def initiative_rows() -> list[dict[str, Any]]:
    rows = []
    for initiative in initiative_list().order_by("pk"):
        rows.append(
            {
                "id": initiative.pk,
                "slug": initiative.slug,
                "titre": initiative.title_fr,
                "title_en": initiative.title_en or "",
                "resume": initiative.summary_fr,
                "summary_en": initiative.summary_en or "",
                "ville": initiative.partnership.city.slug,
                "partenariat": initiative.partnership.slug,
                "categorie": initiative.category.slug,
                "public": initiative.audience,
                "statut": initiative.status,
                "technologie": initiative.technology,
                "debut": initiative.starts_on.isoformat() if initiative.starts_on else "",
                "fin": initiative.ends_on.isoformat() if initiative.ends_on else "",
                "lieu": initiative.place.slug if initiative.place else "",
                "url": f"{settings.SITE_URL}/fr/initiatives/{initiative.slug}/",
            }
        )
    return rows


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


def as_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(safe_row(row) for row in rows)  # a title typed as "=..." stays text in a spreadsheet
    return buffer.getvalue()


def as_json(name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "dataset": name,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "producer": "Partenariats numériques",
        "generated_at": timezone.now().isoformat(),
        "count": len(rows),
        "data": rows,
    }
