"""The daily alert digest: for each active subscription, what is new since its last digest and matches
its filters, in one email. Built page by page; each page is committed with its subscribers' new
`last_digest_at` and queued in chunks (one SMTP connection per chunk) while the next page is built.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.db.models.functions import Coalesce
from django.urls import translate_url
from django.utils import timezone, translation

from common.site import absolute_url
from notifications.services import notify_many
from partnership.models import City

from .. import constants, notifications, sources
from ..models import Subscription
from .subscriptions import unsubscribe_url_maker

logger = logging.getLogger(__name__)


@dataclass
class DigestResult:
    subscriptions: int = 0
    emails: int = 0
    items: int = 0


@dataclass(frozen=True)
class _Entry:
    section: int
    item: sources.AlertItem


def _localised_entries(entries: list[_Entry], language: str, city_names: dict[int, dict[str, str]]) -> list[dict]:
    """Each entry as the template shows it in `language` (computed once per language, not per person).
    Sources build their paths in the default language (see digest_send); translate_url resolves them
    in that language and reverses them in the subscriber's."""
    with translation.override(settings.LANGUAGE_CODE):
        return [
            {
                "title": entry.item.title_in(language),
                "url": absolute_url(translate_url(entry.item.url, language)),
                "city": city_names.get(entry.item.city_id, {}).get(language, ""),
            }
            for entry in entries
        ]


def _matches(item: sources.AlertItem, since: datetime, city_ids: set[int], category_ids: set[int]) -> bool:
    return (
        item.created_at >= since
        and (not city_ids or item.city_id in city_ids)
        and (not category_ids or item.category_id in category_ids)
    )


def _digest_message(
    subscription: Subscription,
    since: datetime,
    matched: list[int],
    entries: list[_Entry],
    section_labels: dict[str, list[str]],
    localised: dict[str, list[dict]],
    unsubscribe_urls: dict,
):
    language = notifications.language_of(subscription)
    sections: dict[int, dict] = {}
    for index in matched:
        entry = entries[index]
        section = sections.setdefault(
            entry.section, {"title": section_labels[language][entry.section], "items": [], "count": 0}
        )
        section["count"] += 1
        if len(section["items"]) < constants.MAX_ITEMS_PER_SECTION:
            section["items"].append(localised[language][index])
    return notifications.digest(
        subscription,
        since=since,
        sections=list(sections.values()),
        count=len(matched),
        unsubscribe_url=unsubscribe_urls[language](subscription),
    )


def digest_send(*, until: datetime | None = None, page_size: int = constants.DIGEST_PAGE_SIZE) -> DigestResult:
    """Build and queue today's digests. Safe to run twice: a subscriber's digest is keyed by the start
    of its window, and the window only moves on in the transaction that records the email."""
    until = until or timezone.now()
    result = DigestResult()
    active = Subscription.objects.active().filter(confirmed_at__lt=until)
    earliest = active.aggregate(since=Min(Coalesce("last_digest_at", "confirmed_at")))["since"]
    if earliest is None:
        return result
    with translation.override(settings.LANGUAGE_CODE):
        collected = sources.collect_new_items(since=earliest, until=until)
    entries = [_Entry(section, item) for section, (_source, items) in enumerate(collected) for item in items]
    result.items = len(entries)
    languages = [code for code, _name in settings.LANGUAGES]
    section_labels = {}
    for language in languages:
        with translation.override(language):
            section_labels[language] = [str(source.label) for source, _items in collected]
    city_ids = {entry.item.city_id for entry in entries if entry.item.city_id is not None}
    city_names = {
        city.pk: {language: getattr(city, f"name_{language}", "") or city.name for language in languages}
        for city in City.objects.filter(pk__in=city_ids)
    }
    localised = {language: _localised_entries(entries, language, city_names) for language in languages}

    pks = list(active.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), page_size):
        sent, seen = _digest_page(pks[start : start + page_size], until, entries, section_labels, localised)
        result.subscriptions += seen
        result.emails += sent
    logger.info(
        "Digest: %s emails for %s subscriptions, %s new items.", result.emails, result.subscriptions, len(entries)
    )
    return result


@transaction.atomic
def _digest_page(pks, until, entries, section_labels, localised) -> tuple[int, int]:
    unsubscribe_urls = {language: unsubscribe_url_maker(language) for language in localised}
    # Locked, and read again: a concurrent run that already handled a row has moved its window on.
    page = list(
        Subscription.objects.active()
        .select_related("user")
        .select_for_update(skip_locked=True, of=("self",))
        .filter(pk__in=pks, confirmed_at__lt=until)
        .order_by("pk")
    )
    if not page:
        return 0, 0
    through_cities = Subscription.cities.through.objects.filter(subscription_id__in=[s.pk for s in page])
    through_categories = Subscription.categories.through.objects.filter(subscription_id__in=[s.pk for s in page])
    cities: dict[int, set[int]] = {}
    categories: dict[int, set[int]] = {}
    for subscription_id, city_id in through_cities.values_list("subscription_id", "city_id"):
        cities.setdefault(subscription_id, set()).add(city_id)
    for subscription_id, category_id in through_categories.values_list("subscription_id", "category_id"):
        categories.setdefault(subscription_id, set()).add(category_id)

    messages = []
    for subscription in page:
        since = subscription.last_digest_at or subscription.confirmed_at
        matched = [
            index
            for index, entry in enumerate(entries)
            if _matches(entry.item, since, cities.get(subscription.pk, set()), categories.get(subscription.pk, set()))
        ]
        if matched:
            messages.append(
                _digest_message(subscription, since, matched, entries, section_labels, localised, unsubscribe_urls)
            )
    notify_many(messages)
    Subscription.objects.filter(pk__in=[s.pk for s in page]).update(last_digest_at=until)
    return len(messages), len(page)
