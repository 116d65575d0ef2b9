"""Demo places. Idempotent: rows are keyed by slug or identifier.

The places the article implies (the sports space at Porte de Montreuil, digital-inclusion centres) with their
schema fields (services, publics, fees...) and the sample file of example places (the bookable sports space
itself is the sports app's demo). Everything here is illustrative.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from partnership.models import City

from ..constants import PlaceAccessMode, PlaceFee, PlaceKind, PlacePublic, PlaceService, PlaceSupportMode
from ..models import Place

SAMPLE_FILE = Path(__file__).resolve().parent.parent / "data" / "lieux-mediation-numerique-exemple.csv"
DETAILS_UPDATED_ON = dt.date(2026, 11, 20)

PLACES = [
    {
        "slug": "espace-sportif-porte-de-montreuil",
        "name": "Espace sportif numérique de la Porte de Montreuil",
        "kind": PlaceKind.SPORTS_SPACE,
        "city": "paris",
        "address": "Place de la Porte de Montreuil",
        "postcode": "75020",
        "town": "Paris",
        "latitude": Decimal("48.853600"),
        "longitude": Decimal("2.410500"),
        "opening_hours": "Mo-Fr 10:00-21:00; Sa,Su 09:00-19:00",
        "description_fr": "Espace sportif numérique financé par le partenariat Paris–Microsoft (adresse et horaires : exemple).",
        "description_en": "Digital sports space funded by the Paris–Microsoft partnership (address and hours: example).",
        "accessibility_fr": "Accès de plain-pied, vestiaires adaptés (exemple).",
        "accessibility_en": "Step-free access, adapted changing rooms (example).",
        "is_example": True,
    },
    {
        "slug": "epn-paris-20-belleville",
        "name": "Espace public numérique Belleville",
        "kind": PlaceKind.INCLUSION_CENTRE,
        "city": "paris",
        "address": "12 rue de Belleville",
        "postcode": "75020",
        "town": "Paris",
        "latitude": Decimal("48.872100"),
        "longitude": Decimal("2.377100"),
        "opening_hours": "Tu-Fr 10:00-18:00; Sa 10:00-13:00",
        "description_fr": "Accès libre à des ordinateurs et ateliers d'initiation (exemple).",
        "description_en": "Free computer access and beginners' workshops (example).",
        "accessibility_fr": "Accessible en fauteuil roulant (exemple).",
        "accessibility_en": "Wheelchair accessible (example).",
        "identifier": "demo-epn-belleville",
        "summary_fr": "Ordinateurs en accès libre et ateliers d'initiation (exemple).",
        "summary_en": "Free computer access and beginners' workshops (example).",
        "services": [PlaceService.ACCESS, PlaceService.EVERYDAY_TOOLS],
        "fees": [PlaceFee.FREE],
        "support_modes": [PlaceSupportMode.ALONE, PlaceSupportMode.WORKSHOP],
        "access_modes": [PlaceAccessMode.WALK_IN],
        "insee_code": "75120",
        "data_updated_on": DETAILS_UPDATED_ON,
        "is_example": True,
    },
    {
        "slug": "centre-social-connecte-paris-18",
        "name": "Centre social connecté de la Goutte d'Or",
        "kind": PlaceKind.INCLUSION_CENTRE,
        "city": "paris",
        "address": "5 rue Léon",
        "postcode": "75018",
        "town": "Paris",
        "latitude": Decimal("48.887400"),
        "longitude": Decimal("2.354400"),
        "opening_hours": "Mo-Fr 09:30-12:30,14:00-18:00",
        "description_fr": "Aide aux démarches administratives en ligne, sur rendez-vous ou sans (exemple).",
        "description_en": "Help with online procedures, with or without an appointment (example).",
        "identifier": "demo-centre-social-goutte-d-or",
        "summary_fr": "Aide aux démarches administratives en ligne, avec ou sans rendez-vous (exemple).",
        "summary_en": "Help with online procedures, with or without an appointment (example).",
        "services": [PlaceService.ADMIN_PROCEDURES, PlaceService.EMPLOYMENT],
        "publics": [PlacePublic.FAMILIES],
        "fees": [PlaceFee.FREE],
        "support_modes": [PlaceSupportMode.ONE_TO_ONE],
        "access_modes": [PlaceAccessMode.WALK_IN, PlaceAccessMode.PHONE],
        "insee_code": "75118",
        "data_updated_on": DETAILS_UPDATED_ON,
        "is_example": True,
    },
    {
        "slug": "espace-numerique-guillotiere",
        "name": "Espace numérique de la Guillotière",
        "kind": PlaceKind.INCLUSION_CENTRE,
        "city": "lyon",
        "address": "20 place Gabriel Péri",
        "postcode": "69007",
        "town": "Lyon",
        "latitude": Decimal("45.755300"),
        "longitude": Decimal("4.842600"),
        "opening_hours": "Mo-Sa 09:00-17:00",
        "description_fr": "Espace « Clique sur ta Ville » : recherche d'emploi et soutien scolaire en ligne (lieu : exemple).",
        "description_en": '"Clique sur ta Ville" space: job search and online school support (place: example).',
        "identifier": "demo-espace-guillotiere",
        "summary_fr": "Recherche d'emploi et soutien scolaire en ligne, programme « Clique sur ta Ville » (lieu : exemple).",
        "summary_en": 'Job search and online school support, "Clique sur ta Ville" programme (place: example).',
        "services": [PlaceService.EMPLOYMENT, PlaceService.PARENTING],
        "publics": [PlacePublic.YOUNG],
        "fees": [PlaceFee.FREE],
        "support_modes": [PlaceSupportMode.ONE_TO_ONE, PlaceSupportMode.WORKSHOP],
        "insee_code": "69387",
        "data_updated_on": DETAILS_UPDATED_ON,
        "is_example": True,
    },
    {
        "slug": "point-numerique-lyon-8",
        "name": "Point numérique des États-Unis",
        "kind": PlaceKind.INCLUSION_CENTRE,
        "city": "lyon",
        "address": "8 boulevard des États-Unis",
        "postcode": "69008",
        "town": "Lyon",
        "latitude": Decimal("45.735800"),
        "longitude": Decimal("4.864700"),
        "opening_hours": "We,Fr 14:00-19:00; Sa 10:00-12:00",
        "description_fr": "Ateliers numériques pour les familles (exemple).",
        "description_en": "Digital workshops for families (example).",
        "identifier": "demo-point-numerique-etats-unis",
        "summary_fr": "Ateliers numériques pour les familles (exemple).",
        "summary_en": "Digital workshops for families (example).",
        "services": [PlaceService.PARENTING, PlaceService.LEISURE, PlaceService.SAFE_USE],
        "publics": [PlacePublic.FAMILIES],
        "fees": [PlaceFee.FREE_UNDER_CONDITIONS],
        "support_modes": [PlaceSupportMode.WORKSHOP],
        "insee_code": "69388",
        "data_updated_on": DETAILS_UPDATED_ON,
        "is_example": True,
    },
]


# The sample file is in the national schema, which is French only: the English of its rows, by identifier.
SAMPLE_DESCRIPTION_EN = "Example place: this information is fictitious and illustrates the directory."
SAMPLE_SUMMARIES_EN = {
    "exemple-paris-epn-menilmontant": "Computers in free access, help with online procedures and beginners' workshops "
    "(fictitious example).",
    "exemple-paris-mediatheque-20": "Group workshops for families and young people: online safety, digital creation "
    "(fictitious example).",
    "exemple-paris-france-services-18": "Help with administrative procedures online, with or without an appointment "
    "(fictitious example).",
    "exemple-paris-nuit-numerique-11": "Third place open in the evening: internet access, printing, occasional help "
    "(fictitious example).",
    "exemple-paris-borne-gare-de-lyon": "Self-service internet terminal, available day and night (fictitious example).",
    "exemple-paris-ressourcerie-13": "Refurbished computers at a solidarity price and help getting started with them "
    "(fictitious example).",
    "exemple-lyon-epn-croix-rousse": "Introduction to everyday digital tools and help with online job searching "
    "(fictitious example).",
    "exemple-lyon-campus-numerique-7": "Workshops for students and young workers: online safety, finding work "
    "(fictitious example).",
}


def load_places() -> None:
    from ..management.commands.import_places import read_schema_rows
    from ..services import places_import

    cities = {c.slug: c for c in City.objects.all()}
    for data in PLACES:
        data = dict(data)
        data["city"] = cities[data["city"]]
        Place.objects.update_or_create(slug=data.pop("slug"), defaults=data)

    report = places_import(rows=read_schema_rows(SAMPLE_FILE), is_example=True)
    if report.refused:
        raise ValueError(f"Sample places refused: {[str(r) for r in report.refused]}")
    for identifier, summary_en in SAMPLE_SUMMARIES_EN.items():
        Place.objects.filter(identifier=identifier).update(summary_en=summary_en, description_en=SAMPLE_DESCRIPTION_EN)
