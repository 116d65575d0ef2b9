"""Seats, waitlist order, promotion, and the rules a registration must follow."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.models import Notification
from tests.factories import UserFactory
from training import services
from training.constants import RegistrationStatus, SessionStatus
from training.models import Registration

from .factories import RegistrationFactory, SessionFactory, register

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)


def statuses(session):
    return list(Registration.objects.filter(session=session).order_by("pk").values_list("status", "seat_number"))


def test_people_are_confirmed_while_seats_remain_then_waitlisted_in_order():
    session = SessionFactory(capacity=2)
    people = [register(session) for _ in range(4)]
    assert [r.status for r in people] == [CONFIRMED, CONFIRMED, WAITLISTED, WAITLISTED]
    assert [r.seat_number for r in people] == [1, 2, None, None]
    assert [services.waitlist_position(r) for r in people] == [None, None, 1, 2]
    session.refresh_from_db()
    assert session.status == SessionStatus.FULL


def test_when_a_confirmed_person_cancels_the_first_waitlisted_person_takes_the_seat(
    mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=1)
    first, second, third = (register(session) for _ in range(3))
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first, by=first.person)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, second.seat_number, second.was_promoted) == (CONFIRMED, 1, True)
    assert third.status == WAITLISTED and services.waitlist_position(third) == 1
    assert [m.to for m in mailoutbox] == [[second.person.email]]
    assert "Une place s'est libérée" in mailoutbox[0].subject
    session.refresh_from_db()
    assert session.status == SessionStatus.FULL


def test_a_waitlisted_person_cancelling_promotes_nobody_and_moves_the_queue_up():
    session = SessionFactory(capacity=1)
    _confirmed, second, third = (register(session) for _ in range(3))
    services.registration_cancel(registration=second, by=second.person)
    third.refresh_from_db()
    assert third.status == WAITLISTED and services.waitlist_position(third) == 1


def test_a_freed_seat_with_an_empty_waitlist_reopens_the_session():
    session = SessionFactory(capacity=1)
    only = register(session)
    session.refresh_from_db()
    assert session.status == SessionStatus.FULL
    services.registration_cancel(registration=only, by=only.person)
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN


def test_staff_raising_capacity_promotes_the_waitlist_in_order(mailoutbox, django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    people = [register(session) for _ in range(4)]
    session.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        services.session_save(session=session)
    assert [(s, n) for s, n in statuses(session)] == [
        (CONFIRMED, 1),
        (CONFIRMED, 2),
        (CONFIRMED, 3),
        (WAITLISTED, None),
    ]
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.person.email for p in people[1:3])


def test_capacity_cannot_go_below_the_confirmed_count():
    session = SessionFactory(capacity=3)
    register(session), register(session)
    session.capacity = 1
    with pytest.raises(ValidationError) as error:
        services.session_save(session=session)
    assert "capacity" in error.value.message_dict


def test_lowering_capacity_renumbers_seats_so_none_is_above_it():
    session = SessionFactory(capacity=3)
    first, _second, third = (register(session) for _ in range(3))
    services.registration_cancel(registration=first, by=first.person)
    session.refresh_from_db()
    session.capacity = 2
    services.session_save(session=session)
    assert sorted(n for s, n in statuses(session) if s == CONFIRMED) == [1, 2]
    third.refresh_from_db()
    assert third.seat_number <= 2


def test_cancelled_seat_is_reused_and_the_person_can_register_again():
    session = SessionFactory(capacity=2)
    first = register(session)
    services.registration_cancel(registration=first, by=first.person)
    again = register(session, person=first.person)
    assert again.status == CONFIRMED and again.seat_number == 1
    assert Registration.objects.filter(session=session, person=first.person).count() == 2


def test_registering_twice_is_refused_with_a_clear_message():
    session = SessionFactory()
    person = UserFactory()
    register(session, person=person)
    with pytest.raises(ValidationError, match="déjà inscrit"):
        register(session, person=person)


def test_the_database_refuses_a_second_active_registration_for_the_same_person():
    first = RegistrationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(session=first.session, person=first.person, status=WAITLISTED, seat_number=None)


def test_the_database_refuses_two_people_on_one_seat():
    first = RegistrationFactory(seat_number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(session=first.session, seat_number=1)


def test_the_database_refuses_a_confirmed_registration_without_a_seat():
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(seat_number=None)


def test_registration_after_the_deadline_is_refused():
    session = SessionFactory(in_days=1)
    session.registration_deadline = timezone.now() - dt.timedelta(minutes=1)
    session.save()
    with pytest.raises(ValidationError, match="date limite d'inscription .* est passée"):
        register(session)


def test_registration_on_a_cancelled_session_is_refused():
    session = SessionFactory()
    services.session_cancel(session=session)
    with pytest.raises(ValidationError, match="annulée"):
        register(session)


def test_registration_once_the_session_has_started_is_refused():
    session = SessionFactory(in_days=0)
    session.starts_at = timezone.now() - dt.timedelta(hours=1)
    session.ends_at = timezone.now() + dt.timedelta(hours=1)  # whatever the hour of the run
    session.registration_deadline = session.starts_at
    session.save()
    with pytest.raises(ValidationError, match="déjà commencé"):
        register(session)


def test_registration_without_consent_is_refused():
    with pytest.raises(ValidationError) as error:
        register(SessionFactory(), consent=False)
    assert "consent" in error.value.message_dict


def test_cancelling_twice_is_refused():
    registration = register(SessionFactory())
    services.registration_cancel(registration=registration, by=registration.person)
    with pytest.raises(ValidationError, match="déjà annulée"):
        services.registration_cancel(registration=registration, by=registration.person)


def test_confirmation_and_waitlist_emails_say_the_status_and_position(mailoutbox, django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(session)
        register(session)
        register(session)
    subjects = [m.subject for m in mailoutbox]
    assert "Inscription confirmée" in subjects[0]
    assert "Liste d'attente" in subjects[1]
    assert "en position 1" in mailoutbox[1].body
    assert "en position 2" in mailoutbox[2].body
    assert f"/fr/formations/sessions/{session.pk}/calendrier.ics" in mailoutbox[0].body
    assert "&#x27;" not in mailoutbox[1].body  # plain text is not HTML-escaped


def test_emails_are_in_the_recipient_language(mailoutbox, django_capture_on_commit_callbacks):
    session = SessionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        register(session, person=UserFactory(preferred_language="en"))
    message = mailoutbox[0]
    assert "Registration confirmed" in message.subject
    assert session.programme.title_en in message.subject
    assert f"/en/formations/sessions/{session.pk}/calendrier.ics" in message.body


def test_a_rolled_back_registration_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    session = SessionFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        register(session)
        raise RuntimeError
    assert mailoutbox == []
    assert not Notification.objects.exists()
