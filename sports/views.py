"""The sports space: slots to book, "Mes réservations", and the staff's page for the day."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.ics import ics_response
from common.time import city_localtime, city_today
from partnership.scoping import may_act_for_city

from .constants import BookingStatus, WaitlistStatus
from .forms import DayForm, SlotBlockForm
from .ics import booking_ics
from .models import Booking, Slot, WaitlistEntry
from .selectors import (
    day_bookings,
    my_bookings,
    my_waitlist,
    resource_week_slots,
    sports_resources,
    weekly_allowance,
)
from .services import (
    BookingError,
    booking_cancel,
    booking_check_in,
    booking_create,
    cancellation_deadline,
    slot_block,
    slot_unblock,
    waitlist_join,
    waitlist_leave,
    waitlist_position,
    week_bounds,
)


def sports_index(request: HttpRequest) -> HttpResponse:
    resources = list(sports_resources())
    if len(resources) == 1:
        return redirect(resources[0])
    return render(request, "sports/index.html", {"resources": resources})


def resource_detail(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_object_or_404(sports_resources(), slug=slug)
    now = timezone.now()
    this_monday = week_bounds(now)[0].date()
    try:
        week = min(max(int(request.GET.get("semaine", 0)), 0), resource.horizon_weeks - 1)
    except ValueError:
        week = 0
    monday = this_monday + dt.timedelta(weeks=week)
    slots = list(resource_week_slots(resource, monday, person=request.user, now=now))
    days: dict[dt.date, list[Slot]] = {}
    for slot in slots:
        slot.places_left = max(slot.capacity - slot.booked_count, 0)
        slot.resource = resource
        slot.can_cancel_online = now <= slot.cancellation_deadline
        days.setdefault(city_localtime(slot.starts_at).date(), []).append(slot)
    allowance = weekly_allowance(request.user, resource, monday) if request.user.is_authenticated else None
    return render(
        request,
        "sports/resource_detail.html",
        {
            "resource": resource,
            "allowance": allowance,
            "days": sorted(days.items()),
            "week": week,
            "monday": monday,
            "sunday": monday + dt.timedelta(days=6),
            "previous_week": week - 1 if week > 0 else None,
            "next_week": week + 1 if week + 1 < resource.horizon_weeks else None,
        },
    )


@login_required
@require_POST
def booking_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_object_or_404(Slot.objects.select_related("resource"), pk=pk)
    try:
        booking = booking_create(slot=slot, person=request.user)
    except BookingError as error:
        messages.error(request, error.message)
        return redirect(slot.resource)
    messages.success(request, _("Votre créneau est réservé. Un courriel de confirmation vous a été envoyé."))
    return redirect(booking)


def _own_booking(request: HttpRequest, pk: int) -> Booking:
    """The person's own booking (404 for anyone else's: its existence is not revealed)."""
    return get_object_or_404(Booking.objects.select_related("slot__resource__place"), pk=pk, person=request.user)


@login_required
def booking_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One booking: when, where, its calendar file, and cancelling it while the window is open."""
    booking = _own_booking(request, pk)
    now = timezone.now()
    booking.deadline = cancellation_deadline(booking.slot)
    booking.can_cancel = booking.is_confirmed and now <= booking.deadline
    booking.is_upcoming = booking.slot.ends_at > now
    return render(request, "sports/booking_detail.html", {"booking": booking})


