"""Factories of the places directory and the sports space."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from common.time import city_datetime
from initiatives.constants import PlaceFee, PlaceKind, PlaceService, PlaceSupportMode
from initiatives.models import Booking, OpeningPeriod, Slot, SportsResource
from tests.factories import PlaceFactory, UserFactory


class InclusionPlaceFactory(PlaceFactory):
    kind = PlaceKind.INCLUSION_CENTRE
    identifier = factory.Sequence(lambda n: f"lieu-test-{n}")
    latitude = Decimal("48.860000")
    longitude = Decimal("2.380000")
    opening_hours = "Mo-Fr 09:00-18:00"
    summary = "Un lieu pour apprendre le numérique."
    services = factory.LazyFunction(lambda: [PlaceService.ACCESS])
    fees = factory.LazyFunction(lambda: [PlaceFee.FREE])
    support_modes = factory.LazyFunction(lambda: [PlaceSupportMode.ONE_TO_ONE])
    data_updated_on = dt.date(2026, 11, 20)


class SportsResourceFactory(DjangoModelFactory):
    class Meta:
        model = SportsResource

    name = factory.Sequence(lambda n: f"Espace sportif {n}")
    name_en = factory.Sequence(lambda n: f"Sports space {n}")
    slug = factory.Sequence(lambda n: f"espace-sportif-{n}")
    place = factory.SubFactory(PlaceFactory, kind=PlaceKind.SPORTS_SPACE)
    capacity = 3
    slot_minutes = 60
    horizon_weeks = 2
    cancellation_hours = 24
    max_bookings_per_week = 2


class OpeningPeriodFactory(DjangoModelFactory):
    class Meta:
        model = OpeningPeriod

    resource = factory.SubFactory(SportsResourceFactory)
    weekday = 0
    opens_at = dt.time(10)
    closes_at = dt.time(12)


def in_days(days: int, hour: int = 10) -> dt.datetime:
    """An aware datetime `days` from today at `hour`:00, Paris time."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return city_datetime(day, dt.time(hour))


class SlotFactory(DjangoModelFactory):
    class Meta:
        model = Slot

    resource = factory.SubFactory(SportsResourceFactory)
    starts_at = factory.Sequence(lambda n: in_days(3 + n // 8, 10 + n % 8))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=o.resource.slot_minutes))
    capacity = factory.LazyAttribute(lambda o: o.resource.capacity)


class BookingFactory(DjangoModelFactory):
    class Meta:
        model = Booking

    slot = factory.SubFactory(SlotFactory)
    person = factory.SubFactory(UserFactory)
    place_number = factory.Sequence(lambda n: n + 1)
