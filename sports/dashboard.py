"""Staff dashboard: today's bookings of the sports spaces in the person's cities."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.time import city_localtime, city_today
from partnership.dashboard import Widget, WidgetRow

from .constants import BookingStatus
from .models import Slot


def widgets(request) -> list[Widget]:
    if not request.user.has_perm("sports.view_booking"):
        return []
    today = city_today()
    slots = (
        Slot.objects.for_staff(request.user)
        .filter(starts_at__date=today)
        .select_related("resource")
        .annotate(booked=Count("bookings", filter=Q(bookings__status=BookingStatus.CONFIRMED)))
        .order_by("starts_at")
    )
    rows = [
        WidgetRow(
            label=f"{city_localtime(slot.starts_at):%H:%M} — {slot.resource.name}",
            value=f"{slot.booked} / {slot.capacity}",
            url=reverse("admin:sports_booking_changelist") + f"?slot__id__exact={slot.pk}",
        )
        for slot in slots[:12]
    ]
    return [
        Widget(
            title=str(_("Réservations du jour")),
            rows=rows,
            empty=str(_("Aucun créneau aujourd'hui.")),
            more_url=reverse("sports:staff_day"),
        )
    ]
