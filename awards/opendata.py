"""The Lutèces d'Or as open data (common/opendata.py's convention): the accepted nominations (public fields only:
never an address, a digest or a moderation note) and the laureates of the editions whose results are published.
Each file at /donnees/<name>.csv, -excel.csv, .json and .schema.json (its Table Schema)."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from common.opendata import Column, Dataset, latest

from . import selectors
from .constants import OSI_LICENCES, NominationKind, Prize
from .models import Edition, Nomination

_EDITION = Column("edition", "Édition", "Identifiant d'URL de l'édition : /fr/lutece-d-or/<edition>/.", required=True)
_CITY = Column("ville", "Ville", "Identifiant de la ville organisatrice.", required=True)
_CATEGORY = Column("categorie", "Catégorie", "Identifiant de la catégorie dans l'édition.", required=True)
_CATEGORY_NAME = Column("categorie_nom", "Nom de la catégorie", "Nom de la catégorie, en français.", required=True)
_LICENCE = Column(
    "licence", "Licence", "Identifiant SPDX d'une licence approuvée par l'OSI.", required=True, enum=OSI_LICENCES
)
_EXAMPLE = Column("exemple", "Exemple", "Donnée d'exemple, non issue d'une source publique.", "boolean", required=True)


def nomination_columns() -> list[Column]:
    return [
        Column("id", "Identifiant", "Identifiant numérique de la proposition.", "integer", required=True, unique=True),
        _EDITION,
        _CITY,
        _CATEGORY,
        _CATEGORY_NAME,
        Column("nom", "Nom", "Nom du projet ou de l'entreprise proposé.", required=True),
        Column(
            "type",
            "Type",
            "project : projet de logiciel libre ; company : entreprise du logiciel libre.",
            required=True,
            enum=tuple(NominationKind.values),
        ),
        Column("organisation", "Organisation", "Organisation qui porte le projet, s'il y en a une."),
        _LICENCE,
        Column("depot", "Dépôt du code source", "Adresse publique du dépôt.", format="uri"),
        Column("site_web", "Site web", "Site du projet ou de l'entreprise.", format="uri"),
        Column("confirmee_le", "Confirmée le", "Date de confirmation par la personne qui a proposé.", "date"),
        _EXAMPLE,
    ]


def laureate_columns() -> list[Column]:
    return [
        Column("id", "Identifiant", "Identifiant numérique du prix.", "integer", required=True, unique=True),
        _EDITION,
        _CITY,
        _CATEGORY,
        _CATEGORY_NAME,
        Column(
            "prix", "Prix", "jury : prix du jury ; public : prix du public.", required=True, enum=tuple(Prize.values)
        ),
        Column("proposition", "Proposition", "Identifiant de la proposition primée.", "integer", required=True),
        Column("laureat", "Lauréat", "Nom du projet ou de l'entreprise primé.", required=True),
        _LICENCE,
        Column(
            "note_jury", "Note du jury", "Moyenne pondérée des notes du jury, sur 5.", "number", minimum=0, maximum=5
        ),
        Column("voix_public", "Voix du public", "Voix du public, dans les catégories avec vote.", "integer", minimum=0),
        Column(
            "resultats_publies_le", "Résultats publiés le", "Date de publication des résultats.", "date", required=True
        ),
        _EXAMPLE,
    ]


def nomination_rows() -> list[dict[str, Any]]:
    return [
        {
            "id": n.pk,
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
            "id": laureate.pk,
            "edition": laureate.category.edition.slug,
            "ville": laureate.category.edition.partnership.city.slug,
            "categorie": laureate.category.slug,
            "categorie_nom": laureate.category.name_fr,
            "prix": laureate.prize,
            "proposition": laureate.nomination_id,
            "laureat": laureate.nomination.name,
            "licence": laureate.nomination.licence,
            "note_jury": float(laureate.jury_score) if laureate.jury_score is not None else None,
            "voix_public": laureate.votes,
            "resultats_publies_le": laureate.category.edition.results_published_at.date().isoformat(),
            "exemple": laureate.nomination.is_example,
        }
        for laureate in selectors.open_data_laureates()
    ]


NOMINATIONS = Dataset(
    name="lutece-d-or-propositions",
    namespace="awards_data",
    prefix="nominations",
    title=_("Lutèces d'Or : propositions retenues"),
    description=_(
        "Les projets et entreprises du logiciel libre proposés par le public aux Lutèces d'Or et retenus par la "
        "ville : édition, catégorie, licence, dépôt et site. Ni l'adresse des personnes qui proposent ni les "
        "notes du jury."
    ),
    columns=nomination_columns,
    rows=nomination_rows,
    modified=lambda: Nomination.objects.accepted().aggregate(latest=Max("updated_at"))["latest"],
    keywords=("logiciel libre", "prix", "Lutèces d'Or"),
)
LAUREATES = Dataset(
    name="lutece-d-or-laureats",
    namespace="awards_data",
    prefix="laureates",
    title=_("Lutèces d'Or : lauréats"),
    description=_(
        "Les prix des Lutèces d'Or dont les résultats sont publiés : prix du jury (moyenne pondérée des critères) "
        "et prix du public (voix comptées une fois par adresse confirmée)."
    ),
    columns=laureate_columns,
    rows=laureate_rows,
    modified=lambda: latest(Edition.objects.aggregate(latest=Max("results_published_at"))["latest"]),
    keywords=("logiciel libre", "prix", "Lutèces d'Or"),
)
