"""Writes of the sports space: slot generation, bookings, cancellations, check-in, blocking.

Locks are always taken in the same order, person first, then slot, so two services never wait on each
other in opposite orders.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.time import city_datetime, city_localtime, city_zone

from . import notifications
from .constants import BookingStatus, SlotStatus
from .models import Booking, Slot, SportsResource


class BookingError(Exception):
    """A rule refused the request; `message` is what the person reads."""

    message = _("Cette réservation n'est pas possible.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class SlotFull(BookingError):
    message = _("Ce créneau est complet.")


class SlotNotBookable(BookingError):
    message = _("Ce créneau n'est pas ouvert à la réservation.")


class AlreadyBooked(BookingError):
    message = _("Vous avez déjà réservé ce créneau.")


class WeeklyLimitReached(BookingError):
    message = _("Vous avez atteint le nombre de réservations autorisé pour cette semaine.")


class CancellationTooLate(BookingError):
    message = _("Le délai d'annulation de ce créneau est dépassé.")


class NotCancellable(BookingError):
    message = _("Cette réservation est déjà annulée.")


# --- Slots -------------------------------------------------------------------------------------------------


def _wanted_slots(resource: SportsResource, first_day: dt.date, days: int) -> list[tuple[dt.datetime, dt.datetime]]:
    length = dt.timedelta(minutes=resource.slot_minutes)
    periods = list(resource.opening_periods.all())
    wanted = []
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        for period in periods:
            if period.weekday != day.weekday():
                continue
            start = dt.datetime.combine(day, period.opens_at)
            closes = dt.datetime.combine(day, period.closes_at)
            while start + length <= closes:
                # Wall-clock times of the city; stored in UTC. A DST change shifts the UTC time, not the local one.
                wanted.append((start.replace(tzinfo=city_zone()), (start + length).replace(tzinfo=city_zone())))
                start += length
    return wanted


@transaction.atomic
def slots_generate(*, resource: SportsResource, now: dt.datetime | None = None) -> int:
    """Make the resource's future slots match its weekly hours for the next `horizon_weeks` weeks.

    Idempotent: missing slots are created (a concurrent run is absorbed by the unique constraint);
    future slots keep their bookings; a future slot outside the hours is removed only if nobody ever
    booked it; capacity follows the resource, never below the places already taken. Returns the number
    of slots created."""
    now = now or timezone.now()
    if not resource.is_active:
        return 0
    today = city_localtime(now).date()
    wanted = [(s, e) for s, e in _wanted_slots(resource, today, resource.horizon_weeks * 7) if s > now]
    wanted_starts = {start for start, _end in wanted}
    existing = {slot.starts_at: slot for slot in resource.slots.filter(starts_at__gt=now).with_booked_count()}

    missing = [
        Slot(resource=resource, starts_at=start, ends_at=end, capacity=resource.capacity)
        for start, end in wanted
        if start not in existing
    ]
    Slot.objects.bulk_create(missing, ignore_conflicts=True)

    for start, end in wanted:
        slot = existing.get(start)
        if slot is None or slot.status != SlotStatus.OPEN:
            continue
        capacity = max(resource.capacity, slot.booked_count)
        if slot.capacity != capacity or slot.ends_at != end:
            Slot.objects.filter(pk=slot.pk).update(capacity=capacity, ends_at=end)

    stale = [slot.pk for start, slot in existing.items() if start not in wanted_starts]
    if stale:
        Slot.objects.filter(pk__in=stale, bookings__isnull=True).delete()
    return len(missing)


def slots_generate_all(*, now: dt.datetime | None = None) -> int:
    return sum(slots_generate(resource=resource, now=now) for resource in SportsResource.objects.filter(is_active=True))


@transaction.atomic
def slot_block(*, slot: Slot, reason: str, by=None) -> int:
    """Block a slot (maintenance): its confirmed bookings are cancelled and each person is told.
    Returns the number of bookings cancelled. Blocking a blocked slot changes nothing."""
    slot = Slot.objects.select_for_update().with_city().get(pk=slot.pk)
    if slot.status == SlotStatus.BLOCKED:
        return 0
    slot.status = SlotStatus.BLOCKED
    slot.blocked_reason = reason[:200]
    slot.full_clean()
    slot.save(update_fields=["status", "blocked_reason"])
    now = timezone.now()
    cancelled = 0
    for booking in slot.bookings.filter(status=BookingStatus.CONFIRMED).select_related("person"):
        booking.status = BookingStatus.CANCELLED_BY_STAFF
        booking.place_number = None
        booking.cancelled_at = now
        booking.full_clean()
        booking.save(update_fields=["status", "place_number", "cancelled_at"])
        booking.slot = slot
        notifications.slot_blocked(booking)
        cancelled += 1
    return cancelled


@transaction.atomic
def slot_unblock(*, slot: Slot) -> Slot:
    """Open a blocked slot again. The bookings cancelled by the block stay cancelled."""
    slot = Slot.objects.select_for_update().get(pk=slot.pk)
    if slot.status == SlotStatus.BLOCKED:
        slot.status = SlotStatus.OPEN
        slot.blocked_reason = ""
        slot.save(update_fields=["status", "blocked_reason"])
    return slot


def slot_capacity_error(*, slot: Slot, capacity: int, booked: int | None = None) -> ValidationError | None:
    """Why `slot` cannot take `capacity` places (fewer than its confirmed bookings), or None."""
    if booked is None:
        booked = slot.bookings.filter(status=BookingStatus.CONFIRMED).count() if slot.pk else 0
    if capacity is not None and capacity < booked:
        return ValidationError(
            {
                "capacity": ValidationError(
                    ngettext(
                        "%(count)d place est déjà réservée : la capacité ne peut pas descendre en dessous.",
                        "%(count)d places sont déjà réservées : la capacité ne peut pas descendre en dessous.",
                        booked,
                    ),
                    code="capacity_below_booked",
                    params={"count": booked},
                )
            }
        )
    return None


@transaction.atomic
def slot_update(*, slot: Slot, capacity: int) -> Slot:
    """Change a slot's capacity (staff). Refused below its confirmed bookings; when it goes down, the people
    holding a place number above it move to the free numbers below, so every number stays within capacity."""
    locked = Slot.objects.select_for_update().get(pk=slot.pk)
    confirmed = locked.bookings.filter(status=BookingStatus.CONFIRMED)
    error = slot_capacity_error(slot=locked, capacity=capacity, booked=confirmed.count())
    if error is not None:
        raise error
    locked.capacity = capacity
    locked.full_clean()
    locked.save(update_fields=["capacity"])
    above = list(confirmed.filter(place_number__gt=capacity).order_by("place_number"))
    if above:
        taken = set(confirmed.filter(place_number__lte=capacity).values_list("place_number", flat=True))
        free = iter(number for number in range(1, capacity + 1) if number not in taken)
        for booking in above:
            booking.place_number = next(free)
            booking.save(update_fields=["place_number"])
    slot.capacity = capacity
    return locked


# --- Bookings ----------------------------------------------------------------------------------------------


def week_bounds(instant: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """Monday 00:00 to the next Monday 00:00, the city's time, of the week holding `instant`."""
    local = city_localtime(instant)
    monday = local.date() - dt.timedelta(days=local.weekday())
    return city_datetime(monday, dt.time(0)), city_datetime(monday + dt.timedelta(days=7), dt.time(0))