@login_required
def booking_ics_view(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _own_booking(request, pk)
    response = ics_response(booking_ics(booking), filename=f"reservation-{booking.pk}.ics")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_bookings_view(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    upcoming, past = [], []
    week_counts: dict[tuple[int, dt.datetime], int] = {}
    for booking in my_bookings(request.user):
        booking.deadline = cancellation_deadline(booking.slot)
        booking.can_cancel = booking.status == BookingStatus.CONFIRMED and now <= booking.deadline
        (upcoming if booking.status == BookingStatus.CONFIRMED and booking.slot.ends_at > now else past).append(booking)
        if booking.status == BookingStatus.CONFIRMED:
            key = (booking.slot.resource_id, week_bounds(booking.slot.starts_at)[0])
            week_counts[key] = week_counts.get(key, 0) + 1
    upcoming.reverse()
    waiting = list(my_waitlist(request.user, now=now))
    for entry in waiting:
        resource = entry.slot.resource
        used = week_counts.get((resource.pk, week_bounds(entry.slot.starts_at)[0]), 0)
        entry.over_limit = used >= resource.max_bookings_per_week
    return render(request, "sports/my_bookings.html", {"upcoming": upcoming, "past": past, "waiting": waiting})


@login_required
@require_POST
def booking_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking, pk=pk, person=request.user)
    try:
        booking_cancel(booking=booking)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Votre réservation est annulée. Un courriel vous le confirme."))
    return redirect("sports:my_bookings")


@login_required
@require_POST
def waitlist_join_view(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_object_or_404(Slot.objects.select_related("resource"), pk=pk)
    try:
        entry = waitlist_join(slot=slot, person=request.user)
    except BookingError as error:
        messages.error(request, error.message)
        return redirect(slot.resource)
    messages.success(
        request,
        _(
            "Vous êtes en liste d'attente, en position %(position)s. Si une place se libère, elle vous est "
            "attribuée automatiquement et un courriel vous le dit."
        )
        % {"position": waitlist_position(entry)},
    )
    return redirect("sports:my_bookings")


@login_required
@require_POST
def waitlist_leave_view(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(WaitlistEntry, pk=pk, person=request.user, status=WaitlistStatus.WAITING)
    try:
        waitlist_leave(entry=entry)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Vous avez quitté la liste d'attente."))
    return redirect("sports:my_bookings")


# --- Staff -------------------------------------------------------------------------------------------------


def _require_staff(request: HttpRequest, permission: str, slot: Slot | None = None) -> None:
    """Staff holding `permission` and, for a slot, staff of its city (403 otherwise)."""
    if not may_act_for_city(request.user, slot, perm=permission):
        raise PermissionDenied


def _back_to_day(slot: Slot) -> HttpResponse:
    day = city_localtime(slot.starts_at).date()
    response = redirect("sports:staff_day")
    response["Location"] += f"?day={day.isoformat()}"
    return response


@login_required
def staff_day_view(request: HttpRequest) -> HttpResponse:
    _require_staff(request, "sports.view_booking")
    form = DayForm(request.GET or {"day": city_today().isoformat()})
    day = form.cleaned_data["day"] if form.is_valid() else city_today()
    return render(
        request,
        "sports/staff_day.html",
        {"form": form, "day": day, "slots": day_bookings(day, request.user)},
    )


@login_required
@require_POST
def staff_check_in_view(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("slot__resource__place", "person"), pk=pk)
    _require_staff(request, "sports.change_booking", booking.slot)
    try:
        booking_check_in(booking=booking, by=request.user)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Présence de %(person)s enregistrée.") % {"person": booking.person})
    return _back_to_day(booking.slot)


@login_required
@require_POST
def staff_block_view(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_object_or_404(Slot.objects.select_related("resource__place"), pk=pk)
    _require_staff(request, "sports.change_slot", slot)
    form = SlotBlockForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return _back_to_day(slot)
    cancelled = slot_block(slot=slot, reason=form.cleaned_data["reason"], by=request.user)
    messages.success(
        request, _("Créneau bloqué ; %(count)s réservation(s) annulée(s) et prévenue(s).") % {"count": cancelled}
    )
    return _back_to_day(slot)


@login_required
@require_POST
def staff_unblock_view(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_object_or_404(Slot.objects.select_related("resource__place"), pk=pk)
    _require_staff(request, "sports.change_slot", slot)
    slot_unblock(slot=slot)
    messages.success(request, _("Créneau rouvert à la réservation."))
    return _back_to_day(slot)
