"""The Lutèces d'Or as open data: the accepted nominations (public fields only: never an address, a digest or a
moderation note) and the laureates of the editions whose results are published. One function gives the rows,
the same rows feed the CSV and the JSON; each file has its Table Schema (https://specs.frictionlessdata.io/)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from . import selectors

NOMINATION_FIELDS = [
    ("edition", "string", _("Identifiant de l'édition")),
    ("ville", "string", _("Ville organisatrice (identifiant)")),
    ("categorie", "string", _("Catégorie (identifiant)")),
    ("categorie_nom", "string", _("Nom de la catégorie, en français")),
    ("nom", "string", _("Nom du projet ou de l'entreprise")),
    ("type", "string", _("project (projet libre) ou company (entreprise)")),
    ("organisation", "string", _("Organisation qui porte le projet")),
    ("licence", "string", _("Identifiant SPDX de la licence")),
    ("depot", "string", _("Adresse du dépôt du code source")),
    ("site_web", "string", _("Site web")),
    ("confirmee_le", "date", _("Date de confirmation par la personne qui a proposé")),
    ("exemple", "boolean", _("Donnée d'exemple, non issue d'une source publique")),
]
LAUREATE_FIELDS = [
    ("edition", "string", _("Identifiant de l'édition")),
    ("ville", "string", _("Ville organisatrice (identifiant)")),
    ("categorie", "string", _("Catégorie (identifiant)")),
    ("categorie_nom", "string", _("Nom de la catégorie, en français")),
    ("prix", "string", _("jury (prix du jury) ou public (prix du public)")),
    ("laureat", "string", _("Nom du lauréat")),
    ("licence", "string", _("Identifiant SPDX de la licence")),
    ("note_jury", "number", _("Moyenne pondérée des notes du jury, sur 5")),
    ("voix_public", "integer", _("Voix du public (catégories avec vote)")),
    ("resultats_publies_le", "date", _("Date de publication des résultats")),
    ("exemple", "boolean", _("Donnée d'exemple, non issue d'une source publique")),
]


def columns(fields) -> list[str]:
    return [name for name, _type, _description in fields]


def table_schema(fields, *, title: str) -> dict[str, Any]:
    return {
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "title": str(title),
        "fields": [{"name": name, "type": kind, "description": str(description)} for name, kind, description in fields],
        "missingValues": [""],
    }


def nomination_rows() -> list[dict[str, Any]]:
    return [
        {
            "edition": n.category.edition.slug,
            "ville": n.category.edition.partnership.city.slug,
            "categorie": n.category.slug,
            "categorie_nom": n.category.name_fr,
            "nom": n.name,
            "type": n.category.kind,
            "organisation": n.organisation,
            "licence": n.licence,
            "depot": n.repository_url,
            "site_web": n.website,
            "confirmee_le": n.confirmed_at.date().isoformat() if n.confirmed_at else "",
            "exemple": n.is_example,
        }
        for n in selectors.open_data_nominations()
    ]


def laureate_rows() -> list[dict[str, Any]]:
    return [
        {
            "edition": l.category.edition.slug,
            "ville": l.category.edition.partnership.city.slug,
            "categorie": l.category.slug,
            "categorie_nom": l.category.name_fr,
            "prix": l.prize,
            "laureat": l.nomination.name,
            "licence": l.nomination.licence,
            "note_jury": float(l.jury_score) if l.jury_score is not None else None,
            "voix_public": l.votes,
            "resultats_publies_le": l.category.edition.results_published_at.date().isoformat(),
            "exemple": l.nomination.is_example,
        }
        for l in selectors.open_data_laureates()  # noqa: E741
    ]
