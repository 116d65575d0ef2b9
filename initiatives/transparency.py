"""Figures of the partnership pages: bookings of its sports spaces (and attendance), and the
digital-inclusion places of its city."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from partnership.models import Partnership

from .constants import BookingStatus, PlaceKind
from .models import Booking, Place

FIGURES = [
    ("bookings", _("Réservations de l'espace sportif")),
    ("bookings_attended", _("Réservations honorées (présence constatée)")),
    ("inclusion_places", _("Lieux de médiation numérique dans la ville")),
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
    places_by_city = dict(
        Place.objects.filter(kind=PlaceKind.INCLUSION_CENTRE).order_by().values_list("city_id").annotate(n=Count("pk"))
    )
    for pk, city_id in Partnership.objects.filter(pk__in=partnership_ids).values_list("pk", "city_id"):
        result["inclusion_places"][pk] = places_by_city.get(city_id, 0)
    return result
