"""Figure of the partnership pages: people following the partnership's city by email alerts
(active subscriptions naming the city, or naming no city at all, which means every city)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from partnership.models import Partnership

from .models import Subscription

FIGURES = [("alert_subscribers", _("Abonnés aux alertes de la ville"))]


def compute(partnership_ids: list[int]) -> dict[str, dict[int, int]]:
    active = Subscription.objects.active()
    every_city = active.filter(cities__isnull=True).count()
    by_city = dict(active.filter(cities__isnull=False).order_by().values_list("cities").annotate(n=Count("pk")))
    return {
        "alert_subscribers": {
            pk: by_city.get(city_id, 0) + every_city
            for pk, city_id in Partnership.objects.filter(pk__in=partnership_ids).values_list("pk", "city_id")
        }
    }
