"""Writes of the sports space: slot generation, bookings, cancellations, check-in, blocking.

Locks are always taken in the same order, person first, then slot, so two services never wait on each
other in opposite orders.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.time import city_datetime, city_localtime, city_zone

from . import notifications
from .constants import REMINDER_HOURS_BEFORE, BookingStatus, SlotStatus, WaitlistStatus
from .models import Booking, Slot, SportsResource, WaitlistEntry


class BookingError(ValidationError):
    """A rule refused the request: a ValidationError with a code (the project's one error convention);
    `message` is what the person reads."""

    message = _("Cette réservation n'est pas possible.")
    code = "not_possible"

    def __init__(self, message=None, code=None):
        super().__init__(type(self).message if message is None else message, code=code or type(self).code)


class SlotFull(BookingError):
    message = _("Ce créneau est complet.")
    code = "full"


class SlotNotBookable(BookingError):
    message = _("Ce créneau n'est pas ouvert à la réservation.")
    code = "not_bookable"


class AlreadyBooked(BookingError):
    message = _("Vous avez déjà réservé ce créneau.")
    code = "already_booked"


class WeeklyLimitReached(BookingError):
    message = _("Vous avez atteint le nombre de réservations autorisé pour cette semaine.")
    code = "weekly_limit"


class CancellationTooLate(BookingError):
    message = _("Ce créneau ne peut plus être annulé en ligne : le délai d'annulation est passé.")
    code = "too_late"


class NotCancellable(BookingError):
    message = _("Cette réservation est déjà annulée.")
    code = "already_cancelled"


class PlacesLeft(BookingError):
    message = _("Il reste des places sur ce créneau : réservez-le directement.")
    code = "places_left"


class AlreadyWaiting(BookingError):
    message = _("Vous êtes déjà en liste d'attente pour ce créneau.")
    code = "already_waiting"


class NotWaiting(BookingError):
    message = _("Vous n'êtes plus en liste d'attente pour ce créneau.")
    code = "not_waiting"


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

    waiting = set(
        WaitlistEntry.objects.filter(slot__in=existing.values(), status=WaitlistStatus.WAITING).values_list(
            "slot_id", flat=True
        )
    )
    for start, end in wanted:
        slot = existing.get(start)
        if slot is None or slot.status != SlotStatus.OPEN:
            continue
        capacity = max(resource.capacity, slot.booked_count)
        if slot.capacity != capacity or slot.ends_at != end:
            Slot.objects.filter(pk=slot.pk).update(capacity=capacity, ends_at=end)
        if slot.ends_at != end:  # calendars holding these bookings replace the event
            slot.bookings.filter(status=BookingStatus.CONFIRMED).update(ics_sequence=F("ics_sequence") + 1)
        if capacity > slot.capacity and slot.pk in waiting:
            promote_waitlisted(slot=_lock_slot(slot.pk), now=now)

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
        booking.ics_sequence += 1
        booking.full_clean()
        booking.save(update_fields=["status", "place_number", "cancelled_at", "ics_sequence"])
        booking.slot = slot
        notifications.slot_blocked(booking)
        cancelled += 1
    return cancelled


@transaction.atomic
def slot_unblock(*, slot: Slot, now: dt.datetime | None = None) -> Slot:
    """Open a blocked slot again. The bookings cancelled by the block stay cancelled; the places go to the
    people on the waitlist first."""
    slot = _lock_slot(slot.pk)
    if slot.status == SlotStatus.BLOCKED:
        slot.status = SlotStatus.OPEN
        slot.blocked_reason = ""
        slot.save(update_fields=["status", "blocked_reason"])
        promote_waitlisted(slot=slot, now=now or timezone.now())
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
    holding a place number above it move to the free numbers below, so every number stays within capacity;
    when it goes up, the people on the waitlist get the new places."""
    locked = _lock_slot(slot.pk)
    raised = capacity > locked.capacity
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
    if raised:  # the new places go to the waitlist first
        promote_waitlisted(slot=locked, now=timezone.now())
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


def weekly_bookings(person, resource: SportsResource, instant: dt.datetime) -> int:
    """How many confirmed bookings `person` holds on `resource` in the week (the city's) holding `instant`."""
    week_start, week_end = week_bounds(instant)
    return Booking.objects.filter(
        person=person,
        status=BookingStatus.CONFIRMED,
        slot__resource=resource,
        slot__starts_at__gte=week_start,
        slot__starts_at__lt=week_end,
    ).count()


def _lock_slot(pk: int) -> Slot:
    """The slot's row, locked (and only it), with its resource, place and city read alongside."""
    return Slot.objects.select_for_update(of=("self",)).with_city().select_related("resource__place").get(pk=pk)


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
    slot = _lock_slot(slot.pk)
    return _book(slot=slot, person=person, now=now or timezone.now())


def _check_bookable(slot: Slot, person, now: dt.datetime) -> None:
    """The rules before a place is given (everything but capacity), on a slot row the caller has locked."""
    resource = slot.resource
    if slot.status != SlotStatus.OPEN or not resource.is_active or slot.starts_at <= now:
        raise SlotNotBookable
    if slot.bookings.filter(person=person, status=BookingStatus.CONFIRMED).exists():
        raise AlreadyBooked
    if weekly_bookings(person, resource, slot.starts_at) >= resource.max_bookings_per_week:
        raise WeeklyLimitReached


def _book(*, slot: Slot, person, now: dt.datetime, promoted: bool = False) -> Booking:
    """The booking rules, on a slot row the caller has locked. A person who was waiting for this slot
    leaves the waitlist with their booking."""
    _check_bookable(slot, person, now)
    number = _free_place_number(slot)
    if number is None:
        raise SlotFull
    booking = Booking(slot=slot, person=person, status=BookingStatus.CONFIRMED, place_number=number)
    booking.full_clean(validate_constraints=False)  # the constraints are the database's, checked on insert
    booking.save()
    WaitlistEntry.objects.filter(slot=slot, person=person, status=WaitlistStatus.WAITING).update(
        status=WaitlistStatus.PROMOTED if promoted else WaitlistStatus.LEFT, ended_at=now, booking=booking
    )
    if promoted:
        notifications.waitlist_promoted(booking, now=now)
    else:
        notifications.booking_confirmed(booking, now=now)
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, now: dt.datetime | None = None) -> Booking:
    """The person cancels their booking, up to the resource's cancellation window before the start. The
    freed place goes to the first person on the waitlist still within their weekly limit."""
    now = now or timezone.now()
    slot = _lock_slot(booking.slot_id)
    booking = Booking.objects.select_for_update(of=("self",)).select_related("person").get(pk=booking.pk)
    booking.slot = slot
    if booking.status != BookingStatus.CONFIRMED:
        raise NotCancellable
    if now > cancellation_deadline(slot):
        raise CancellationTooLate
    _release(booking, status=BookingStatus.CANCELLED, now=now)
    notifications.booking_cancelled(booking)
    promote_waitlisted(slot=slot, now=now)
    return booking


