"""City staff cancel one booking from the admin (through the sports service: the person is told, the place goes
to the waitlist) and read each slot's waitlist there, for their own city only."""

import pytest

from sports.constants import BookingStatus, WaitlistStatus
from sports.models import Booking, WaitlistEntry
from sports.services import booking_create, waitlist_join
from tests.factories import UserFactory

from .factories import SlotFactory, SportsResourceFactory, in_days

pytestmark = pytest.mark.django_db

ADMIN = "/fr/admin/sports"


@pytest.fixture
def paris_slot(paris):
    """A full Paris slot of one place, and someone (English-speaking) waiting for it."""
    slot = SlotFactory(resource=SportsResourceFactory(place__city=paris, name="Gymnase Paris", capacity=1), capacity=1)
    booking_create(slot=slot, person=UserFactory(email="titulaire@example.org", first_name="Inès"))
    waitlist_join(
        slot=slot,
        person=UserFactory(
            email="waiting@example.org", first_name="Jane", last_name="Waiting", preferred_language="en"
        ),
    )
    return slot


@pytest.fixture
def lyon_slot(lyon):
    slot = SlotFactory(resource=SportsResourceFactory(place__city=lyon, name="Gymnase Lyon", capacity=1), capacity=1)
    booking_create(slot=slot, person=UserFactory(email="lyonnais@example.org"))
    waitlist_join(slot=slot, person=UserFactory(email="attente.lyon@example.org"))
    return slot


def cancel(client, *bookings, reason=None):
    data = {"action": "cancel_bookings", "_selected_action": [b.pk for b in bookings]}
    if reason is not None:
        data["reason"] = reason
    return client.post(f"{ADMIN}/booking/", data, follow=True)


def test_staff_cancel_one_booking_the_person_is_told_and_the_first_waiting_gets_the_place(
    client, paris_agent, paris_slot, mailoutbox, django_capture_on_commit_callbacks
):
    booking = Booking.objects.get(slot=paris_slot, person__email="titulaire@example.org")
    client.force_login(paris_agent)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = cancel(client, booking)
    assert "1 réservation annulée ; la personne est prévenue." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED_BY_STAFF and booking.place_number is None
    promoted = Booking.objects.get(slot=paris_slot, status=BookingStatus.CONFIRMED)
    assert promoted.person.email == "waiting@example.org"
    assert WaitlistEntry.objects.get(person=promoted.person).status == WaitlistStatus.PROMOTED
    told = {message.to[0]: message.subject for message in mailoutbox}
    assert told["titulaire@example.org"].startswith("Réservation annulée par la ville : Gymnase Paris")
    assert told["waiting@example.org"].startswith("A place came free, your booking is confirmed: Sports space")


def test_the_reason_staff_give_reaches_the_person_in_their_language(
    client, paris_agent, paris_slot, mailoutbox, django_capture_on_commit_callbacks
):
    booking = Booking.objects.get(slot=paris_slot, person__email="titulaire@example.org")
    client.force_login(paris_agent)
    listing = client.get(f"{ADMIN}/booking/").content.decode()
    assert "Motif de l&#x27;annulation (facultatif, envoyé à la personne)" in listing
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel(client, booking, reason="Fuite d'eau dans le gymnase <b>")
    [message] = [m for m in mailoutbox if m.to == ["titulaire@example.org"]]
    assert "Motif : Fuite d'eau dans le gymnase <b>" in message.body
    assert "Pour savoir pourquoi" not in message.body
    html = message.alternatives[0][0]
    assert "Fuite d&#x27;eau dans le gymnase &lt;b&gt;" in html  # escaped in the HTML part

    english = booking_create(
        slot=SlotFactory(resource=paris_slot.resource, starts_at=in_days(4, 10)),
        person=UserFactory(email="reader@example.org", preferred_language="en"),
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel(client, english, reason="Gymnase fermé")
    [message] = mailoutbox
    assert message.to == ["reader@example.org"]
    assert "The city has cancelled your booking" in message.body and "Reason: Gymnase fermé" in message.body


def test_a_reason_too_long_is_said_and_nothing_is_cancelled(client, paris_agent, paris_slot, mailoutbox):
    booking = Booking.objects.get(slot=paris_slot, person__email="titulaire@example.org")
    client.force_login(paris_agent)
    mailoutbox.clear()
    response = cancel(client, booking, reason="x" * 201)
    assert response.status_code == 200
    assert "Le motif tient en 200 caractères au plus (201 reçus) : aucune réservation annulée." in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED and mailoutbox == []


def test_a_booking_of_another_city_or_of_a_slot_already_started_is_not_cancelled(
    client, paris_agent, paris_slot, lyon_slot, mailoutbox
):
    client.force_login(paris_agent)
    lyon_booking = Booking.objects.get(slot=lyon_slot, status=BookingStatus.CONFIRMED)
    cancel(client, lyon_booking)
    assert Booking.objects.get(pk=lyon_booking.pk).status == BookingStatus.CONFIRMED  # outside their scope

    started = SlotFactory(resource=paris_slot.resource, starts_at=in_days(3, 8))
    booking = booking_create(slot=started, person=UserFactory())
    type(started).objects.filter(pk=started.pk).update(starts_at=in_days(-1, 8), ends_at=in_days(-1, 9))
    response = cancel(client, booking)
    assert "Ce créneau a commencé" in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED


def test_staff_read_the_waitlist_of_their_citys_slots_only(client, paris_agent, paris_slot, lyon_slot):
    client.force_login(paris_agent)
    page = client.get(f"{ADMIN}/slot/{paris_slot.pk}/change/").content.decode()
    assert "Liste d&#x27;attente" in page or "Liste d'attente" in page
    assert "Jane Waiting" in page
    listing = client.get(f"{ADMIN}/waitlistentry/")
    assert listing.status_code == 200
    assert [entry.person.email for entry in listing.context["cl"].result_list] == ["waiting@example.org"]
    lyon_entry = WaitlistEntry.objects.get(slot=lyon_slot)
    assert client.get(f"{ADMIN}/waitlistentry/{lyon_entry.pk}/change/").status_code in (302, 404)
    assert client.get(f"{ADMIN}/waitlistentry/{lyon_entry.pk}/history/").status_code in (302, 403, 404)
    paris_entry = WaitlistEntry.objects.get(slot=paris_slot)
    assert client.get(f"{ADMIN}/waitlistentry/{paris_entry.pk}/change/").status_code == 200
    assert client.get(f"{ADMIN}/waitlistentry/add/").status_code == 403
    assert client.post(f"{ADMIN}/waitlistentry/{paris_entry.pk}/delete/", {"post": "yes"}).status_code in (302, 403)
    assert WaitlistEntry.objects.filter(pk=paris_entry.pk).exists()
