"""Training's events in a person's calendar feed (common/calendar_feed.py): one event per day of each
session the person holds a confirmed seat in (a cancelled session's events say CANCELLED)."""

from __future__ import annotations

import datetime as dt

from common.ics import CalendarEvent

from .ics import session_events
from .selectors import confirmed_registrations


def events_for(person, *, since: dt.datetime) -> list[CalendarEvent]:
    events = []
    for registration in confirmed_registrations(person, ending_after=since):
        events.extend(session_events(registration.session))
    return events
