"""What the daily alert digest can list: one source per app.

Any app in settings.LOCAL_APPS may provide `<app>/alerts.py` with

    LABEL = _("Nouveaux appels à candidatures")      # optional: the digest's section title
    def new_items(since: datetime, until: datetime) -> list[dict]:
        '''Public items created in [since, until).'''

Each item is a plain dict (the app imports nothing from here) with the keys of `AlertItem`:
`title_fr`/`title_en` (or `title`), `url` (a path from reverse(); it is translated to the subscriber's
language), `city_id`, `category_id` (None when the item has none: only subscribers without that filter
get it) and `created_at`. Unknown keys are ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime

from django.apps import apps

from common.app_hooks import app_modules

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AlertItem:
    url: str
    created_at: datetime
    title: str = ""
    title_fr: str = ""
    title_en: str = ""
    city_id: int | None = None
    category_id: int | None = None

    def title_in(self, language: str) -> str:
        return getattr(self, f"title_{language}", "") or self.title_fr or self.title or self.title_en

    @classmethod
    def coerce(cls, item: AlertItem | dict | object) -> AlertItem:
        if isinstance(item, cls):
            return item
        names = [f.name for f in fields(cls)]
        if isinstance(item, dict):
            values = {name: item[name] for name in names if name in item}
        else:
            values = {name: getattr(item, name) for name in names if hasattr(item, name)}
        return cls(**values)


@dataclass(frozen=True)
class AlertSource:
    app_label: str
    label: str
    new_items: Callable[[datetime, datetime], list]


def alert_sources() -> list[AlertSource]:
    """Every `<app>.alerts` module of LOCAL_APPS that has a `new_items` function, in LOCAL_APPS order."""
    sources = []
    for app, module in app_modules("alerts"):
        new_items = getattr(module, "new_items", None)
        if callable(new_items):
            label = getattr(module, "LABEL", None) or apps.get_app_config(app.rsplit(".", 1)[-1]).verbose_name
            sources.append(AlertSource(app_label=app, label=label, new_items=new_items))
    return sources


def collect_new_items(*, since: datetime, until: datetime) -> list[tuple[AlertSource, list[AlertItem]]]:
    """Each source's items created in [since, until), oldest first. A failing source fails the digest
    (nobody's window moves on, so nothing is lost; the next run sends it)."""
    collected = []
    for source in alert_sources():
        items = [AlertItem.coerce(item) for item in source.new_items(since, until)]
        items = [item for item in items if since <= item.created_at < until]
        items.sort(key=lambda item: item.created_at)
        collected.append((source, items))
    return collected
