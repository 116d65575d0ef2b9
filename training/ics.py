"""The .ics file of a session: one event per session day, in the city's time zone, with stable UIDs.

A calendar that imported the file recognises the same events when it is downloaded again (same
UID); SEQUENCE grows when staff change the dates or the place, and a cancelled session's events say
STATUS:CANCELLED.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from common.time import city_zone

from .models import Session

PRODID = "-//Partenariats numériques//Formations//FR"


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "partenariats.example"


def session_event_uid(session: Session, day_pk: int | None = None) -> str:
    suffix = f"-day-{day_pk}" if day_pk else ""
    return f"training-session-{session.pk}{suffix}@{_domain()}"


def _where(session: Session) -> str:
    if session.is_remote:
        return session.remote_details or _("À distance")
    place = session.place
    return f"{place.name}, {place.address}, {place.postcode} {place.town}"


def session_ics(session: Session, days=None) -> bytes:
    """Build the calendar. `days` defaults to the session's days; a session without days is one event."""
    days = list(session.days.all() if days is None else days)
    spans = [(d.pk, d.starts_at, d.ends_at) for d in days] or [(None, session.local_starts_at, session.local_ends_at)]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-timezone", city_zone().key)
    url = settings.SITE_URL + session.get_absolute_url()
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for index, (day_pk, starts, ends) in enumerate(spans, start=1):
        event = Event()
        event.add("uid", session_event_uid(session, day_pk))
        event.add("dtstamp", stamp)
        event.add("dtstart", starts)
        event.add("dtend", ends)
        summary = str(session.programme.title)
        if len(spans) > 1:
            summary = _("%(title)s (jour %(number)s sur %(total)s)") % {
                "title": summary,
                "number": index,
                "total": len(spans),
            }
        event.add("summary", summary)
        event.add("location", _where(session))
        event.add("description", f"{session.programme.summary}\n{url}")
        event.add("url", url)
        event.add("sequence", session.ics_sequence)
        event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
        calendar.add_component(event)
    first, last = spans[0][1].date(), spans[-1][2].date()
    calendar.add_missing_timezones(first_date=first - dt.timedelta(days=1), last_date=last + dt.timedelta(days=1))
    return calendar.to_ical()
