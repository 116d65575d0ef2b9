"""Twelve people ask for the last seat at the same instant (PostgreSQL, real row locks, real threads).

The same harness runs four ways, to show which guard does what:

| service                     | seat-number constraint | result for the last seat                          |
|-----------------------------|------------------------|---------------------------------------------------|
| real (select_for_update)    | in place               | 1 confirmed, 11 waitlisted, no error              |
| real (select_for_update)    | dropped                | 1 confirmed, 11 waitlisted: the lock alone holds  |
| without the lock            | dropped                | 12 confirmed: the session is overbooked           |
| without the lock            | in place               | 1 confirmed, 11 IntegrityErrors (rolled back):    |
|                             |                        | the constraint stops the overbooking, but people  |
|                             |                        | get an error instead of a waitlist place          |

To make the race certain rather than likely, a hook runs inside the service after it has read the free
seats and validated the row, just before the INSERT (it wraps `Registration.full_clean`). Without the
lock, the hook is a barrier: all twelve have read "one seat left" before any of them writes. With the
lock, such a barrier would never fill (only one thread can be past the lock), so the hook sleeps and
counts how many threads are inside at once: never more than one.
"""

import threading
import time
from collections import Counter
from functools import partial

import pytest
from django.db import IntegrityError, connection, transaction

from tests.factories import UserFactory
from tests.races import pause_after_full_clean, run_together
from training import services
from training.constants import RegistrationStatus
from training.models import Registration, Session

from .factories import SessionFactory, register

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 12
CAPACITY = 3


@transaction.atomic
def registration_create_without_lock(*, session: Session, **kwargs) -> Registration:
    """The real registration rule, minus `select_for_update()` on the session row."""
    return services._register(session=Session.objects.get(pk=session.pk), **kwargs)


def race(register_fn, session, people, window) -> Counter:
    """Start every thread together; each registers one person and reports the outcome."""

    def attempt(person):
        return register_fn(session=session, person=person, situation="other", motivation="Vite !", consent=True)

    with pause_after_full_clean(Registration, window):
        outcomes = run_together([partial(attempt, person) for person in people], expected=(IntegrityError,))
    return Counter(value.status if outcome == "ok" else "integrity_error" for outcome, value in outcomes)


def last_seat_session():
    session = SessionFactory(capacity=CAPACITY)
    for _ in range(CAPACITY - 1):
        register(session)
    return session, [UserFactory() for _ in range(THREADS)]


def confirmed(session) -> int:
    return Registration.objects.filter(session=session, status=RegistrationStatus.CONFIRMED).count()


class InsideCounter:
    """A window that sleeps and records the most threads ever inside it at once."""

    def __init__(self, seconds=0.05):
        self.seconds, self.inside, self.most = seconds, 0, 0
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            self.inside += 1
            self.most = max(self.most, self.inside)
        time.sleep(self.seconds)
        with self.lock:
            self.inside -= 1


def all_have_read():
    barrier = threading.Barrier(THREADS)
    return lambda: barrier.wait(timeout=10)


@pytest.fixture
def without_seat_constraint():
    """Drop the database guard (one_person_per_seat) for one test, and put it back afterwards."""
    constraint = next(c for c in Registration._meta.constraints if c.name == "one_person_per_seat")
    with connection.schema_editor() as editor:
        editor.remove_constraint(Registration, constraint)
    yield
    Registration.history.all().delete()
    Registration.objects.all().delete()
    with connection.schema_editor() as editor:
        editor.add_constraint(Registration, constraint)


def test_last_seat_goes_to_exactly_one_of_twelve_simultaneous_registrations():
    session, people = last_seat_session()
    window = InsideCounter()
    outcomes = race(services.registration_create, session, people, window)
    assert outcomes == Counter({RegistrationStatus.CONFIRMED: 1, RegistrationStatus.WAITLISTED: THREADS - 1})
    assert window.most == 1  # the lock lets one thread at a time between reading the seats and writing
    assert confirmed(session) == CAPACITY
    queue = Registration.objects.filter(session=session, status=RegistrationStatus.WAITLISTED)
    assert [services.waitlist_position(r) for r in queue.order_by("queued_at", "pk")] == list(range(1, THREADS))


def test_the_lock_alone_prevents_overbooking(without_seat_constraint):
    session, people = last_seat_session()
    outcomes = race(services.registration_create, session, people, InsideCounter())
    assert outcomes == Counter({RegistrationStatus.CONFIRMED: 1, RegistrationStatus.WAITLISTED: THREADS - 1})
    assert confirmed(session) == CAPACITY


def test_without_the_lock_or_the_constraint_the_session_is_overbooked(without_seat_constraint):
    session, people = last_seat_session()
    outcomes = race(registration_create_without_lock, session, people, all_have_read())
    assert outcomes == Counter({RegistrationStatus.CONFIRMED: THREADS})
    assert confirmed(session) == CAPACITY - 1 + THREADS  # 14 people confirmed for 3 seats


def test_without_the_lock_the_seat_constraint_stops_overbooking_by_rejecting_the_others():
    session, people = last_seat_session()
    outcomes = race(registration_create_without_lock, session, people, all_have_read())
    assert outcomes == Counter({RegistrationStatus.CONFIRMED: 1, "integrity_error": THREADS - 1})
    assert confirmed(session) == CAPACITY
    assert not Registration.objects.filter(session=session, status=RegistrationStatus.WAITLISTED).exists()
