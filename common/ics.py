"""iCalendar files: one builder for every app's events (a session's .ics, a booking's .ics, the personal
calendar feed).

Apps describe their events as `CalendarEvent`s; times are written in the city's zone (common.time) with
its VTIMEZONE, so a phone shows 10:00 in Paris whatever its own zone. A UID names one event for good (a
calendar that imported it recognises it when it is downloaded again); SEQUENCE grows when the event
changes, and a cancelled event says STATUS:CANCELLED.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from common.time import city_localtime, city_zone

PRODID = "-//Partenariats numériques//{name}//FR"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    sequence: int = 0
    cancelled: bool = False


def event_uid(*parts: object) -> str:
    """A UID stable for the life of the row: `training-session-42@partenariats.example`."""
    domain = urlsplit(settings.SITE_URL).hostname or "partenariats.example"
    return "-".join(str(part) for part in parts) + f"@{domain}"


def calendar_bytes(events: Iterable[CalendarEvent], *, product: str, name: str = "") -> bytes:
    """The iCalendar file of `events` (times in the city's zone, its time zone definition included).
    `product` names the producer in PRODID; `name` is the calendar's display name (subscribed feeds)."""
    events = list(events)
    calendar = Calendar()
    calendar.add("prodid", PRODID.format(name=product))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-timezone", city_zone().key)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", city_localtime(item.starts_at))
        event.add("dtend", city_localtime(item.ends_at))
        event.add("summary", item.summary)
        if item.location:
            event.add("location", item.location)
        description = "\n".join(part for part in (item.description, item.url) if part)
        if description:
            event.add("description", description)
        if item.url:
            event.add("url", item.url)
        event.add("sequence", item.sequence)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        calendar.add_component(event)
    if events:
        first = min(city_localtime(item.starts_at) for item in events).date()
        last = max(city_localtime(item.ends_at) for item in events).date()
        calendar.add_missing_timezones(first_date=first - dt.timedelta(days=1), last_date=last + dt.timedelta(days=1))
    return calendar.to_ical()


def ics_response(content: bytes, *, filename: str):
    """A download of an .ics file."""
    from django.http import HttpResponse

    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
