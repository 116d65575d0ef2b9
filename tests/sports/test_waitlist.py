"""The waitlist of a full slot: joining (rank shown), leaving, promotion when a place frees (a cancellation,
more capacity, a slot opened again, an erased account), the weekly limit at promotion time, and who is told
what, in which language."""

import datetime as dt
import html

import pytest
from django.db import IntegrityError, transaction

from accounts.privacy import user_erase
from sports.constants import BookingStatus, WaitlistStatus
from sports.models import Booking, WaitlistEntry
from sports.services import (
    AlreadyWaiting,
    PlacesLeft,
    booking_cancel,
    booking_create,
    slot_block,
    slot_unblock,
    slot_update,
    slots_generate,
    waitlist_join,
    waitlist_leave,
    waitlist_position,
)
from tests.factories import UserFactory

from .factories import OpeningPeriodFactory, SlotFactory, in_days, week_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def slot(resource):
    return SlotFactory(resource=resource, starts_at=in_days(3, 10))


@pytest.fixture
def full_slot(slot):
    """A slot of 3 places, all taken."""
    holders = [UserFactory(email=f"titulaire{n}@example.org") for n in range(slot.capacity)]
    for person in holders:
        booking_create(slot=slot, person=person)
    return slot


def holder_booking(slot) -> Booking:
    return Booking.objects.filter(slot=slot, status=BookingStatus.CONFIRMED).order_by("place_number").first()


def text(response) -> str:
    """The page as a person reads it (entities decoded)."""
    return html.unescape(response.content.decode())


def emails_to(mailoutbox, address):
    return [message for message in mailoutbox if message.to == [address]]


# --- Joining and leaving -----------------------------------------------------------------------------------


def test_people_join_a_full_slot_in_order_and_see_their_rank(client, full_slot):
    first, second = UserFactory(), UserFactory()
    assert waitlist_position(waitlist_join(slot=full_slot, person=first)) == 1
    client.force_login(second)
    response = client.post(f"/fr/espace-sportif/creneaux/{full_slot.pk}/liste-d-attente/", follow=True)
    seen = text(response)
    assert "Vous êtes en liste d'attente, en position 2." in seen
    assert "Position dans la liste d'attente : 2" in seen  # "Mes réservations"
    page = text(client.get(week_url(full_slot)))
    assert "Vous êtes en liste d'attente (position 2)" in page and "Quitter la liste d'attente" in page


def test_a_full_slot_offers_the_waitlist_to_a_signed_in_person_with_the_queue_length(client, full_slot):
    waitlist_join(slot=full_slot, person=UserFactory())
    client.force_login(UserFactory())
    page = text(client.get(week_url(full_slot)))
    assert "Complet — 1 personne en liste d'attente" in page
    assert f"/fr/espace-sportif/creneaux/{full_slot.pk}/liste-d-attente/" in page


def test_a_slot_with_places_left_is_booked_not_waited_for(client, slot):
    with pytest.raises(PlacesLeft):
        waitlist_join(slot=slot, person=UserFactory())
    client.force_login(UserFactory())
    response = client.post(f"/fr/espace-sportif/creneaux/{slot.pk}/liste-d-attente/", follow=True)
    assert "Il reste des places sur ce créneau : réservez-le directement." in text(response)
    assert not WaitlistEntry.objects.exists()


def test_joining_twice_is_refused_and_the_database_refuses_a_second_waiting_row(full_slot):
    person = UserFactory()
    entry = waitlist_join(slot=full_slot, person=person)
    with pytest.raises(AlreadyWaiting):
        waitlist_join(slot=full_slot, person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        WaitlistEntry.objects.create(slot=full_slot, person=person)
    assert WaitlistEntry.objects.filter(pk=entry.pk, status=WaitlistStatus.WAITING).exists()


def test_a_person_who_leaves_the_list_is_not_promoted_and_the_next_one_is(client, full_slot, mailoutbox):
    leaving, staying = UserFactory(), UserFactory(email="reste@example.org")
    entry = waitlist_join(slot=full_slot, person=leaving)
    waitlist_join(slot=full_slot, person=staying)
    client.force_login(leaving)
    response = client.post(f"/fr/espace-sportif/liste-d-attente/{entry.pk}/quitter/", follow=True)
    assert "Vous avez quitté la liste d'attente." in text(response)
    assert client.post(f"/fr/espace-sportif/liste-d-attente/{entry.pk}/quitter/").status_code == 404
    booking_cancel(booking=holder_booking(full_slot))
    assert not Booking.objects.filter(person=leaving).exists()
    assert Booking.objects.get(person=staying).status == BookingStatus.CONFIRMED


def test_nobody_leaves_someone_elses_place_in_the_queue(client, full_slot):
    entry = waitlist_join(slot=full_slot, person=UserFactory())
    client.force_login(UserFactory())
    assert client.post(f"/fr/espace-sportif/liste-d-attente/{entry.pk}/quitter/").status_code == 404
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.WAITING


# --- Promotion ---------------------------------------------------------------------------------------------


def test_a_cancellation_promotes_the_first_in_line_who_is_told_in_their_language(
    full_slot, mailoutbox, django_capture_on_commit_callbacks
):
    first = UserFactory(email="first@example.org", preferred_language="en")
    second = UserFactory(email="second@example.org")
    waitlist_join(slot=full_slot, person=first)
    second_entry = waitlist_join(slot=full_slot, person=second)
    freed = holder_booking(full_slot)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=freed)
    promoted = Booking.objects.get(person=first)
    assert promoted.status == BookingStatus.CONFIRMED and promoted.place_number == 1  # the place freed
    entry = WaitlistEntry.objects.get(person=first)
    assert entry.status == WaitlistStatus.PROMOTED and entry.booking == promoted
    assert waitlist_position(second_entry) == 1

    (message,) = emails_to(mailoutbox, "first@example.org")
    assert message.subject.startswith("A place came free, your booking is confirmed:")
    assert "you were first on the waitlist" in message.body
    assert f"/en/espace-sportif/reservations/{promoted.pk}/" in message.body  # to see or cancel it
    assert f"/en/espace-sportif/reservations/{promoted.pk}/agenda.ics" in message.body
    assert "You can cancel online until" in message.body
    assert emails_to(mailoutbox, "second@example.org") == []
    subjects = [m.subject for m in emails_to(mailoutbox, freed.person.email)]
    assert [subject.split(" :")[0] for subject in subjects] == ["Réservation annulée"]


