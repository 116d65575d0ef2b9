"""The sports space's events in a person's calendar feed (common/calendar_feed.py): confirmed bookings."""

from __future__ import annotations

import datetime as dt

from common.ics import CalendarEvent

from .ics import booking_event
from .selectors import upcoming_bookings


def events_for(person, *, since: dt.datetime) -> list[CalendarEvent]:
    return [booking_event(booking) for booking in upcoming_bookings(person, now=since)]
