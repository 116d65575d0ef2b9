"""The calendar event of a booking (its .ics file, and the personal calendar feed): the slot's times in the
city's zone, a UID stable for the booking's life, SEQUENCE raised on every change, CANCELLED once cancelled."""

from __future__ import annotations

from common.ics import CalendarEvent, calendar_bytes, event_uid
from common.site import absolute_url

from .constants import BookingStatus
from .models import Booking

PRODUCT = "Espace sportif"


def booking_event(booking: Booking) -> CalendarEvent:
    slot = booking.slot
    resource = slot.resource
    place = resource.place
    return CalendarEvent(
        uid=event_uid("sports-booking", booking.pk),
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        summary=str(resource.name),
        location=f"{place.name}, {place.address}, {place.postcode} {place.town}",
        url=absolute_url(booking.get_absolute_url()),
        sequence=booking.ics_sequence,
        cancelled=booking.status != BookingStatus.CONFIRMED,
    )


def booking_ics(booking: Booking) -> bytes:
    return calendar_bytes([booking_event(booking)], product=PRODUCT)
