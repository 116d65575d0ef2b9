"""Eight people ask for the last place of a slot at the same instant (PostgreSQL, real row locks, threads).

The same harness runs four ways, to show which guard does what:

| service                          | (slot, place_number) constraint | result for the last place                   |
|----------------------------------|---------------------------------|---------------------------------------------|
| real (select_for_update on slot) | in place                        | 1 booked, 7 told "slot full", no error      |
| real (select_for_update on slot) | dropped                         | 1 booked, 7 "slot full": the lock holds     |
| without the lock                 | dropped                         | 8 booked: the slot is overbooked            |
| without the lock                 | in place                        | 1 booked, 7 IntegrityErrors (rolled back):  |
|                                  |                                 | the constraint stops the overbooking, but   |
|                                  |                                 | people get an error instead of "slot full"  |

To make the race certain rather than likely, a hook runs inside the service after it has counted the
bookings and chosen a place number, just before the INSERT (it wraps `Booking.full_clean`). Without the
lock, the hook is a barrier: all eight have read "one place left" (and chosen the same number) before any
of them writes. With the lock, such a barrier would never fill (one thread at a time is past the lock), so
the hook sleeps and records how many threads are inside at once: never more than one.
"""

import threading
import time
from collections import Counter
from functools import partial

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from sports import services as sports_services
from sports.constants import BookingStatus
from sports.models import Booking, Slot
from sports.services import SlotFull, booking_create
from tests.factories import UserFactory
from tests.races import pause_after_full_clean, run_together

from .factories import BookingFactory, SlotFactory, SportsResourceFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8
CAPACITY = 3


@transaction.atomic
def booking_create_without_lock(*, slot: Slot, person) -> Booking:
    """The real booking rules, minus `select_for_update()` on the person and slot rows."""
    return sports_services._book(
        slot=Slot.objects.select_related("resource__place__city").get(pk=slot.pk), person=person, now=timezone.now()
    )


@pytest.fixture
def last_place():
    """A slot with one place left out of CAPACITY."""
    slot = SlotFactory(resource=SportsResourceFactory(capacity=CAPACITY, max_bookings_per_week=5))
    for number in range(1, CAPACITY):
        BookingFactory(slot=slot, place_number=number)
    return slot


def race(book, slot, window) -> Counter:
    people = [UserFactory() for _ in range(THREADS)]
    with pause_after_full_clean(Booking, window):
        outcomes = run_together(
            [partial(book, slot=slot, person=person) for person in people], expected=(SlotFull, IntegrityError)
        )
    names = {"ok": "booked", "SlotFull": "full", "IntegrityError": "integrity_error"}
    return Counter(names[outcome] for outcome, _value in outcomes)


def everyone_waits_here():
    """Without the lock: all threads pass the capacity check before any writes."""
    barrier = threading.Barrier(THREADS)
    return lambda: barrier.wait(timeout=10)


class Inside:
    """With the lock: linger before the INSERT and remember how many threads were there at once."""

    def __init__(self):
        self.now = self.most = 0
        self.mutex = threading.Lock()

    def __call__(self):
        with self.mutex:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(0.05)
        with self.mutex:
            self.now -= 1


class ConstraintDropped:
    """Remove the place-number constraint for one run, then put it back (deleting the overbooked rows)."""

    name = "booking_unique_place_in_slot"

    def __enter__(self):
        self.constraint = next(c for c in Booking._meta.constraints if c.name == self.name)
        with connection.schema_editor() as editor:
            editor.remove_constraint(Booking, self.constraint)

    def __exit__(self, *exc):
        Booking.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(Booking, self.constraint)
        connection.close()


def confirmed(slot):
    return Booking.objects.filter(slot=slot, status=BookingStatus.CONFIRMED).count()


def test_the_last_place_goes_to_exactly_one_of_eight_simultaneous_people(last_place):
    inside = Inside()
    outcomes = race(booking_create, last_place, inside)
    assert outcomes == Counter(booked=1, full=THREADS - 1)
    assert confirmed(last_place) == CAPACITY
    assert inside.most == 1
    assert sorted(Booking.objects.values_list("place_number", flat=True)) == [1, 2, 3]


def test_the_lock_alone_keeps_the_capacity_when_the_constraint_is_gone(last_place):
    inside = Inside()
    with ConstraintDropped():
        outcomes = race(booking_create, last_place, inside)
        assert outcomes == Counter(booked=1, full=THREADS - 1)
        assert confirmed(last_place) == CAPACITY
    assert inside.most == 1


def test_without_lock_nor_constraint_the_slot_is_overbooked(last_place):
    with ConstraintDropped():
        outcomes = race(booking_create_without_lock, last_place, everyone_waits_here())
        assert outcomes == Counter(booked=THREADS)
        assert confirmed(last_place) == CAPACITY - 1 + THREADS  # 10 people in a slot for 3
        assert set(Booking.objects.filter(place_number=CAPACITY).values_list("status", flat=True)) == {"confirmed"}


def test_without_lock_the_constraint_is_what_stops_the_overbooking(last_place):
    outcomes = race(booking_create_without_lock, last_place, everyone_waits_here())
    assert outcomes == Counter(booked=1, integrity_error=THREADS - 1)
    assert confirmed(last_place) == CAPACITY