STAFF_CANCEL_REASON_MAX = 200


@transaction.atomic
def booking_cancel_by_staff(*, booking: Booking, reason: str = "", now: dt.datetime | None = None) -> Booking:
    """City staff cancel one booking (the person called, a mistake): at any time before the slot starts,
    whatever the person's cancellation window. The person is told, with the reason when staff gave one, and the
    freed place goes to the first person on the waitlist still within their weekly limit, as when the person
    cancels."""
    now = now or timezone.now()
    reason = reason.strip()
    if len(reason) > STAFF_CANCEL_REASON_MAX:
        raise BookingError(
            _("Le motif tient en %(max)d caractères au plus (%(length)d reçus).")
            % {"max": STAFF_CANCEL_REASON_MAX, "length": len(reason)},
            code="reason_too_long",
        )
    slot = _lock_slot(booking.slot_id)
    booking = Booking.objects.select_for_update(of=("self",)).select_related("person").get(pk=booking.pk)
    booking.slot = slot
    if booking.status != BookingStatus.CONFIRMED:
        raise NotCancellable
    if slot.starts_at <= now:
        raise BookingError(
            _("Ce créneau a commencé : sa réservation ne s'annule plus, marquez plutôt la présence ou l'absence."),
            code="slot_started",
        )
    _release(booking, status=BookingStatus.CANCELLED_BY_STAFF, now=now)
    notifications.booking_cancelled_by_staff(booking, reason=reason)
    promote_waitlisted(slot=slot, now=now)
    return booking


