"""Demo data of the places and the sports space. Idempotent: rows are keyed by slug or identifier.

The places themselves come from partnership/demo.py (PLACES); this adds their schema fields (services,
publics, fees...), imports the sample file of example places, and sets up the sports space at Porte de
Montreuil with its weekly hours and the slots of the weeks ahead. Everything here is illustrative.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db import transaction

from .constants import PlaceAccessMode, PlaceFee, PlacePublic, PlaceService, PlaceSupportMode
from .models import Initiative, OpeningPeriod, Place, SportsResource

SAMPLE_FILE = Path(__file__).resolve().parent / "data" / "lieux-mediation-numerique-exemple.csv"

PLACE_DETAILS = {
    "epn-paris-20-belleville": {
        "identifier": "demo-epn-belleville",
        "summary_fr": "Ordinateurs en accès libre et ateliers d'initiation (exemple).",
        "summary_en": "Free computer access and beginners' workshops (example).",
        "services": [PlaceService.ACCESS, PlaceService.EVERYDAY_TOOLS],
        "fees": [PlaceFee.FREE],
        "support_modes": [PlaceSupportMode.ALONE, PlaceSupportMode.WORKSHOP],
        "access_modes": [PlaceAccessMode.WALK_IN],
        "insee_code": "75120",
    },
    "centre-social-connecte-paris-18": {
        "identifier": "demo-centre-social-goutte-d-or",
        "summary_fr": "Aide aux démarches administratives en ligne, avec ou sans rendez-vous (exemple).",
        "summary_en": "Help with online procedures, with or without an appointment (example).",
        "services": [PlaceService.ADMIN_PROCEDURES, PlaceService.EMPLOYMENT],
        "publics": [PlacePublic.FAMILIES],
        "fees": [PlaceFee.FREE],
        "support_modes": [PlaceSupportMode.ONE_TO_ONE],
        "access_modes": [PlaceAccessMode.WALK_IN, PlaceAccessMode.PHONE],
        "insee_code": "75118",
    },
    "espace-numerique-guillotiere": {
        "identifier": "demo-espace-guillotiere",
        "summary_fr": "Recherche d'emploi et soutien scolaire en ligne, programme « Clique sur ta Ville » (lieu : exemple).",
        "summary_en": 'Job search and online school support, "Clique sur ta Ville" programme (place: example).',
        "services": [PlaceService.EMPLOYMENT, PlaceService.PARENTING],
        "publics": [PlacePublic.YOUNG],
        "fees": [PlaceFee.FREE],
        "support_modes": [PlaceSupportMode.ONE_TO_ONE, PlaceSupportMode.WORKSHOP],
        "insee_code": "69387",
    },
    "point-numerique-lyon-8": {
        "identifier": "demo-point-numerique-etats-unis",
        "summary_fr": "Ateliers numériques pour les familles (exemple).",
        "summary_en": "Digital workshops for families (example).",
        "services": [PlaceService.PARENTING, PlaceService.LEISURE, PlaceService.SAFE_USE],
        "publics": [PlacePublic.FAMILIES],
        "fees": [PlaceFee.FREE_UNDER_CONDITIONS],
        "support_modes": [PlaceSupportMode.WORKSHOP],
        "insee_code": "69388",
    },
}

SPORTS_SPACE = {
    "slug": "espace-sportif-porte-de-montreuil",
    "place": "espace-sportif-porte-de-montreuil",
    "initiative": "espace-sportif-numerique-porte-de-montreuil",
    "name_fr": "Espace sportif numérique de la Porte de Montreuil",
    "name_en": "Porte de Montreuil digital sports space",
    "description_fr": "Salle d'activités sportives équipée de dispositifs numériques, réservable par créneaux d'une heure (horaires et capacité : exemple).",
    "description_en": "Sports hall fitted with digital equipment, bookable by one-hour slots (hours and capacity: example).",
    "slot_minutes": 60,
    "capacity": 12,
    "horizon_weeks": 4,
    "cancellation_hours": 24,
    "max_bookings_per_week": 2,
}
# Same hours as the place (partnership/demo.py): Mo-Fr 10:00-21:00; Sa,Su 09:00-19:00.
OPENING = [(day, dt.time(10), dt.time(21)) for day in range(5)] + [(day, dt.time(9), dt.time(19)) for day in (5, 6)]


@transaction.atomic
def load() -> None:
    from .management.commands.import_places import read_rows
    from .services import places_import, slots_generate

    for slug, values in PLACE_DETAILS.items():
        Place.objects.filter(slug=slug).update(data_updated_on=dt.date(2026, 11, 20), **values)

    _columns, rows = read_rows(SAMPLE_FILE)
    report = places_import(rows=rows, is_example=True)
    if report.rejected:
        raise ValueError(f"Sample places rejected: {[str(r) for r in report.rejected]}")

    data = dict(SPORTS_SPACE)
    place = Place.objects.get(slug=data.pop("place"))
    initiative = Initiative.objects.filter(slug=data.pop("initiative")).first()
    resource, _created = SportsResource.objects.update_or_create(
        slug=data.pop("slug"), defaults={**data, "place": place, "initiative": initiative}
    )
    for weekday, opens, closes in OPENING:
        OpeningPeriod.objects.update_or_create(
            resource=resource, weekday=weekday, defaults={"opens_at": opens, "closes_at": closes}
        )
    slots_generate(resource=resource)
