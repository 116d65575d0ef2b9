"""Opening hours in the OpenStreetMap `opening_hours` syntax (the `horaires` field of the La Mednum schema).

Parsing and evaluation are done by `opening-hours-py` (bindings of the Rust crate `opening-hours`, a complete
implementation of the OSM specification): day ranges and lists, several time ranges a day, ranges past
midnight ("Fr 20:00-02:00"), "off"/"closed", "24/7", and public holidays ("PH off") from the French calendar.
Every evaluation happens in the city's time zone (common.time.city_zone): an instant in any zone is converted first.

Note on OSM semantics: a later rule *replaces* the earlier ones for the days it names, so
"Mo-Fr 10:00-18:00; Fr 20:00-02:00" is open on Friday from 20:00 only; write "Fr 10:00-18:00,20:00-02:00".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import opening_hours
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.time import city_datetime, city_zone

COUNTRY = "FR"


class OpeningHoursError(ValueError):
    pass


@dataclass(frozen=True)
class OpeningState:
    """What a person needs to know: open or closed now, and until when."""

    known: bool
    is_open: bool
    next_change: dt.datetime | None


UNKNOWN = OpeningState(known=False, is_open=False, next_change=None)


def parse(expression: str) -> opening_hours.OpeningHours:
    """The parsed expression, evaluated in the city's time zone."""
    return _parse(expression, city_zone())


@lru_cache(maxsize=4096)
def _parse(expression: str, zone: ZoneInfo) -> opening_hours.OpeningHours:
    # Cached (the same few strings are evaluated for every page), per zone: the zone is part of the result.
    expression = (expression or "").strip()
    if not expression:
        raise OpeningHoursError("empty")
    try:
        return opening_hours.OpeningHours(expression, timezone=zone, country=COUNTRY)
    except (opening_hours.ParserError, SyntaxError, ValueError) as exc:
        raise OpeningHoursError(str(exc)) from exc


def is_valid(expression: str) -> bool:
    try:
        parse(expression)
    except OpeningHoursError:
        return False
    return True


def validate_opening_hours(value: str) -> None:
    """Model/form validator: blank is allowed (unknown hours), anything else must parse."""
    if value and not is_valid(value):
        raise ValidationError(
            _(
                "Horaires illisibles : utilisez la syntaxe OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-18:00 »."
            ),
            code="invalid_opening_hours",
        )


def _local(instant: dt.datetime) -> dt.datetime:
    if instant.tzinfo is None:
        raise ValueError("opening hours are evaluated at an aware datetime")
    return instant.astimezone(city_zone())


def state_at(expression: str, instant: dt.datetime) -> OpeningState:
    """Open or closed at `instant` (aware), and the next change; UNKNOWN for blank or unreadable hours."""
    try:
        parsed = parse(expression)
    except OpeningHoursError:
        return UNKNOWN
    local = _local(instant)
    state = parsed.state(local)[0]
    if state == opening_hours.State.UNKNOWN:
        return UNKNOWN
    change = parsed.next_change(local)
    return OpeningState(
        known=True,
        is_open=state == opening_hours.State.OPEN,
        next_change=change.astimezone(city_zone()) if change is not None else None,
    )


def is_open_at(expression: str, instant: dt.datetime) -> bool:
    return state_at(expression, instant).is_open


def week_schedule(expression: str, start: dt.date) -> list[tuple[dt.date, list[tuple[str, str]]]]:
    """The open intervals of the 7 days from `start`, day by day ("HH:MM" strings, "24:00" for midnight at
    the end of a day), as the engine computes them: public holidays apply, and a range past midnight shows
    as its two parts ("20:00-24:00" on Friday, "00:00-02:00" on Saturday)."""
    try:
        parsed = parse(expression)
    except OpeningHoursError:
        return []
    schedule = []
    for offset in range(7):
        day = start + dt.timedelta(days=offset)
        begin = city_datetime(day, dt.time(0))
        end = city_datetime(day + dt.timedelta(days=1), dt.time(0))
        ranges = []
        for opens, closes, state, _comment in parsed.intervals(begin, end):
            if state != opening_hours.State.OPEN:
                continue
            opens, closes = max(opens, begin).astimezone(city_zone()), min(closes, end).astimezone(city_zone())
            ranges.append((opens.strftime("%H:%M"), "24:00" if closes == end else closes.strftime("%H:%M")))
        schedule.append((day, ranges))
    return schedule
