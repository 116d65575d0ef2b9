"""Demo sports space: the bookable room at the Porte de Montreuil (on the place and the initiative the
catalogue's demo creates), its weekly hours and the slots of the weeks ahead. Idempotent: keyed by slug.
Everything here is illustrative."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from initiatives.models import Initiative, Place

from .models import OpeningPeriod, SportsResource
from .services import slots_generate

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
# Same hours as the place (initiatives/demo/places.py): Mo-Fr 10:00-21:00; Sa,Su 09:00-19:00.
OPENING = [(day, dt.time(10), dt.time(21)) for day in range(5)] + [(day, dt.time(9), dt.time(19)) for day in (5, 6)]


@transaction.atomic
def load() -> None:
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
