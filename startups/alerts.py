"""What the alerts digest needs from this app: the calls published in a time window.

`new_items(since, until)` returns plain dicts (the digest is built in a task, maybe in another process)
with the keys alerts.sources.AlertItem reads (`url`: the French path, which the digest translates)
plus `path_fr` and `path_en`. `created_at` is the moment the call became public (its `published_at`):
that is what "new" means for a call, which may be prepared long before it is published.
"""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Call

LABEL = _("Nouveaux appels à candidatures")


def new_items(since: datetime, until: datetime) -> list[dict]:
    calls = (
        Call.objects.filter(published_at__gte=since, published_at__lt=until)
        .select_related("initiative__partnership")
        .order_by("published_at", "pk")
    )
    items = []
    for call in calls:
        paths = {}
        for language in ("fr", "en"):
            with translation.override(language):
                paths[language] = reverse("startups:call_detail", kwargs={"slug": call.slug})
        items.append(
            {
                "title_fr": call.title_fr,
                "title_en": call.title_en or call.title_fr,
                "url": paths["fr"],
                "path_fr": paths["fr"],
                "path_en": paths["en"],
                "city_id": call.initiative.partnership.city_id,
                "category_id": call.initiative.category_id,
                "created_at": call.published_at,
            }
        )
    return items
