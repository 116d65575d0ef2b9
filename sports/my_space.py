"""The sports space's section of "Mon espace": the person's bookings to come."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.app_hooks import SpaceItem, SpaceSection, my_space_sections
from common.time import city_datetime_text

from .constants import BookingStatus
from .models import Booking

SHOWN = 10


def _calendar_url(booking: Booking) -> str | None:
    """The booking's calendar file, where the sports space offers one."""
    try:
        return reverse("sports:booking_ics", kwargs={"pk": booking.pk})
    except NoReverseMatch:
        return None


@my_space_sections.register
def bookings_section(user) -> SpaceSection:
    now = timezone.now()
    bookings = (
        Booking.objects.filter(person=user, status=BookingStatus.CONFIRMED, slot__ends_at__gt=now)
        .select_related("slot__resource")
        .order_by("slot__starts_at", "pk")[:SHOWN]
    )
    items = []
    for booking in bookings:
        links = [(_("Le créneau"), booking.slot.resource.get_absolute_url())]
        calendar = _calendar_url(booking)
        if calendar:
            links.append((_("Ajouter à mon agenda"), calendar))
        items.append(
            SpaceItem(
                title=booking.slot.resource.name,
                url=booking.slot.resource.get_absolute_url(),
                detail=_("%(date)s, place n° %(number)s")
                % {"date": city_datetime_text(booking.slot.starts_at), "number": booking.place_number},
                status=str(BookingStatus(booking.status).label),
                links=tuple(links),
            )
        )
    return SpaceSection(
        key="reservations",
        title=_("Mes réservations à l'espace sportif"),
        items=tuple(items),
        empty=_("Aucune réservation à venir."),
        links=(
            (_("Toutes mes réservations"), reverse("sports:my_bookings")),
            (_("Réserver un créneau"), reverse("sports:index")),
        ),
        order=20,
    )
