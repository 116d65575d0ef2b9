"""Booking the sports space: rules, emails, cancellation window, weekly limit, blocking, check-in, pages."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages

from sports.constants import BookingStatus, SlotStatus
from sports.models import Booking
from sports.services import (
    AlreadyBooked,
    CancellationTooLate,
    NotCancellable,
    SlotFull,
    SlotNotBookable,
    WeeklyLimitReached,
    booking_cancel,
    booking_check_in,
    booking_create,
    slot_block,
    slot_unblock,
)
from tests.factories import UserFactory

from .factories import BookingFactory, SlotFactory, in_days, week_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def slot(resource):
    return SlotFactory(resource=resource, starts_at=in_days(3, 10))


def book(slot, person=None, **kwargs):
    return booking_create(slot=slot, person=person or UserFactory(), **kwargs)


# --- Service rules -----------------------------------------------------------------------------------------


def test_booking_takes_a_numbered_place_and_sends_a_confirmation(slot, mailoutbox, django_capture_on_commit_callbacks):
    person = UserFactory(email="lea@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(slot, person)
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.place_number == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["lea@example.org"]
    assert message.subject.startswith("Réservation confirmée")
    assert "10 h–11 h" in message.body  # common/dates.py: one format per language
    assert "/fr/espace-sportif/mes-reservations/" in message.body


def test_the_confirmation_is_in_the_persons_language(slot, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        book(slot, UserFactory(preferred_language="en"))
    assert mailoutbox[0].subject.startswith("Booking confirmed")
    assert "/en/espace-sportif/mes-reservations/" in mailoutbox[0].body


def test_a_full_slot_refuses_the_next_person(slot):
    for _ in range(slot.capacity):
        book(slot)
    with pytest.raises(SlotFull):
        book(slot)
    assert sorted(slot.bookings.values_list("place_number", flat=True)) == [1, 2, 3]


def test_a_person_books_a_slot_once(slot):
    person = UserFactory()
    book(slot, person)
    with pytest.raises(AlreadyBooked):
        book(slot, person)


def test_past_and_blocked_slots_are_not_bookable(resource):
    past = SlotFactory(resource=resource, starts_at=in_days(-1))
    with pytest.raises(SlotNotBookable):
        book(past)
    blocked = SlotFactory(resource=resource, status=SlotStatus.BLOCKED)
    with pytest.raises(SlotNotBookable):
        book(blocked)


def test_weekly_limit_counts_the_bookings_of_the_same_week(resource):
    resource.max_bookings_per_week = 2
    resource.save()
    monday = in_days(7 - in_days(0).weekday() + 7)  # a Monday, 10:00, in two weeks
    same_week = [SlotFactory(resource=resource, starts_at=monday + dt.timedelta(days=d)) for d in (0, 2, 6)]
    next_monday = SlotFactory(resource=resource, starts_at=monday + dt.timedelta(days=7))
    person = UserFactory()
    first = book(same_week[0], person)
    book(same_week[1], person)
    with pytest.raises(WeeklyLimitReached):
        book(same_week[2], person)  # Sunday is still the same week
    book(next_monday, person)  # a new week
    book(same_week[2])  # the limit is per person
    booking_cancel(booking=first)
    book(same_week[2], person)  # a cancellation gives the quota back


def test_cancellation_is_allowed_until_the_window_and_frees_the_place(
    slot, mailoutbox, django_capture_on_commit_callbacks
):
    deadline = slot.starts_at - dt.timedelta(hours=24)
    booking = book(slot, now=deadline - dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booking, now=deadline - dt.timedelta(minutes=1))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.place_number is None and booking.cancelled_at is not None
    assert mailoutbox[-1].subject.startswith("Réservation annulée")
    assert book(slot).place_number == 1  # the place is free again
    with pytest.raises(NotCancellable):
        booking_cancel(booking=booking)


def test_cancellation_after_the_window_is_refused(slot):
    booking = book(slot)
    deadline = slot.starts_at - dt.timedelta(hours=24)
    with pytest.raises(CancellationTooLate):
        booking_cancel(booking=booking, now=deadline + dt.timedelta(minutes=1))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_the_window_is_the_resources_setting(slot):
    slot.resource.cancellation_hours = 0
    slot.resource.save()
    booking = book(slot)
    booking_cancel(booking=booking, now=slot.starts_at - dt.timedelta(minutes=5))


def test_blocking_a_slot_cancels_its_bookings_and_tells_each_person(
    slot, mailoutbox, django_capture_on_commit_callbacks
):
    people = [UserFactory(email="a@example.org"), UserFactory(email="b@example.org", preferred_language="en")]
    for person in people:
        book(slot, person)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = slot_block(slot=slot, reason="Panne du chauffage")
    assert cancelled == 2
    assert set(Booking.objects.values_list("status", flat=True)) == {BookingStatus.CANCELLED_BY_STAFF}
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org"]
    french = next(m for m in mailoutbox if m.to == ["a@example.org"])
    assert french.subject.startswith("Créneau annulé par la ville")
    assert "Panne du chauffage" in french.body
    assert next(m for m in mailoutbox if m.to == ["b@example.org"]).subject.startswith("Slot cancelled by the city")
    with pytest.raises(SlotNotBookable):
        book(slot)
    with django_capture_on_commit_callbacks(execute=True):
        assert slot_block(slot=slot, reason="Encore") == 0  # blocking twice tells nobody twice
    assert len(mailoutbox) == 2
    slot_unblock(slot=slot)
    assert book(slot).place_number == 1


def test_check_in_marks_presence_once_and_only_for_confirmed_bookings(slot, staff_user):
    booking = book(slot)
    booking_check_in(booking=booking, by=staff_user)
    booking.refresh_from_db()
    first = booking.checked_in_at
    assert first is not None and booking.checked_in_by == staff_user
    booking_check_in(booking=booking, by=staff_user)
    booking.refresh_from_db()
    assert booking.checked_in_at == first
    booking_cancel(booking=BookingFactory(slot=slot, place_number=3))
    with pytest.raises(Exception, match="confirmée"):
        booking_check_in(booking=Booking.objects.get(status=BookingStatus.CANCELLED), by=staff_user)


def test_the_database_refuses_two_confirmed_bookings_on_one_place_number(slot):
    from django.db import IntegrityError, transaction

    BookingFactory(slot=slot, place_number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(slot=slot, place_number=1)
    BookingFactory(slot=slot, place_number=None, status=BookingStatus.CANCELLED)  # cancelled: no place held


# --- Citizens' pages ---------------------------------------------------------------------------------------


def test_resource_page_lists_the_weeks_slots_with_places_left(client, slot):
    book(slot)
    response = client.get(week_url(slot))
    html = response.content.decode()
    assert response.status_code == 200
    assert "10 h–11 h" in html
    assert "2 places libres" in html
    assert "Connectez-vous" in html


def test_index_goes_straight_to_the_only_space(client, slot):
    response = client.get("/fr/espace-sportif/")
    assert response.status_code == 302
    assert response["Location"] == slot.resource.get_absolute_url()


def test_booking_needs_a_signed_in_person(client, slot):
    response = client.post(f"/fr/espace-sportif/creneaux/{slot.pk}/reserver/")
    assert response.status_code == 302 and "/compte/login/" in response["Location"]
    assert not Booking.objects.exists()


def test_a_citizen_books_sees_and_cancels_a_booking(client, slot):
    person = UserFactory()
    client.force_login(person)
    response = client.post(f"/fr/espace-sportif/creneaux/{slot.pk}/reserver/")
    booking = Booking.objects.get(person=person)
    assert response.status_code == 302 and response["Location"] == f"/fr/espace-sportif/reservations/{booking.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Ajouter à mon agenda (.ics)" in page and "Vous pouvez annuler en ligne jusqu" in page
    html = client.get("/fr/espace-sportif/mes-reservations/").content.decode()
    assert slot.resource.name in html and "possible jusqu" in html
    assert "Vous êtes inscrit·e" in client.get(week_url(slot)).content.decode()
    response = client.post(f"/fr/espace-sportif/reservations/{booking.pk}/annuler/", follow=True)
    assert "Votre réservation est annulée" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_a_refused_booking_is_explained(client, slot):
    for _ in range(slot.capacity):
        book(slot)
    client.force_login(UserFactory())
    response = client.post(f"/fr/espace-sportif/creneaux/{slot.pk}/reserver/", follow=True)
    assert "Ce créneau est complet." in response.content.decode()


def test_nobody_cancels_someone_elses_booking(client, slot):
    booking = book(slot)
    client.force_login(UserFactory())
    assert client.post(f"/fr/espace-sportif/reservations/{booking.pk}/annuler/").status_code == 404
    assert client.get(f"/fr/espace-sportif/reservations/{booking.pk}/annuler/").status_code in (404, 405)


def test_late_cancellation_shows_no_button_and_the_view_refuses_it(client, resource):
    soon = SlotFactory(resource=resource, starts_at=in_days(0, 23) + dt.timedelta(hours=1))
    person = UserFactory()
    booking = book(soon, person)
    client.force_login(person)
    html = client.get("/fr/espace-sportif/mes-reservations/").content.decode()
    assert "Annulation en ligne impossible : le délai d'annulation est passé." in html and "possible jusqu" not in html
    response = client.post(f"/fr/espace-sportif/reservations/{booking.pk}/annuler/")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Ce créneau ne peut plus être annulé en ligne : le délai d'annulation est passé."
    ]


# --- Staff page --------------------------------------------------------------------------------------------


def test_staff_see_the_days_bookings_of_their_city_only(client, slot, paris_agent, lyon_agent):
    book(slot, UserFactory(email="inscrite@example.org"))
    day = slot.starts_at.date().isoformat()
    client.force_login(paris_agent)
    html = client.get(f"/fr/espace-sportif/accueil/?day={day}").content.decode()
    assert "inscrite@example.org" in html
    client.force_login(lyon_agent)
    html = client.get(f"/fr/espace-sportif/accueil/?day={day}").content.decode()
    assert "inscrite@example.org" not in html and "Aucun créneau ce jour-là." in html


def test_citizens_cannot_open_the_staff_page(client, user):
    client.force_login(user)
    assert client.get("/fr/espace-sportif/accueil/").status_code == 403


def test_staff_check_people_in(client, slot, paris_agent, lyon_agent):
    booking = book(slot)
    client.force_login(lyon_agent)
    assert client.post(f"/fr/espace-sportif/accueil/reservations/{booking.pk}/presence/").status_code == 403
    client.force_login(paris_agent)
    response = client.post(f"/fr/espace-sportif/accueil/reservations/{booking.pk}/presence/")
    assert response.status_code == 302 and "accueil/?day=" in response["Location"]
    booking.refresh_from_db()
    assert booking.checked_in_by == paris_agent


def test_staff_block_a_slot_with_a_reason_and_people_are_told(
    client, slot, paris_agent, mailoutbox, django_capture_on_commit_callbacks
):
    book(slot, UserFactory(email="x@example.org"))
    mailoutbox.clear()
    client.force_login(paris_agent)
    assert client.post(f"/fr/espace-sportif/accueil/creneaux/{slot.pk}/bloquer/", {"reason": ""}).status_code == 302
    slot.refresh_from_db()
    assert slot.status == SlotStatus.OPEN  # no reason, no block
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/fr/espace-sportif/accueil/creneaux/{slot.pk}/bloquer/", {"reason": "Inondation"})
    slot.refresh_from_db()
    assert slot.status == SlotStatus.BLOCKED and slot.blocked_reason == "Inondation"
    assert mailoutbox[0].to == ["x@example.org"] and "Inondation" in mailoutbox[0].body
    client.post(f"/fr/espace-sportif/accueil/creneaux/{slot.pk}/debloquer/")
    slot.refresh_from_db()
    assert slot.status == SlotStatus.OPEN
