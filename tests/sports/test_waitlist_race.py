"""Many people at once (PostgreSQL, real row locks, real threads): for the last place of a slot, for a
place in its waitlist, and for the places that free when several people cancel together.

Every service that gives or frees a place locks the slot's row first (`select_for_update`), so promotion
happens inside the cancelling transaction: nobody can slip into a freed place ahead of the waitlist. The
database backs it: one confirmed booking per place number and per person in a slot, one waiting entry per
person and slot."""

from collections import Counter

import pytest

from notifications.models import Notification
from sports.constants import BookingStatus, WaitlistStatus
from sports.models import Booking, WaitlistEntry
from sports.services import BookingError, booking_cancel, booking_create, waitlist_join
from tests.factories import UserFactory
from tests.races import run_together

from .factories import SlotFactory, SportsResourceFactory, in_days

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8


def together(calls) -> list[str]:
    """Run each call in its own thread and connection, all released at the same instant; returns each
    outcome: "ok" or the refusal's code."""
    return [
        outcome if outcome == "ok" else value.code for outcome, value in run_together(calls, expected=(BookingError,))
    ]


def confirmed(slot):
    return Booking.objects.filter(slot=slot, status=BookingStatus.CONFIRMED)


@pytest.fixture
def resource():
    return SportsResourceFactory(capacity=3, max_bookings_per_week=5)


def test_eight_people_for_the_last_place_one_books_and_the_others_queue_in_distinct_ranks(resource):
    slot = SlotFactory(resource=resource, starts_at=in_days(3, 10))
    for _ in range(slot.capacity - 1):
        booking_create(slot=slot, person=UserFactory())
    people = [UserFactory() for _ in range(THREADS)]

    outcomes = together([lambda p=p: booking_create(slot=slot, person=p) for p in people])
    assert Counter(outcomes) == Counter(ok=1, full=THREADS - 1)
    assert sorted(confirmed(slot).values_list("place_number", flat=True)) == [1, 2, 3]

    losers = [p for p, outcome in zip(people, outcomes, strict=True) if outcome == "full"]
    assert together([lambda p=p: waitlist_join(slot=slot, person=p) for p in losers]) == ["ok"] * len(losers)
    # Twice the same people at once: every second attempt is refused, no duplicate row.
    assert set(together([lambda p=p: waitlist_join(slot=slot, person=p) for p in losers])) == {"already_waiting"}
    assert WaitlistEntry.objects.filter(slot=slot, status=WaitlistStatus.WAITING).count() == len(losers)


def test_when_holders_cancel_together_the_first_in_line_get_exactly_the_freed_places(resource):
    slot = SlotFactory(resource=resource, starts_at=in_days(3, 10))
    holders = [booking_create(slot=slot, person=UserFactory()) for _ in range(slot.capacity)]
    waiting = [UserFactory() for _ in range(5)]
    for person in waiting:
        waitlist_join(slot=slot, person=person)
    # Meanwhile, five people who never queued try to book the places as they free.
    outsiders = [UserFactory() for _ in range(5)]

    calls = [lambda b=b: booking_cancel(booking=b) for b in holders[:2]]
    calls += [lambda p=p: booking_create(slot=slot, person=p) for p in outsiders]
    outcomes = together(calls)
    assert outcomes[:2] == ["ok", "ok"]
    assert set(outcomes[2:]) == {"full"}  # a freed place went to the waitlist in the same transaction

    assert confirmed(slot).count() == slot.capacity
    assert set(confirmed(slot).values_list("person", flat=True)) == {holders[2].person_id, waiting[0].pk, waiting[1].pk}
    assert len(set(confirmed(slot).values_list("place_number", flat=True))) == slot.capacity
    promoted = Notification.objects.filter(kind="sports.waitlist_promoted")
    assert sorted(promoted.values_list("recipient", flat=True)) == sorted([waiting[0].pk, waiting[1].pk])
    assert list(
        WaitlistEntry.objects.filter(slot=slot, status=WaitlistStatus.WAITING)
        .order_by("joined_at", "pk")
        .values_list("person", flat=True)
    ) == [p.pk for p in waiting[2:]]


def test_the_weekly_limit_holds_when_places_free_at_once_in_two_slots_the_same_person_waits_for(resource):
    resource.max_bookings_per_week = 1
    resource.save()
    first, second = (SlotFactory(resource=resource, starts_at=in_days(3, hour), capacity=1) for hour in (10, 12))
    holders = [booking_create(slot=slot, person=UserFactory()) for slot in (first, second)]
    eager, patient = UserFactory(), UserFactory()
    for slot in (first, second):
        waitlist_join(slot=slot, person=eager)
        waitlist_join(slot=slot, person=patient)

    assert together([lambda b=b: booking_cancel(booking=b) for b in holders]) == ["ok", "ok"]

    assert Booking.objects.filter(person=eager, status=BookingStatus.CONFIRMED).count() == 1
    assert Booking.objects.filter(person=patient, status=BookingStatus.CONFIRMED).count() == 1
    assert confirmed(first).count() == confirmed(second).count() == 1
