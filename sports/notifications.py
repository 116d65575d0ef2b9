"""The sports space's messages to the person who booked: booking confirmed, cancelled, or cancelled by
staff because the slot was blocked. Templates: sports/templates/notifications/email/sports/."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats

from common.time import city_localtime
from notifications import kinds
from notifications.services import notify

from .models import Booking

BOOKING_CONFIRMED = kinds.register("sports.booking_confirmed")
BOOKING_CANCELLED = kinds.register("sports.booking_cancelled")
SLOT_BLOCKED = kinds.register("sports.slot_blocked")


def booking_confirmed(booking: Booking) -> None:
    _send(BOOKING_CONFIRMED, booking)


def booking_cancelled(booking: Booking) -> None:
    _send(BOOKING_CANCELLED, booking)


def slot_blocked(booking: Booking) -> None:
    """Staff blocked the slot: the booking was cancelled, and the person reads why."""
    _send(SLOT_BLOCKED, booking, reason=booking.slot.blocked_reason)


def _context(booking: Booking) -> dict:
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
        "slot_date": formats.date_format(starts, "l j F Y"),
        "slot_start": formats.time_format(starts, "H:i"),
        "slot_end": formats.time_format(ends, "H:i"),
        "cancellation_deadline": formats.date_format(city_localtime(slot.cancellation_deadline), "l j F Y, H:i"),
        "my_bookings_path": reverse("sports:my_bookings"),
        "resource_path": resource.get_absolute_url(),
    }


def _send(kind: kinds.Kind, booking: Booking, **extra) -> None:
    notify(
        kind=kind,
        key=f"{kind}:{booking.pk}",
        recipient=booking.person,
        city=booking.slot.resource.place.city,
        context=lambda language: _context(booking) | extra,
    )
