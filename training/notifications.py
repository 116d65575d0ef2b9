"""Training's messages to the person registered: confirmed, waitlisted, promoted from the waitlist, the
session changed or cancelled, the reminder before it starts. Templates:
training/templates/notifications/email/training/."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from common.dates import format_datetime
from notifications import kinds
from notifications.services import notify

from .models import Registration

REGISTRATION_CONFIRMED = kinds.register("training.registration_confirmed")
REGISTRATION_WAITLISTED = kinds.register("training.registration_waitlisted")
REGISTRATION_PROMOTED = kinds.register("training.registration_promoted")
SESSION_CHANGED = kinds.register("training.session_changed")
SESSION_CANCELLED = kinds.register("training.session_cancelled")
REMINDER = kinds.register("training.reminder")


def registration_confirmed(registration: Registration) -> None:
    _send(REGISTRATION_CONFIRMED, registration)


def registration_waitlisted(registration: Registration, *, position: int | None) -> None:
    _send(REGISTRATION_WAITLISTED, registration, position=position)


def registration_promoted(registration: Registration) -> None:
    _send(REGISTRATION_PROMOTED, registration)


def session_changed(registration: Registration) -> None:
    """Dates or place changed: one message per version of the session (its calendar sequence)."""
    session = registration.session
    _send(SESSION_CHANGED, registration, key=f"{SESSION_CHANGED}:{session.pk}:{session.ics_sequence}:{registration.pk}")


def session_cancelled(registration: Registration) -> None:
    _send(SESSION_CANCELLED, registration, key=f"{SESSION_CANCELLED}:{registration.session_id}:{registration.pk}")


def reminder(registration: Registration) -> None:
    _send(REMINDER, registration)


def _when(value: dt.datetime) -> str:
    return format_datetime(value)


def _context(registration: Registration) -> dict:
    """JSON-only context for the training emails, in the active language (titles, dates, links)."""
    session = registration.session
    programme = session.programme
    if session.is_remote:
        where = _("À distance")
        if session.remote_details:
            where = f"{where} — {session.remote_details}"
    else:
        place = session.place
        where = f"{place.name}, {place.address}, {place.postcode} {place.town}"
    return {
        "city_name": str(session.city.name),
        "programme_title": str(programme.title),
        "session_id": session.pk,
        "starts_label": _when(session.starts_at),
        "ends_label": _when(session.ends_at),
        "where": where,
        "session_path": reverse("training:session_detail", kwargs={"pk": session.pk}),
        "ics_path": reverse("training:session_ics", kwargs={"pk": session.pk}),
        "registrations_path": reverse("training:my_registrations"),
    }


def _send(kind: kinds.Kind, registration: Registration, *, key: str = "", **extra) -> None:
    notify(
        kind=kind,
        key=key or f"{kind}:{registration.pk}",
        recipient=registration.person,
        city=registration.session.programme.initiative.partnership.city,
        context=lambda language: _context(registration) | extra,
    )
