"""What the API answers: one schema per kind of row, a page of rows, an error, the places as GeoJSON.

Field names are French, as the columns of the portal's open-data files and the national schemas (La Mednum's
for places: the same names as its CSV, so a place reads the same in the file and in the API). Coded values
(statuses, audiences, services...) are the portal's codes, the values the filters take; the OpenAPI document
lists them. Texts are in French (the source language); `*_en` holds the English translation, or null.

Every field here is public: `api/public_fields.py` declares each one, and a test fails on a field that is not
declared there (tests/api/test_public_fields.py).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from initiatives.constants import (
    Audience,
    CategorySlug,
    InitiativeStatus,
    PlaceAccessMode,
    PlaceFee,
    PlacePublic,
    PlaceService,
    PlaceSpecificSupport,
    PlaceSupportMode,
    Technology,
)
from partnership.constants import CommitmentStatus, OrganisationKind, PartnerRole, PartnershipStatus
from startups.constants import CallState
from training.constants import SessionStatus, Trade


class Schema(BaseModel):
    """Plain pydantic models: the views give dicts, so ninja's Schema (which reads Django objects attribute by
    attribute through a wrapping validator) would only cost time: 40 % of a 500-place GeoJSON answer."""


def codes(choices):
    """A pydantic type listing a vocabulary's codes (an `enum` in the OpenAPI document)."""
    return Literal[tuple(choices.values)]


class Erreur(Schema):
    message: str = Field(description="Ce qui n'a pas été servi, dans la langue demandée (Accept-Language).")
    erreurs: dict[str, list[str]] = Field(description="Pour chaque paramètre refusé, les raisons.")


class Page(Schema):
    total: int = Field(description="Nombre de résultats, toutes pages confondues.")
    page: int
    pages: int = Field(description="Nombre de pages (0 s'il n'y a aucun résultat).")
    par_page: int
    suivante: str | None = Field(description="Adresse de la page suivante, ou null.")
    precedente: str | None = Field(description="Adresse de la page précédente, ou null.")


class Partenaire(Schema):
    organisation: str = Field(description="Nom de l'organisation (une personne morale).")
    identifiant_url: str
    type: codes(OrganisationKind)
    role: codes(PartnerRole)
    site_web: str


class Partenariat(Schema):
    id: int
    identifiant_url: str
    titre: str
    titre_en: str | None
    resume: str
    resume_en: str | None
    ville: str = Field(description="Identifiant de la ville (paramètre city).")
    statut: codes(PartnershipStatus)
    date_annonce: dt.date | None
    date_signature: dt.date | None
    date_debut: dt.date | None
    date_fin: dt.date | None
    precision_dates: str
    source: str
    lien_source: str
    partenaires: list[Partenaire]
    nombre_initiatives: int = Field(description="Initiatives publiées du partenariat.")
    nombre_engagements: int
    url: str = Field(description="Page du partenariat sur le portail.")
    mis_a_jour_le: dt.datetime


class PagePartenariats(Page):
    resultats: list[Partenariat]


class Engagement(Schema):
    id: int
    partenariat: str = Field(description="Identifiant du partenariat (paramètre partnership).")
    ville: str
    intitule: str
    intitule_en: str | None
    description: str
    description_en: str | None
    statut: codes(CommitmentStatus)
    avancement: int = Field(description="Avancement en pourcentage (0 à 100).")
    ordre: int
    initiatives: list[str] = Field(description="Identifiants des initiatives publiées liées à l'engagement.")


class PageEngagements(Page):
    resultats: list[Engagement]


class Initiative(Schema):
    id: int
    identifiant_url: str
    titre: str
    titre_en: str | None
    resume: str
    resume_en: str | None
    description: str
    description_en: str | None
    comment_participer: str
    comment_participer_en: str | None
    ville: str
    partenariat: str
    categorie: codes(CategorySlug)
    public: codes(Audience)
    statut: codes(InitiativeStatus)
    technologie: codes(Technology)
    date_debut: dt.date | None
    date_fin: dt.date | None
    lieu: str | None = Field(description="Identifiant d'URL du lieu, ou null.")
    url: str
    publiee_le: dt.datetime
    mis_a_jour_le: dt.datetime


class PageInitiatives(Page):
    resultats: list[Initiative]


