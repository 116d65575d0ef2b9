"""Figures of the partnership pages: bookings of the sports spaces its initiatives run (and attendance).
`partnership.transparency` gathers them with every app's."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .constants import BookingStatus
from .models import Booking

FIGURES = [
    ("bookings", _("Réservations de l'espace sportif")),
    ("bookings_attended", _("Réservations honorées (présence constatée)")),
]


def compute(partnership_ids: list[int]) -> dict[str, dict[int, int]]:
    result: dict[str, dict[int, int]] = {key: {} for key, _label in FIGURES}
    bookings = (
        Booking.objects.filter(
            slot__resource__initiative__partnership_id__in=partnership_ids,
            status__in=[BookingStatus.CONFIRMED],
        )
        .order_by()
        .values("slot__resource__initiative__partnership_id")
        .annotate(total=Count("pk"), attended=Count("pk", filter=Q(checked_in_at__isnull=False)))
    )
    for row in bookings:
        pk = row["slot__resource__initiative__partnership_id"]
        result["bookings"][pk] = row["total"]
        result["bookings_attended"][pk] = row["attended"]
    return result
