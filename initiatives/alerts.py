"""Initiatives published in the window (not created: a draft published later is news then), for the alert
digest (the interface is described in alerts/sources.py: plain dicts, so this app imports nothing from alerts)."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from .models import Initiative

LABEL = _("Nouvelles initiatives")


def new_items(since: datetime, until: datetime) -> list[dict]:
    initiatives = (
        Initiative.objects.published()
        .filter(published_at__gte=since, published_at__lt=until)
        .select_related("partnership")
        .only("slug", "title_fr", "title_en", "category_id", "published_at", "partnership__city_id")
        .order_by("published_at", "pk")
    )
    return [
        {
            "title_fr": initiative.title_fr or "",
            "title_en": initiative.title_en or "",
            "url": initiative.get_absolute_url(),
            "city_id": initiative.partnership.city_id,
            "category_id": initiative.category_id,
            "created_at": initiative.published_at,
        }
        for initiative in initiatives
    ]
