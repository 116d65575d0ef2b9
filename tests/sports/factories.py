"""Factories of the sports space."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from common.time import city_datetime
from initiatives.constants import PlaceKind
from sports.models import Booking, OpeningPeriod, Slot, SportsResource
from tests.factories import PlaceFactory, UserFactory


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


def week_url(slot, language: str = "fr") -> str:
    """The resource's page at the week holding `slot`: tests run on any day of the week, and a slot three days
    ahead falls in next week from Friday on."""
    from sports.services import week_bounds

    week = (week_bounds(slot.starts_at)[0] - week_bounds(timezone.now())[0]).days // 7
    return f"/{language}/espace-sportif/{slot.resource.slug}/?semaine={week}"


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
