"""Initiatives published in the window (not created: a draft published later is news then), for the alert
digest (the interface is described in alerts/sources.py: plain dicts, so this app imports nothing from alerts)."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from partnership.scoping import city_id_of

from .models import Initiative

LABEL = _("Nouvelles initiatives")


def new_items(since: datetime, until: datetime) -> list[dict]:
    initiatives = (
        Initiative.objects.published()
        .filter(published_at__gte=since, published_at__lt=until)
        .select_related("partnership")
        .only("slug", "title_fr", "title_en", "category_id", "published_at", Initiative.city_path)
        .order_by("published_at", "pk")
    )
    return [
        {
            "title_fr": initiative.title_fr or "",
            "title_en": initiative.title_en or "",
            "url": initiative.get_absolute_url(),
            "city_id": city_id_of(initiative),
            "category_id": initiative.category_id,
            "created_at": initiative.published_at,
        }
        for initiative in initiatives
    ]