class Lieu(Schema):
    """A digital-inclusion place: the columns of La Mednum's schema, plus the portal's own (identifiant_url, ville, url,
    ouvert_maintenant). `telephone` and `courriels` are the place's public contact, published as such by the
    national schema: they are the place's, not a person's."""

    id: str = Field(description="Champ « id » du schéma national.")
    identifiant_url: str
    pivot: str = Field(description="SIRET ou RNA de la structure (une personne morale), ou vide.")
    nom: str
    ville: str
    commune: str
    code_postal: str
    code_insee: str
    adresse: str
    complement_adresse: str
    latitude: float | None = Field(description="WGS 84, en degrés décimaux.")
    longitude: float | None
    typologie: list[str]
    telephone: str = Field(description="Téléphone public du lieu (schéma national).")
    courriels: list[str] = Field(description="Courriel public du lieu (schéma national).")
    site_web: str
    horaires: str = Field(description="Horaires au format OpenStreetMap opening_hours.")
    ouvert_maintenant: bool | None = Field(description="Ouvert à l'heure de la réponse ; null si inconnu.")
    presentation_resume: str
    presentation_detail: str
    source: str
    structure_parente: str
    date_maj: dt.date | None
    services: list[codes(PlaceService)]
    publics_specifiquement_adresses: list[codes(PlacePublic)]
    prise_en_charge_specifique: list[codes(PlaceSpecificSupport)]
    frais_a_charge: list[codes(PlaceFee)]
    modalites_acces: list[codes(PlaceAccessMode)]
    modalites_accompagnement: list[codes(PlaceSupportMode)]
    fiche_acces_libre: str
    prise_rdv: str
    url: str


class PageLieux(Page):
    resultats: list[Lieu]


class PointGeometrie(Schema):
    type: Literal["Point"]
    coordinates: list[float] = Field(description="[longitude, latitude] (WGS 84).")


class ProprietesLieu(Schema):
    identifiant_url: str
    nom: str
    adresse: str = Field(description="Adresse, code postal et commune sur une ligne.")
    url: str
    ouvert_maintenant: bool | None


class EntiteLieu(Schema):
    type: Literal["Feature"]
    id: str
    geometry: PointGeometrie
    properties: ProprietesLieu


class LieuxGeoJSON(Schema):
    """A GeoJSON FeatureCollection (RFC 7946) of the places that have coordinates, with the page's figures
    as foreign members."""

    type: Literal["FeatureCollection"]
    features: list[EntiteLieu]
    total: int
    page: int
    pages: int
    par_page: int
    suivante: str | None
    precedente: str | None


class Session(Schema):
    id: int
    programme: str = Field(description="Identifiant du programme de formation.")
    programme_titre: str
    programme_titre_en: str | None
    metier: codes(Trade)
    ville: str
    date_debut: dt.datetime
    date_fin: dt.datetime
    date_limite_inscription: dt.datetime
    lieu: str | None = Field(description="Identifiant d'URL du lieu, ou null pour une session à distance.")
    a_distance: bool
    modalites_a_distance: str
    modalites_a_distance_en: str | None
    informations_pratiques: str
    informations_pratiques_en: str | None
    places: int = Field(description="Nombre de places de la session.")
    places_restantes: int = Field(description="Places encore libres (0 : inscriptions en liste d'attente).")
    statut: codes(SessionStatus)
    inscriptions_ouvertes: bool
    cout_stagiaire: Decimal = Field(description="Coût pour le stagiaire, en euros (0 : gratuit).")
    duree_heures: int
    url: str
    mis_a_jour_le: dt.datetime


class PageSessions(Page):
    resultats: list[Session]


class Appel(Schema):
    id: int
    identifiant_url: str
    titre: str
    titre_en: str | None
    resume: str
    resume_en: str | None
    qui_peut_candidater: str
    qui_peut_candidater_en: str | None
    offre: str
    offre_en: str | None
    propose: list[Literal["conseil", "financement", "mentorat"]]
    ville: str
    categorie: codes(CategorySlug)
    initiative: str
    date_ouverture: dt.datetime
    date_cloture: dt.datetime
    etat: codes(CallState)
    recommandation_exigee: bool
    url: str
    publie_le: dt.datetime
    mis_a_jour_le: dt.datetime


class PageAppels(Page):
    resultats: list[Appel]
