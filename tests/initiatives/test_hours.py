"""'Open now' from OSM opening_hours, evaluated in Europe/Paris at given instants."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from initiatives.hours import is_open_at, is_valid, state_at, validate_opening_hours, week_schedule

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC
WEEKDAYS = "Mo-Fr 10:00-18:00; Sa 10:00-13:00"


def paris(*args):
    return dt.datetime(*args, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (paris(2026, 11, 24, 12, 0), True),  # Tuesday noon
        (paris(2026, 11, 24, 9, 59), False),  # before opening
        (paris(2026, 11, 24, 10, 0), True),  # the opening minute is open
        (paris(2026, 11, 24, 18, 0), False),  # the closing minute is closed
        (paris(2026, 11, 28, 12, 30), True),  # Saturday morning
        (paris(2026, 11, 28, 13, 30), False),  # Saturday afternoon
        (paris(2026, 11, 29, 12, 0), False),  # Sunday: a day the expression does not name is closed
    ],
)
def test_open_at_given_instants(instant, expected):
    assert is_open_at(WEEKDAYS, instant) is expected


def test_a_closed_day_says_when_it_opens_next():
    state = state_at(WEEKDAYS, paris(2026, 11, 29, 12, 0))  # Sunday
    assert state.known and not state.is_open
    assert state.next_change == paris(2026, 11, 30, 10, 0)  # Monday 10:00


def test_off_closes_a_day_named_by_an_earlier_rule():
    hours = "Mo-Sa 10:00-18:00; We off"
    assert is_open_at(hours, paris(2026, 11, 24, 12, 0))  # Tuesday
    assert not is_open_at(hours, paris(2026, 11, 25, 12, 0))  # Wednesday off


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (paris(2026, 11, 27, 19, 59), False),  # Friday before the evening opening
        (paris(2026, 11, 27, 23, 30), True),  # Friday night
        (paris(2026, 11, 28, 1, 30), True),  # Saturday 01:30: still Friday's range, past midnight
        (paris(2026, 11, 28, 2, 0), False),  # closed at 02:00
        (paris(2026, 11, 27, 1, 0), False),  # Thursday night is not covered
    ],
)
def test_a_range_past_midnight_stays_open_into_the_next_day(instant, expected):
    assert is_open_at("Fr 20:00-02:00", instant) is expected


def test_instants_in_other_timezones_are_converted_to_paris_time_winter_and_summer():
    # 16:30 UTC is 17:30 in Paris in November (UTC+1) but 18:30 in July (UTC+2).
    assert is_open_at(WEEKDAYS, dt.datetime(2026, 11, 27, 16, 30, tzinfo=UTC))
    assert not is_open_at(WEEKDAYS, dt.datetime(2026, 7, 3, 16, 30, tzinfo=UTC))


def test_public_holidays_follow_the_french_calendar():
    hours = "Mo-Fr 10:00-18:00; PH off"
    assert not is_open_at(hours, paris(2026, 12, 25, 12, 0))  # Christmas, a Friday
    assert not is_open_at(hours, paris(2026, 7, 14, 12, 0))  # Bastille Day, a Tuesday
    assert is_open_at(hours, paris(2026, 7, 15, 12, 0))


def test_always_open_and_always_closed():
    assert is_open_at("24/7", paris(2026, 11, 29, 3, 0))
    assert not is_open_at("off", paris(2026, 11, 24, 12, 0))


def test_a_later_rule_replaces_an_earlier_one_for_its_days_as_osm_says():
    # A trap seen in real files: Friday is open from 20:00 only here, not 10:00-18:00 as well.
    assert not is_open_at("Mo-Fr 10:00-18:00; Fr 20:00-02:00", paris(2026, 11, 27, 12, 0))
    assert is_open_at("Mo-Fr 10:00-18:00; Fr 10:00-18:00,20:00-02:00", paris(2026, 11, 27, 12, 0))


@pytest.mark.parametrize("hours", ["", "   ", "tous les jours", "Mo-Fr 25:00-26:00"])
def test_blank_or_unreadable_hours_are_unknown_not_closed(hours):
    state = state_at(hours, paris(2026, 11, 24, 12, 0))
    assert not state.known
    assert not state.is_open


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="aware"):
        is_open_at(WEEKDAYS, dt.datetime(2026, 11, 24, 12, 0))  # noqa: DTZ001


def test_validator_accepts_osm_syntax_and_explains_a_mistake():
    validate_opening_hours("Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-13:00; PH off")
    validate_opening_hours("")
    assert not is_valid("lundi au vendredi 9h-18h")
    with pytest.raises(ValidationError, match="OpenStreetMap"):
        validate_opening_hours("lundi au vendredi 9h-18h")


def test_week_schedule_shows_each_day_and_splits_a_night_range_at_midnight():
    week = dict(week_schedule("Mo-Fr 10:00-12:00,14:00-18:00; Fr 10:00-12:00,20:00-02:00", dt.date(2026, 11, 23)))
    assert week[dt.date(2026, 11, 23)] == [("10:00", "12:00"), ("14:00", "18:00")]
    assert week[dt.date(2026, 11, 27)] == [("10:00", "12:00"), ("20:00", "24:00")]
    assert week[dt.date(2026, 11, 28)] == [("00:00", "02:00")]
    assert week[dt.date(2026, 11, 29)] == []
    assert week_schedule("n'importe quoi", dt.date(2026, 11, 23)) == []