def cancellation_deadline(slot: Slot) -> dt.datetime:
    return slot.cancellation_deadline


def _free_place_number(slot: Slot) -> int | None:
    taken = set(slot.bookings.filter(status=BookingStatus.CONFIRMED).values_list("place_number", flat=True))
    return next((number for number in range(1, slot.capacity + 1) if number not in taken), None)


@transaction.atomic
def booking_create(*, slot: Slot, person, now: dt.datetime | None = None) -> Booking:
    """Book one place in `slot` for `person`, or raise a BookingError saying why not.

    The person's row is locked first (their weekly limit cannot be passed by two tabs at once), then the
    slot's row: whoever holds the slot lock sees every confirmed booking and takes the smallest free
    place number; the unique constraint on (slot, place_number) would refuse a second holder anyway."""
    get_user_model().objects.select_for_update().filter(pk=person.pk).first()
    slot = Slot.objects.select_for_update().with_city().get(pk=slot.pk)
    return _book(slot=slot, person=person, now=now or timezone.now())


def _book(*, slot: Slot, person, now: dt.datetime) -> Booking:
    """The booking rules, on a slot row the caller has locked."""
    resource = slot.resource
    if slot.status != SlotStatus.OPEN or not resource.is_active or slot.starts_at <= now:
        raise SlotNotBookable
    if slot.bookings.filter(person=person, status=BookingStatus.CONFIRMED).exists():
        raise AlreadyBooked
    week_start, week_end = week_bounds(slot.starts_at)
    this_week = Booking.objects.filter(
        person=person,
        status=BookingStatus.CONFIRMED,
        slot__resource=resource,
        slot__starts_at__gte=week_start,
        slot__starts_at__lt=week_end,
    ).count()
    if this_week >= resource.max_bookings_per_week:
        raise WeeklyLimitReached
    number = _free_place_number(slot)
    if number is None:
        raise SlotFull
    booking = Booking(slot=slot, person=person, status=BookingStatus.CONFIRMED, place_number=number)
    booking.full_clean(validate_constraints=False)  # the constraints are the database's, checked on insert
    booking.save()
    notifications.booking_confirmed(booking)
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, now: dt.datetime | None = None) -> Booking:
    """The person cancels their booking, up to the resource's cancellation window before the start."""
    now = now or timezone.now()
    booking = Booking.objects.select_for_update().with_city().select_related("person").get(pk=booking.pk)
    if booking.status != BookingStatus.CONFIRMED:
        raise NotCancellable
    if now > cancellation_deadline(booking.slot):
        raise CancellationTooLate
    booking.status = BookingStatus.CANCELLED
    booking.place_number = None
    booking.cancelled_at = now
    booking.full_clean(validate_constraints=False)
    booking.save(update_fields=["status", "place_number", "cancelled_at"])
    notifications.booking_cancelled(booking)
    return booking


@transaction.atomic
def booking_check_in(*, booking: Booking, by, now: dt.datetime | None = None) -> Booking:
    """Staff mark the person present. Only a confirmed booking can be checked in; twice is once."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != BookingStatus.CONFIRMED:
        raise BookingError(_("Seule une réservation confirmée peut être pointée."))
    if booking.checked_in_at is None:
        booking.checked_in_at = now or timezone.now()
        booking.checked_in_by = by
        booking.save(update_fields=["checked_in_at", "checked_in_by"])
    return booking
