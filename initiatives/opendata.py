"""The catalogue as open data (/donnees/initiatives.csv|json): one row per published initiative."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from .selectors import initiative_list

COLUMNS = [
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