def _release(booking: Booking, *, status: str, now: dt.datetime) -> None:
    booking.status = status
    booking.place_number = None
    booking.cancelled_at = now
    booking.ics_sequence += 1
    booking.full_clean(validate_constraints=False)
    booking.save(update_fields=["status", "place_number", "cancelled_at", "ics_sequence"])


def bookings_release_for_erasure(*, person, now: dt.datetime | None = None) -> int:
    """The person's account is being erased: their places in slots to come go to the waitlist (no message
    to them; the people promoted are told). Returns the number of places freed."""
    now = now or timezone.now()
    freed = 0
    for booking_id, slot_id in Booking.objects.filter(
        person=person, status=BookingStatus.CONFIRMED, slot__starts_at__gt=now
    ).values_list("pk", "slot_id"):
        with transaction.atomic():
            slot = _lock_slot(slot_id)
            booking = Booking.objects.select_for_update(of=("self",)).get(pk=booking_id)
            if booking.status == BookingStatus.CONFIRMED:
                _release(booking, status=BookingStatus.CANCELLED, now=now)
                promote_waitlisted(slot=slot, now=now)
                freed += 1
    WaitlistEntry.objects.filter(person=person, status=WaitlistStatus.WAITING).update(
        status=WaitlistStatus.LEFT, ended_at=now
    )
    return freed


# --- Waitlist ----------------------------------------------------------------------------------------------


@transaction.atomic
def waitlist_join(*, slot: Slot, person, now: dt.datetime | None = None) -> WaitlistEntry:
    """Put `person` on the waitlist of a full slot (the same locks, in the same order, as a booking).

    A person at their weekly limit may still join: they are skipped at promotion time while the limit
    holds, keep their rank, and the pages tell them so."""
    now = now or timezone.now()
    get_user_model().objects.select_for_update().filter(pk=person.pk).first()
    slot = _lock_slot(slot.pk)
    if slot.status != SlotStatus.OPEN or not slot.resource.is_active or slot.starts_at <= now:
        raise SlotNotBookable
    if slot.bookings.filter(person=person, status=BookingStatus.CONFIRMED).exists():
        raise AlreadyBooked
    if WaitlistEntry.objects.filter(slot=slot, person=person, status=WaitlistStatus.WAITING).exists():
        raise AlreadyWaiting
    if _free_place_number(slot) is not None:
        raise PlacesLeft
    entry = WaitlistEntry(slot=slot, person=person, joined_at=now)
    entry.full_clean(validate_constraints=False)
    entry.save()
    return entry


@transaction.atomic
def waitlist_leave(*, entry: WaitlistEntry, now: dt.datetime | None = None) -> WaitlistEntry:
    """The person leaves the waitlist (the slot's lock, so a promotion cannot pick them meanwhile)."""
    _lock_slot(entry.slot_id)
    entry = WaitlistEntry.objects.select_for_update(of=("self",)).get(pk=entry.pk)
    if entry.status != WaitlistStatus.WAITING:
        raise NotWaiting
    entry.status = WaitlistStatus.LEFT
    entry.ended_at = now or timezone.now()
    entry.save(update_fields=["status", "ended_at"])
    return entry


