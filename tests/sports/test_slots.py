"""Slots generated ahead from the weekly opening hours: idempotent, DST-proof, following staff's changes."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from sports.constants import SlotStatus
from sports.models import Slot
from sports.services import slots_generate
from sports.tasks import generate_slots

from .factories import BookingFactory, OpeningPeriodFactory, SportsResourceFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
WEDNESDAY_NOON = dt.datetime(2026, 11, 25, 12, 0, tzinfo=PARIS)


@pytest.fixture
def weekly(resource):
    resource.horizon_weeks = 2
    resource.save()
    OpeningPeriodFactory(resource=resource, weekday=0, opens_at=dt.time(10), closes_at=dt.time(12))
    OpeningPeriodFactory(resource=resource, weekday=2, opens_at=dt.time(10), closes_at=dt.time(12))
    OpeningPeriodFactory(resource=resource, weekday=2, opens_at=dt.time(14), closes_at=dt.time(15, 30))
    return resource


def local_starts(resource):
    return [s.starts_at.astimezone(PARIS).strftime("%a %d/%m %H:%M") for s in resource.slots.order_by("starts_at")]


def test_slots_follow_the_weekly_hours_for_the_horizon_and_only_in_the_future(weekly):
    assert slots_generate(resource=weekly, now=WEDNESDAY_NOON) == 8
    assert local_starts(weekly) == [
        "Wed 25/11 14:00",  # 10:00 and 11:00 have passed; 15:00-16:00 would end after closing
        "Mon 30/11 10:00",
        "Mon 30/11 11:00",
        "Wed 02/12 10:00",
        "Wed 02/12 11:00",
        "Wed 02/12 14:00",
        "Mon 07/12 10:00",
        "Mon 07/12 11:00",
    ]
    slot = weekly.slots.order_by("starts_at").first()
    assert slot.capacity == weekly.capacity
    assert slot.ends_at - slot.starts_at == dt.timedelta(hours=1)


def test_generation_is_idempotent(weekly):
    slots_generate(resource=weekly, now=WEDNESDAY_NOON)
    assert slots_generate(resource=weekly, now=WEDNESDAY_NOON) == 0
    assert weekly.slots.count() == 8


def test_wall_clock_times_survive_the_change_to_summer_time(resource):
    OpeningPeriodFactory(resource=resource, weekday=0, opens_at=dt.time(10), closes_at=dt.time(11))
    slots_generate(resource=resource, now=dt.datetime(2027, 3, 17, 12, 0, tzinfo=PARIS))  # DST starts 28 March
    before, after = resource.slots.order_by("starts_at")
    assert before.starts_at.astimezone(PARIS).hour == after.starts_at.astimezone(PARIS).hour == 10
    assert before.starts_at.astimezone(dt.UTC).hour == 9 and after.starts_at.astimezone(dt.UTC).hour == 8


def test_a_new_capacity_applies_to_future_slots_but_never_below_the_places_taken(weekly):
    slots_generate(resource=weekly, now=WEDNESDAY_NOON)
    busy = weekly.slots.order_by("starts_at")[1]
    BookingFactory.create_batch(3, slot=busy)
    weekly.capacity = 2
    weekly.save()
    slots_generate(resource=weekly, now=WEDNESDAY_NOON)
    busy.refresh_from_db()
    assert busy.capacity == 3
    assert set(weekly.slots.exclude(pk=busy.pk).values_list("capacity", flat=True)) == {2}


def test_removing_hours_removes_unbooked_slots_and_keeps_booked_ones(weekly):
    slots_generate(resource=weekly, now=WEDNESDAY_NOON)
    booked = weekly.slots.get(starts_at=dt.datetime(2026, 12, 2, 10, 0, tzinfo=PARIS))
    BookingFactory(slot=booked)
    weekly.opening_periods.filter(weekday=2).delete()
    slots_generate(resource=weekly, now=WEDNESDAY_NOON)
    assert local_starts(weekly) == [
        "Mon 30/11 10:00",
        "Mon 30/11 11:00",
        "Wed 02/12 10:00",  # someone booked it: staff decide (block it to tell them)
        "Mon 07/12 10:00",
        "Mon 07/12 11:00",
    ]


def test_blocked_slots_are_left_alone(weekly):
    slots_generate(resource=weekly, now=WEDNESDAY_NOON)
    Slot.objects.update(status=SlotStatus.BLOCKED)
    weekly.capacity = 9
    weekly.save()
    slots_generate(resource=weekly, now=WEDNESDAY_NOON)
    assert not Slot.objects.filter(capacity=9).exists()


def test_an_inactive_resource_gets_no_slots(weekly):
    weekly.is_active = False
    weekly.save()
    assert slots_generate(resource=weekly, now=WEDNESDAY_NOON) == 0


def test_command_and_periodic_task_create_slots_once(weekly):
    other = SportsResourceFactory(slug="autre-espace")
    OpeningPeriodFactory(resource=other, weekday=4)
    out = io.StringIO()
    call_command("generate_slots", "--resource", weekly.slug, stdout=out)
    assert f"{weekly.slug}:" in out.getvalue() and not other.slots.exists()
    generate_slots.delay()
    created = other.slots.count()
    assert created > 0
    assert generate_slots() == 0  # run twice, one effect
    assert other.slots.count() == created
