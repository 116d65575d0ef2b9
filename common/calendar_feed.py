"""The personal calendar feed's registry: each feature app that has dated things for a person provides
`<app>/calendar_events.py` with

    def events_for(person, *, since: datetime) -> list[common.ics.CalendarEvent]

(its confirmed bookings, registrations... ending after `since`). accounts/ serves the feed and imports no
feature app: it asks this module, which finds the providers through `common.app_hooks`."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from common.app_hooks import app_modules
from common.ics import CalendarEvent

# The feed keeps the last weeks too: a subscribed calendar deletes the events that leave the feed, and a
# person looking back at last week's session should still find it there.
KEPT_AFTER_END = dt.timedelta(days=30)


def person_events(person, *, now: dt.datetime | None = None) -> list[CalendarEvent]:
    """Every provider's events for `person` that ended less than KEPT_AFTER_END ago, soonest first (the feed)."""
    return _events(person, since=(now or timezone.now()) - KEPT_AFTER_END)


def upcoming_events(person, *, now: dt.datetime | None = None) -> list[CalendarEvent]:
    """Every provider's events for `person` not over yet, soonest first ("Mon espace")."""
    return _events(person, since=now or timezone.now())


def _events(person, *, since: dt.datetime) -> list[CalendarEvent]:
    events: list[CalendarEvent] = []
    for _app, module in app_modules("calendar_events"):
        events.extend(module.events_for(person, since=since))
    return sorted(events, key=lambda event: (event.starts_at, event.uid))