def waitlist_position(entry: WaitlistEntry) -> int | None:
    """1 for the first in line; None once the person is no longer waiting."""
    if entry.status != WaitlistStatus.WAITING:
        return None
    return (
        WaitlistEntry.objects.filter(slot_id=entry.slot_id, status=WaitlistStatus.WAITING)
        .filter(models.Q(joined_at__lt=entry.joined_at) | models.Q(joined_at=entry.joined_at, pk__lt=entry.pk))
        .count()
        + 1
    )


def promote_waitlisted(*, slot: Slot, now: dt.datetime) -> list[Booking]:
    """Give the slot's free places to the waitlist, first come first served. The caller holds the slot's
    row lock (`_lock_slot`), so no booking can take a place meanwhile.

    A person already at their weekly limit for that week is skipped and keeps their rank (they may free a
    booking later). So is a person whose row another transaction holds at this instant (booking elsewhere
    right now: waiting on that row could deadlock, as bookings lock the person before the slot); they stay
    first in line for the next place."""
    if slot.status != SlotStatus.OPEN or not slot.resource.is_active or slot.starts_at <= now:
        return []
    promoted = []
    free = slot.capacity - slot.bookings.filter(status=BookingStatus.CONFIRMED).count()
    if free <= 0:
        return []
    queue = (
        WaitlistEntry.objects.filter(slot=slot, status=WaitlistStatus.WAITING)
        .select_related("person")
        .order_by("joined_at", "pk")
    )
    users = get_user_model().objects
    for entry in queue:
        if len(promoted) == free:
            break
        if users.select_for_update(skip_locked=True).filter(pk=entry.person_id).first() is None:
            continue
        try:
            with transaction.atomic():
                promoted.append(_book(slot=slot, person=entry.person, now=now, promoted=True))
        except WeeklyLimitReached:
            continue
        except AlreadyBooked:
            entry.status, entry.ended_at = WaitlistStatus.LEFT, now
            entry.save(update_fields=["status", "ended_at"])
    return promoted


@transaction.atomic
def booking_check_in(*, booking: Booking, by, now: dt.datetime | None = None) -> Booking:
    """Staff mark the person present. Only a confirmed booking can be checked in; twice is once."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != BookingStatus.CONFIRMED:
        raise BookingError(_("Seule une réservation confirmée peut être pointée."), code="not_confirmed")
    if booking.checked_in_at is None:
        booking.checked_in_at = now or timezone.now()
        booking.checked_in_by = by
        booking.save(update_fields=["checked_in_at", "checked_in_by"])
    return booking


# --- Reminders ---------------------------------------------------------------------------------------------


def reminders_due(*, now: dt.datetime) -> list[int]:
    """Confirmed bookings whose slot starts within the next REMINDER_HOURS_BEFORE hours (the day before) and
    that were not reminded yet. A booking made inside that window needs none: its confirmation just said it.
    A late run still finds them, as long as the slot has not started."""
    window = dt.timedelta(hours=REMINDER_HOURS_BEFORE)
    return list(
        Booking.objects.filter(
            status=BookingStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            slot__status=SlotStatus.OPEN,
            slot__starts_at__gt=now,
            slot__starts_at__lte=now + window,
            created_at__lt=F("slot__starts_at") - window,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def reminder_send(*, booking_id: int, now: dt.datetime | None = None) -> bool:
    """Send one reminder, exactly once: the row is locked (a concurrent run skips it) and stamped, and the
    message's key is per booking. Returns True if sent now."""
    booking = (
        Booking.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(pk=booking_id, status=BookingStatus.CONFIRMED, reminder_sent_at__isnull=True)
        .first()
    )
    if booking is None:
        return False
    booking.reminder_sent_at = now or timezone.now()
    booking.save(update_fields=["reminder_sent_at"])
    notifications.reminder(booking)
    return True


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    return sum(reminder_send(booking_id=pk, now=now) for pk in reminders_due(now=now))
