"""The catalogue and the places as open data (common/opendata.py gives the convention and the files):

- /donnees/initiatives.csv|json: one row per published initiative;
- /donnees/lieux-mediation-numerique.csv|json: the digital-inclusion places in La Mednum's national
  schema v1.0.2 (`mednum.py`), whose Table Schema is the one published beside them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from common.opendata import Column, Dataset

from .constants import Audience, InitiativeStatus, Technology
from .mednum import COLUMNS as PLACE_COLUMNS
from .mednum import SCHEMA_FILE, SCHEMA_URL, place_to_row
from .models import Initiative, Place
from .selectors import initiative_list, place_open_data

SLUG = r"^[-a-zA-Z0-9_]+$"


def initiative_columns() -> list[Column]:
    return [
        Column(
            "id",
            "Identifiant",
            "Identifiant numérique de l'initiative sur le portail.",
            "integer",
            required=True,
            unique=True,
        ),
        Column(
            "identifiant_url",
            "Identifiant d'URL",
            "Partie de l'adresse de sa page : /fr/initiatives/<identifiant_url>/.",
            required=True,
            unique=True,
            pattern=SLUG,
        ),
        Column("titre", "Titre", "Titre en français.", required=True),
        Column("titre_en", "Titre en anglais", "Titre en anglais, vide s'il n'est pas traduit."),
        Column("resume", "Résumé", "Résumé en français."),
        Column("resume_en", "Résumé en anglais", "Résumé en anglais, vide s'il n'est pas traduit."),
        Column("ville", "Ville", "Identifiant de la ville du partenariat (paris, lyon…).", required=True, pattern=SLUG),
        Column("partenariat", "Partenariat", "Identifiant d'URL du partenariat.", required=True, pattern=SLUG),
        Column("categorie", "Catégorie", "Identifiant de la catégorie.", required=True, pattern=SLUG),
        Column(
            "public",
            "Public",
            "Public visé : " + ", ".join(f"{value} ({label})" for value, label in _french(Audience)),
            required=True,
            enum=tuple(Audience.values),
        ),
        Column(
            "statut",
            "Statut",
            "Statut : " + ", ".join(f"{value} ({label})" for value, label in _french(InitiativeStatus)),
            required=True,
            enum=tuple(InitiativeStatus.values),
        ),
        Column(
            "technologie",
            "Technologie",
            "Sur quoi repose l'initiative : " + ", ".join(f"{value} ({label})" for value, label in _french(Technology)),
            required=True,
            enum=tuple(Technology.values),
        ),
        Column("date_debut", "Date de début", "AAAA-MM-JJ.", "date"),
        Column("date_fin", "Date de fin", "AAAA-MM-JJ.", "date"),
        Column(
            "lieu",
            "Lieu",
            "Identifiant du lieu (colonne id du jeu lieux-mediation-numerique pour un lieu de médiation numérique).",
        ),
        Column("url", "Page", "Adresse de sa page sur le portail.", format="uri", required=True),
    ]


def _french(choices) -> list[tuple[str, str]]:
    with translation.override("fr"):
        return [(value, str(label)) for value, label in choices.choices]


def initiative_rows() -> list[dict[str, Any]]:
    rows = []
    for initiative in initiative_list().order_by("pk"):
        rows.append(
            {
                "id": initiative.pk,
                "identifiant_url": initiative.slug,
                "titre": initiative.title_fr,
                "titre_en": initiative.title_en or "",
                "resume": initiative.summary_fr,
                "resume_en": initiative.summary_en or "",
                "ville": initiative.partnership.city.slug,
                "partenariat": initiative.partnership.slug,
                "categorie": initiative.category.slug,
                "public": initiative.audience,
                "statut": initiative.status,
                "technologie": initiative.technology,
                "date_debut": initiative.starts_on.isoformat() if initiative.starts_on else "",
                "date_fin": initiative.ends_on.isoformat() if initiative.ends_on else "",
                "lieu": initiative.place.open_data_id if initiative.place else "",
                "url": f"{settings.SITE_URL}/fr/initiatives/{initiative.slug}/",
            }
        )
    return rows


INITIATIVES = Dataset(
    name="initiatives",
    namespace="opendata",
    prefix="initiatives",
    title=_("Catalogue des initiatives des partenariats numériques"),
    description=_(
        "Une ligne par initiative publiée sur le portail : partenariat et ville, catégorie, public, statut, "
        "technologie (logiciel libre ou produits d'un éditeur), dates, lieu et page."
    ),
    columns=initiative_columns,
    rows=initiative_rows,
    modified=lambda: Initiative.objects.published().aggregate(latest=Max("updated_at"))["latest"],
    keywords=("numérique", "partenariat", "collectivité", "logiciel libre"),
)


@cache
def _place_schema_fields() -> dict[str, dict[str, Any]]:
    return {field["name"]: field for field in json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["fields"]}


def place_columns() -> list[Column]:
    fields = _place_schema_fields()
    return [
        Column(name, fields[name].get("title", name), type=fields[name].get("type", "string")) for name in PLACE_COLUMNS
    ]


def place_rows() -> Iterator[dict[str, Any]]:
    for place in place_open_data().iterator(chunk_size=500):
        yield place_to_row(place)


PLACES = Dataset(
    name="lieux-mediation-numerique",
    namespace="opendata",
    prefix="places",
    title=_("Lieux de médiation numérique"),
    description=_(
        "Les lieux d'inclusion numérique des villes du portail, au schéma national des lieux de médiation "
        "numérique de La Mednum (standard-mediation-num v1.0.2) : adresse, horaires, services, publics, "
        "modalités d'accès et d'accompagnement."
    ),
    columns=place_columns,
    rows=place_rows,
    modified=lambda: Place.objects.inclusion_centres().aggregate(latest=Max("updated_at"))["latest"],
    keywords=("médiation numérique", "inclusion numérique", "lieux", "standard-mediation-num"),
    schema_file=SCHEMA_FILE,
    conforms_to=(SCHEMA_URL,),
)
