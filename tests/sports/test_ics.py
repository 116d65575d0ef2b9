"""The .ics of a booking, parsed back with the icalendar library: the slot's Paris times with the time zone's
definition, a UID that stays, SEQUENCE raised and STATUS:CANCELLED once cancelled; only its owner gets it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from sports.services import booking_cancel, booking_create, slot_block
from tests.factories import UserFactory

from .factories import SlotFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def fetch(client, booking):
    response = client.get(f"/fr/espace-sportif/reservations/{booking.pk}/agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert f'filename="reservation-{booking.pk}.ics"' in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]
    return response.content.decode()


@pytest.fixture
def winter_booking(resource):
    # Monday 14 December 2026, 18:00 in Paris (17:00 UTC); booked on 1 December.
    starts = dt.datetime(2026, 12, 14, 18, 0, tzinfo=PARIS)
    slot = SlotFactory(resource=resource, starts_at=starts, ends_at=starts + dt.timedelta(hours=1))
    return booking_create(slot=slot, person=UserFactory(), now=dt.datetime(2026, 12, 1, 9, tzinfo=PARIS))


def test_the_booking_is_one_event_at_the_slots_paris_time_with_its_place(client, winter_booking):
    client.force_login(winter_booking.person)
    raw = fetch(client, winter_booking)
    assert "DTSTART;TZID=Europe/Paris:20261214T180000" in raw and "DTEND;TZID=Europe/Paris:20261214T190000" in raw
    assert "BEGIN:VTIMEZONE" in raw and "TZID:Europe/Paris" in raw
    (event,) = Calendar.from_ical(raw).walk("VEVENT")
    assert event.decoded("dtstart").astimezone(dt.UTC).hour == 17
    assert str(event["summary"]) == winter_booking.slot.resource.name
    assert str(event["location"]).startswith(winter_booking.slot.resource.place.name)
    assert str(event["status"]) == "CONFIRMED" and int(event["sequence"]) == 0
    assert str(event["uid"]) == f"sports-booking-{winter_booking.pk}@127.0.0.1"
    assert str(event["url"]).endswith(f"/fr/espace-sportif/reservations/{winter_booking.pk}/")


def test_the_uid_stays_and_a_cancellation_raises_the_sequence_and_says_cancelled(client, winter_booking):
    client.force_login(winter_booking.person)
    (before,) = Calendar.from_ical(fetch(client, winter_booking)).walk("VEVENT")
    booking_cancel(booking=winter_booking, now=dt.datetime(2026, 12, 2, 9, tzinfo=PARIS))
    (after,) = Calendar.from_ical(fetch(client, winter_booking)).walk("VEVENT")
    assert after["uid"] == before["uid"]
    assert int(after["sequence"]) == 1 and str(after["status"]) == "CANCELLED"


def test_a_slot_blocked_by_staff_cancels_the_event_too(client, winter_booking):
    slot_block(slot=winter_booking.slot, reason="Maintenance")
    client.force_login(winter_booking.person)
    (event,) = Calendar.from_ical(fetch(client, winter_booking)).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED" and int(event["sequence"]) == 1


def test_only_the_person_who_booked_gets_the_file(client, winter_booking):
    url = f"/fr/espace-sportif/reservations/{winter_booking.pk}/agenda.ics"
    assert "/compte/login/" in client.get(url)["Location"]
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(f"/fr/espace-sportif/reservations/{winter_booking.pk}/").status_code == 404
