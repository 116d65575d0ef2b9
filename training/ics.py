"""The .ics file of a session: one event per session day, in the city's time zone, with stable UIDs
(common/ics.py builds the file).

A calendar that imported the file recognises the same events when it is downloaded again (same
UID); SEQUENCE grows when staff change the dates or the place, and a cancelled session's events say
STATUS:CANCELLED.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from common.ics import CalendarEvent, calendar_bytes, event_uid
from common.site import absolute_url

from .models import Session

PRODUCT = "Formations"


def session_event_uid(session: Session, day_pk: int | None = None) -> str:
    return event_uid("training-session", session.pk, *(("day", day_pk) if day_pk else ()))


def _where(session: Session) -> str:
    if session.is_remote:
        return session.remote_details or _("À distance")
    place = session.place
    return f"{place.name}, {place.address}, {place.postcode} {place.town}"


def session_events(session: Session, days=None) -> list[CalendarEvent]:
    """One event per day of the session (`days` defaults to its days); a session without days is one event."""
    days = list(session.days.all() if days is None else days)
    spans = [(d.pk, d.starts_at, d.ends_at) for d in days] or [(None, session.starts_at, session.ends_at)]
    url = absolute_url(session.get_absolute_url())
    events = []
    for index, (day_pk, starts, ends) in enumerate(spans, start=1):
        summary = str(session.programme.title)
        if len(spans) > 1:
            summary = _("%(title)s (jour %(number)s sur %(total)s)") % {
                "title": summary,
                "number": index,
                "total": len(spans),
            }
        events.append(
            CalendarEvent(
                uid=session_event_uid(session, day_pk),
                starts_at=starts,
                ends_at=ends,
                summary=summary,
                location=_where(session),
                description=str(session.programme.summary),
                url=url,
                sequence=session.ics_sequence,
                cancelled=session.is_cancelled,
            )
        )
    return events


def session_ics(session: Session, days=None) -> bytes:
    return calendar_bytes(session_events(session, days), product=PRODUCT)
