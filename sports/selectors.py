"""Reads of the sports space: the resources open to booking, a week of slots, a person's bookings, the
staff's day."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from common.time import city_datetime

from .constants import BookingStatus
from .models import Booking, Slot, SportsResource


def sports_resources() -> QuerySet[SportsResource]:
    return SportsResource.objects.filter(is_active=True).with_city().select_related("initiative")


def resource_week_slots(resource: SportsResource, week_start: dt.date, person=None, now=None) -> QuerySet[Slot]:
    """The slots of one week (Monday to Sunday, Paris time) still to come, with their confirmed count and,
    for a signed-in person, whether they hold a place in each."""
    now = now or timezone.now()
    start = city_datetime(week_start, dt.time(0))
    slots = (
        resource.slots.filter(starts_at__gte=max(start, now), starts_at__lt=start + dt.timedelta(days=7))
        .with_booked_count()
        .order_by("starts_at")
    )
    if person is not None and person.is_authenticated:
        slots = slots.annotate(
            booked_by_me=Exists(
                Booking.objects.filter(slot=OuterRef("pk"), person=person, status=BookingStatus.CONFIRMED)
            )
        )
    return slots


def my_bookings(person) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(person=person)
        .select_related("slot__resource__place")
        .order_by("-slot__starts_at", "-pk")
    )


def day_bookings(day: dt.date, user) -> QuerySet[Slot]:
    """The slots of one day with their bookings, for the staff page, limited to the staff's cities."""
    start = city_datetime(day, dt.time(0))
    slots = Slot.objects.for_staff(user).filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
    return (
        slots.select_related("resource__place")
        .with_booked_count()
        .prefetch_related(
            Prefetch(
                "bookings",
                queryset=Booking.objects.select_related("person").order_by("status", "place_number", "pk"),
            )
        )
        .order_by("starts_at", "resource__name")
    )
