"""The catalogue's own action: a digital-inclusion initiative leads to the directory of places of its city."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.app_hooks import InitiativeAction, initiative_actions

from .constants import CategorySlug
from .models import Place


@initiative_actions.register
def place_actions(initiatives: Sequence) -> dict[int, list[InitiativeAction]]:
    """One query for all the initiatives: how many digital-inclusion places each city has."""
    wanted = [initiative for initiative in initiatives if initiative.category.slug == CategorySlug.DIGITAL_INCLUSION]
    if not wanted:
        return {}
    counts = dict(
        Place.objects.inclusion_centres()
        .filter(city__in={initiative.partnership.city_id for initiative in wanted})
        .order_by()
        .values_list("city")
        .annotate(n=Count("pk"))
    )
    actions: dict[int, list[InitiativeAction]] = {}
    for initiative in wanted:
        city = initiative.partnership.city
        count = counts.get(city.pk, 0)
        actions[initiative.pk] = [
            InitiativeAction(
                kind="places",
                label=_("Trouver un lieu"),
                url=reverse("places:list") + "?" + urlencode({"city": city.slug}),
                subject=city.name,
                state=ngettext(
                    "%(count)s lieu de médiation numérique à %(city)s",
                    "%(count)s lieux de médiation numérique à %(city)s",
                    count,
                )
                % {"count": count, "city": city.name},
                available=count > 0,
            )
        ]
    return actions
