"""The sports space's messages to the person who booked: booking confirmed, a place obtained from the
waitlist, the reminder the day before, booking cancelled, cancelled by staff (that booking alone, or the slot
blocked). Templates: sports/templates/notifications/email/sports/."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from common.dates import format_date, format_datetime, format_time
from common.time import city_localtime
from notifications import kinds
from notifications.services import notify

from .models import Booking

BOOKING_CONFIRMED = kinds.register("sports.booking_confirmed")
BOOKING_CANCELLED = kinds.register("sports.booking_cancelled")
SLOT_BLOCKED = kinds.register("sports.slot_blocked")
BOOKING_CANCELLED_BY_STAFF = kinds.register("sports.booking_cancelled_by_staff")
WAITLIST_PROMOTED = kinds.register("sports.waitlist_promoted")
REMINDER = kinds.register("sports.reminder")


def booking_confirmed(booking: Booking, *, now: dt.datetime | None = None) -> None:
    _send(BOOKING_CONFIRMED, booking, now=now)


def waitlist_promoted(booking: Booking, *, now: dt.datetime | None = None) -> None:
    """A place freed and went to this person, first on the waitlist within their weekly limit."""
    _send(WAITLIST_PROMOTED, booking, now=now)


def reminder(booking: Booking) -> None:
    _send(REMINDER, booking)


def booking_cancelled(booking: Booking) -> None:
    _send(BOOKING_CANCELLED, booking)


def booking_cancelled_by_staff(booking: Booking, *, reason: str = "") -> None:
    """Staff cancelled this one booking from the admin, with or without a reason; the place went back to the
    waitlist."""
    _send(BOOKING_CANCELLED_BY_STAFF, booking, reason=reason)


def slot_blocked(booking: Booking) -> None:
    """Staff blocked the slot: the booking was cancelled, and the person reads why."""
    _send(SLOT_BLOCKED, booking, reason=booking.slot.blocked_reason)


def _context(booking: Booking, now: dt.datetime) -> dict:
    slot = booking.slot
    resource = slot.resource
    place = resource.place
    starts = city_localtime(slot.starts_at)
    ends = city_localtime(slot.ends_at)
    return {
        "city_name": str(place.city.name),
        "resource_name": str(resource.name),
        "place_name": place.name,
        "place_address": f"{place.address}, {place.postcode} {place.town}",
        "slot_date": format_date(starts),
        "slot_start": format_time(starts),
        "slot_end": format_time(ends),
        # Said only while it is still ahead: a booking made inside the window reads "no longer online".
        "can_cancel_online": now <= slot.cancellation_deadline,
        "cancellation_deadline": format_datetime(slot.cancellation_deadline),
        "booking_path": reverse("sports:booking", kwargs={"pk": booking.pk}),
        "ics_path": reverse("sports:booking_ics", kwargs={"pk": booking.pk}),
        "my_bookings_path": reverse("sports:my_bookings"),
        "resource_path": resource.get_absolute_url(),
    }


def _send(kind: kinds.Kind, booking: Booking, *, now: dt.datetime | None = None, **extra) -> None:
    now = now or timezone.now()
    notify(
        kind=kind,
        key=f"{kind}:{booking.pk}",
        recipient=booking.person,
        city=booking.slot.resource.place.city,
        context=lambda language: _context(booking, now) | extra,
    )
