"""The sports space's action on an initiative's page: "Réserver", with the next slot that has a free place."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.app_hooks import InitiativeAction, initiative_actions
from common.time import city_datetime_text

from .constants import BookingStatus, SlotStatus
from .models import Booking, Slot, SportsResource


@initiative_actions.register
def booking_actions(initiatives: Sequence) -> dict[int, list[InitiativeAction]]:
    """One query for all the initiatives: each resource with its next slot that still has a place."""
    now = timezone.now()
    booked = (
        Booking.objects.filter(slot=OuterRef("pk"), status=BookingStatus.CONFIRMED)
        .order_by()
        .values("slot")
        .annotate(n=Count("pk"))
        .values("n")
    )
    free_slots = (
        Slot.objects.filter(resource=OuterRef("pk"), starts_at__gt=now, status=SlotStatus.OPEN)
        .annotate(left=F("capacity") - Coalesce(Subquery(booked, output_field=IntegerField()), 0))
        .filter(left__gt=0)
        .order_by("starts_at")
    )
    resources = (
        SportsResource.objects.filter(initiative__in=[initiative.pk for initiative in initiatives])
        .annotate(
            next_free_at=Subquery(free_slots.values("starts_at")[:1]),
            next_free_left=Subquery(free_slots.values("left")[:1], output_field=IntegerField()),
        )
        .order_by("name", "pk")
    )
    actions: dict[int, list[InitiativeAction]] = {}
    for resource in resources:
        if not resource.is_active:
            state, available = _("Réservations fermées pour le moment"), False
        elif resource.next_free_at is None:
            state, available = _("Aucun créneau libre pour le moment"), False
        else:
            state = ngettext(
                "Prochain créneau libre : %(date)s (%(count)s place)",
                "Prochain créneau libre : %(date)s (%(count)s places)",
                resource.next_free_left,
            ) % {"date": city_datetime_text(resource.next_free_at), "count": resource.next_free_left}
            available = True
        actions.setdefault(resource.initiative_id, []).append(
            InitiativeAction(
                kind="book",
                label=_("Réserver"),
                subject=resource.name,
                url=resource.get_absolute_url(),
                state=state,
                available=available,
            )
        )
    return actions
