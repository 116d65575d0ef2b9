"""Session days, from which attendance is taken: weekdays between the first and last day, minus holidays."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from training import services

from .factories import SessionFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def days_of(start, end):
    session = SessionFactory()
    session.starts_at = dt.datetime(*start, tzinfo=PARIS)
    session.ends_at = dt.datetime(*end, tzinfo=PARIS)
    session.registration_deadline = session.starts_at - dt.timedelta(days=1)
    session.save()
    return [(d.date, d.start_time, d.end_time) for d in services.session_sync_days(session=session)]


def test_a_week_long_session_meets_every_weekday_with_the_session_hours():
    days = days_of((2026, 12, 14, 9, 30), (2026, 12, 18, 17, 0))
    assert [d for d, _, _ in days] == [dt.date(2026, 12, d) for d in range(14, 19)]
    assert {(s, e) for _, s, e in days} == {(dt.time(9, 30), dt.time(17, 0))}


def test_weekends_and_public_holidays_in_between_are_skipped():
    # Ascension Thursday, 14 May 2026; the session runs over two weeks.
    days = [d for d, _, _ in days_of((2026, 5, 11, 9, 0), (2026, 5, 19, 17, 0))]
    assert dt.date(2026, 5, 14) not in days
    assert dt.date(2026, 5, 16) not in days and dt.date(2026, 5, 17) not in days
    assert len(days) == 6


def test_a_weekend_workshop_keeps_its_saturday_and_sunday():
    days = [d for d, _, _ in days_of((2026, 6, 13, 10, 0), (2026, 6, 14, 16, 0))]
    assert days == [dt.date(2026, 6, 13), dt.date(2026, 6, 14)]


def test_a_session_ending_on_christmas_day_does_not_meet_that_day():
    days = [d for d, _, _ in days_of((2026, 12, 21, 9, 0), (2026, 12, 25, 17, 0))]
    assert days == [dt.date(2026, 12, d) for d in (21, 22, 23, 24)]


def test_easter_dates_match_the_calendar():
    assert [services._easter_sunday(y) for y in (2025, 2026, 2027)] == [
        dt.date(2025, 4, 20),
        dt.date(2026, 4, 5),
        dt.date(2027, 3, 28),
    ]


def test_moving_the_session_moves_its_days_but_keeps_days_with_attendance():
    from training.models import Attendance

    from .factories import register

    session = SessionFactory()
    first_day = session.days.get()
    registration = register(session)
    Attendance.objects.create(registration=registration, day=first_day, present=True)
    session.starts_at += dt.timedelta(days=7)
    session.ends_at += dt.timedelta(days=7)
    services.session_save(session=session)
    assert session.days.count() == 2
    assert session.days.filter(pk=first_day.pk).exists()
