"""The .ics file of a session, parsed back with the icalendar library."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from training import services

from .factories import SessionFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def paris(*args):
    return dt.datetime(*args, tzinfo=PARIS)


def fetch(client, session):
    response = client.get(f"/fr/formations/sessions/{session.pk}/calendrier.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    return Calendar.from_ical(response.content)


def multi_day_session(**kwargs):
    # Monday 30 March 2026 to Friday 3 April: the change to summer time happens on Sunday 29 March.
    session = SessionFactory(**kwargs)
    session.starts_at = paris(2026, 3, 30, 9, 0)
    session.ends_at = paris(2026, 4, 3, 17, 0)
    session.registration_deadline = paris(2026, 3, 27, 12, 0)
    session.save()
    services.session_sync_days(session=session)
    return session


def test_one_event_per_day_at_the_right_paris_times(client):
    session = multi_day_session()
    calendar = fetch(client, session)
    events = calendar.walk("VEVENT")
    assert len(events) == 5
    starts = [event.decoded("dtstart") for event in events]
    days = [(3, 30), (3, 31), (4, 1), (4, 2), (4, 3)]
    assert starts == [paris(2026, month, day, 9, 0) for month, day in days]
    assert [start.tzinfo.key for start in starts] == ["Europe/Paris"] * 5
    assert events[0].decoded("dtend") == paris(2026, 3, 30, 17, 0)
    # 9:00 in Paris is 7:00 UTC in summer time (every day of this session).
    assert starts[0].astimezone(dt.UTC).hour == 7
    assert events[0]["dtstart"].params["TZID"] == "Europe/Paris"
    assert session.programme.title in str(events[0]["summary"])
    assert str(events[0]["location"]).startswith(session.place.name)


def test_the_file_carries_the_europe_paris_time_zone_definition(client):
    session = multi_day_session()
    raw = client.get(f"/fr/formations/sessions/{session.pk}/calendrier.ics").content.decode()
    assert "BEGIN:VTIMEZONE" in raw and "TZID:Europe/Paris" in raw
    assert "DTSTART;TZID=Europe/Paris:20260330T090000" in raw
    calendar = Calendar.from_ical(raw)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_a_winter_session_is_one_hour_ahead_of_utc(client):
    session = SessionFactory()
    session.starts_at = paris(2026, 12, 14, 9, 30)
    session.ends_at = paris(2026, 12, 14, 12, 0)
    session.registration_deadline = paris(2026, 12, 10, 12, 0)
    session.save()
    services.session_sync_days(session=session)
    (event,) = fetch(client, session).walk("VEVENT")
    assert event.decoded("dtstart") == paris(2026, 12, 14, 9, 30)
    assert event.decoded("dtstart").astimezone(dt.UTC).hour == 8


def test_uids_stay_the_same_and_the_sequence_grows_when_staff_move_the_session(client):
    session = multi_day_session()
    before = fetch(client, session).walk("VEVENT")
    again = fetch(client, session).walk("VEVENT")
    assert [e["uid"] for e in before] == [e["uid"] for e in again]
    assert len({str(e["uid"]) for e in before}) == 5
    session.place = None
    session.is_remote = True
    services.session_save(session=session)
    after = fetch(client, session).walk("VEVENT")
    assert [e["uid"] for e in after] == [e["uid"] for e in before]
    assert [int(e["sequence"]) for e in after] == [1] * 5
    assert str(after[0]["location"]) == "À distance"


def test_a_cancelled_session_publishes_cancelled_events(client):
    session = SessionFactory()
    services.session_cancel(session=session)
    (event,) = fetch(client, session).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1
