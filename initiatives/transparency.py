"""Figures of the partnership pages: its published initiatives (and how many rely on free software or on a
vendor's products) and the digital-inclusion places of its city. `partnership.transparency` gathers them with
every app's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from partnership.models import Partnership

from .constants import PlaceKind, Technology
from .models import Initiative, Place

if TYPE_CHECKING:
    from partnership.transparency import Figure

FIGURES = [
    ("initiatives", _("Initiatives publiées")),
    ("initiatives_free_software", _("Initiatives reposant sur du logiciel libre")),
    ("initiatives_vendor", _("Initiatives reposant sur les produits d'un éditeur")),
    ("inclusion_places", _("Lieux de médiation numérique dans la ville")),
]


def compute(partnership_ids: list[int]) -> dict[str, dict[int, int]]:
    result: dict[str, dict[int, int]] = {key: {} for key, _label in FIGURES}
    initiatives = (
        Initiative.objects.published()
        .filter(partnership_id__in=partnership_ids)
        .order_by()
        .values("partnership_id")
        .annotate(  # counting indexed columns: the index on (partnership, technology) of published rows answers alone
            total=Count("partnership"),
            free=Count("partnership", filter=Q(technology=Technology.FREE_SOFTWARE)),
            vendor=Count("partnership", filter=Q(technology=Technology.VENDOR)),
        )
    )
    for row in initiatives:
        result["initiatives"][row["partnership_id"]] = row["total"]
        result["initiatives_free_software"][row["partnership_id"]] = row["free"]
        result["initiatives_vendor"][row["partnership_id"]] = row["vendor"]
    places_by_city = dict(
        Place.objects.filter(kind=PlaceKind.INCLUSION_CENTRE).order_by().values_list("city_id").annotate(n=Count("pk"))
    )
    for pk, city_id in Partnership.objects.filter(pk__in=partnership_ids).values_list("pk", "city_id"):
        result["inclusion_places"][pk] = places_by_city.get(city_id, 0)
    return result


def free_software_share(figures: list[Figure]) -> tuple[int, int]:
    """(percentage of free-software initiatives, percentage relying on a vendor's products)."""
    by_key = {f.key: f.value for f in figures}
    total = by_key.get("initiatives", 0)
    if not total:
        return 0, 0
    return (
        round(100 * by_key.get("initiatives_free_software", 0) / total),
        round(100 * by_key.get("initiatives_vendor", 0) / total),
    )
