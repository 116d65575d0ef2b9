"""Reads of the sports space: the resources open to booking, a week of slots, a person's bookings, the
staff's day."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from common.time import city_datetime

from .constants import BookingStatus, WaitlistStatus
from .models import Booking, Slot, SportsResource, WaitlistEntry


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
    slots = slots.annotate(
        waiting_count=_count(WaitlistEntry.objects.filter(slot=OuterRef("pk"), status=WaitlistStatus.WAITING))
    )
    if person is not None and person.is_authenticated:
        mine = WaitlistEntry.objects.filter(slot=OuterRef("pk"), person=person, status=WaitlistStatus.WAITING)
        slots = slots.annotate(
            booked_by_me=Exists(
                Booking.objects.filter(slot=OuterRef("pk"), person=person, status=BookingStatus.CONFIRMED)
            ),
            my_entry_id=Subquery(mine.values("pk")[:1]),
            my_entry_joined=Subquery(mine.values("joined_at")[:1]),
        ).annotate(my_position=_position("pk", "my_entry_joined", "my_entry_id"))
    return slots


def _count(queryset) -> Coalesce:
    """The number of waitlist rows of one slot, as a subquery (no join that would multiply other counts)."""
    counted = queryset.order_by().values("slot").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _position(slot_ref: str, joined_ref: str, entry_ref: str):
    """The rank (1 = next) of a waiting entry in its slot's queue: first come, first served."""
    ahead = WaitlistEntry.objects.filter(slot=OuterRef(slot_ref), status=WaitlistStatus.WAITING).filter(
        Q(joined_at__lt=OuterRef(joined_ref)) | Q(joined_at=OuterRef(joined_ref), pk__lte=OuterRef(entry_ref))
    )
    return _count(ahead)


def weekly_allowance(person, resource: SportsResource, week_start: dt.date) -> dict[str, int]:
    """What the person may still book on `resource` in the week starting on Monday `week_start`:
    {"limit", "used", "left"}."""
    start = city_datetime(week_start, dt.time(0))
    used = Booking.objects.filter(
        person=person,
        status=BookingStatus.CONFIRMED,
        slot__resource=resource,
        slot__starts_at__gte=start,
        slot__starts_at__lt=start + dt.timedelta(days=7),
    ).count()
    limit = resource.max_bookings_per_week
    return {"limit": limit, "used": used, "left": max(limit - used, 0)}


def upcoming_bookings(person, now=None) -> QuerySet[Booking]:
    """The person's confirmed bookings not over yet, soonest first ("Mon espace", the calendar feed)."""
    return (
        Booking.objects.filter(person=person, status=BookingStatus.CONFIRMED, slot__ends_at__gt=now or timezone.now())
        .select_related("slot__resource__place")
        .order_by("slot__starts_at", "pk")
    )


def my_waitlist(person, now=None) -> QuerySet[WaitlistEntry]:
    """The waitlists the person is on for slots to come, soonest first, each with its `position`."""
    return (
        WaitlistEntry.objects.filter(
            person=person, status=WaitlistStatus.WAITING, slot__starts_at__gt=now or timezone.now()
        )
        .select_related("slot__resource__place")
        .annotate(position=_position("slot", "joined_at", "pk"))
        .order_by("slot__starts_at", "pk")
    )


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