def test_a_person_at_their_weekly_limit_is_skipped_and_keeps_their_rank(client, resource, full_slot):
    busy, free = UserFactory(), UserFactory()
    # `busy` already holds the two bookings of that week the resource allows (same day, other hours).
    for hour in (14, 16):
        booking_create(slot=SlotFactory(resource=resource, starts_at=in_days(3, hour)), person=busy)
    busy_entry = waitlist_join(slot=full_slot, person=busy)
    waitlist_join(slot=full_slot, person=free)
    client.force_login(busy)
    seen = text(client.get("/fr/espace-sportif/mes-reservations/"))
    assert "Vous avez atteint votre limite de réservations pour cette semaine" in seen

    booking_cancel(booking=holder_booking(full_slot))
    assert Booking.objects.get(slot=full_slot, person=free).status == BookingStatus.CONFIRMED
    assert not Booking.objects.filter(slot=full_slot, person=busy).exists()
    busy_entry.refresh_from_db()
    assert busy_entry.status == WaitlistStatus.WAITING and waitlist_position(busy_entry) == 1

    # Once `busy` frees one of their bookings that week, the next place in the slot is theirs.
    booking_cancel(booking=Booking.objects.filter(person=busy).first())
    booking_cancel(booking=holder_booking(full_slot))
    assert Booking.objects.get(slot=full_slot, person=busy).status == BookingStatus.CONFIRMED


def test_a_place_taken_inside_the_cancellation_window_says_it_cannot_be_cancelled_online(
    resource, mailoutbox, django_capture_on_commit_callbacks
):
    soon = SlotFactory(resource=resource, starts_at=in_days(3, 10), capacity=1)
    holder, waiting = UserFactory(), UserFactory(email="tard@example.org")
    booking = booking_create(slot=soon, person=holder)
    waitlist_join(slot=soon, person=waiting)
    # Staff block then reopen the slot 20 hours before it starts (inside the 24-hour window).
    late = soon.starts_at - dt.timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        slot_block(slot=soon, reason="Fuite d'eau")
        slot_unblock(slot=soon, now=late)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED_BY_STAFF
    (message,) = emails_to(mailoutbox, "tard@example.org")
    assert "l'annulation n'est plus possible en ligne" in message.body
    assert "jusqu'au" not in message.body and "dépassé" not in message.body and "passé" not in message.body


def test_more_capacity_from_the_weekly_hours_promotes_the_waitlist(resource):
    OpeningPeriodFactory(resource=resource, weekday=in_days(3).weekday(), opens_at=dt.time(10), closes_at=dt.time(11))
    slots_generate(resource=resource)
    slot = resource.slots.get(starts_at=in_days(3, 10))
    for _ in range(slot.capacity):
        booking_create(slot=slot, person=UserFactory())
    waiting = [UserFactory(), UserFactory()]
    for person in waiting:
        waitlist_join(slot=slot, person=person)
    resource.capacity = 4
    resource.save()
    slots_generate(resource=resource)
    slot.refresh_from_db()
    assert slot.capacity == 4
    assert list(Booking.objects.filter(person__in=waiting).values_list("person", flat=True)) == [waiting[0].pk]


def test_booking_directly_takes_the_person_off_the_waitlist(full_slot):
    person = UserFactory()
    entry = waitlist_join(slot=full_slot, person=person)
    # Everyone ahead is over their limit or gone: a place stays free and the person books it themself.
    WaitlistEntry.objects.filter(pk=entry.pk).update(status=WaitlistStatus.LEFT)
    booking_cancel(booking=holder_booking(full_slot))
    WaitlistEntry.objects.filter(pk=entry.pk).update(status=WaitlistStatus.WAITING)
    booking = booking_create(slot=full_slot, person=person)
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.LEFT and entry.booking == booking


def test_an_erased_account_gives_its_place_to_the_waitlist(full_slot):
    waiting = UserFactory()
    waitlist_join(slot=full_slot, person=waiting)
    user_erase(user=holder_booking(full_slot).person)
    assert Booking.objects.get(person=waiting).status == BookingStatus.CONFIRMED


def test_leaving_a_list_one_is_no_longer_on_is_refused(full_slot):
    entry = waitlist_join(slot=full_slot, person=UserFactory())
    waitlist_leave(entry=entry)
    with pytest.raises(Exception, match="plus en liste"):
        waitlist_leave(entry=entry)


def test_staff_raising_a_slots_capacity_give_the_new_places_to_the_waitlist_in_order(full_slot):
    waiting = [UserFactory(), UserFactory(), UserFactory()]
    for person in waiting:
        waitlist_join(slot=full_slot, person=person)
    slot_update(slot=full_slot, capacity=full_slot.capacity + 2)
    assert set(Booking.objects.filter(person__in=waiting).values_list("person", flat=True)) == {
        waiting[0].pk,
        waiting[1].pk,
    }
    assert sorted(Booking.objects.filter(slot=full_slot).values_list("place_number", flat=True)) == [1, 2, 3, 4, 5]
