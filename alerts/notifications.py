"""The alerts' messages: the confirmation link of a subscription and the daily digest.

Templates: alerts/templates/notifications/email/alerts/{confirm,digest}.{subject.txt,txt,html}.
"""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse

from common.site import absolute_url
from notifications import kinds
from notifications.models import Notification
from notifications.services import Message, message_language, notify

from . import constants
from .models import Subscription

CONFIRM = kinds.register("alerts.confirm")
DIGEST = kinds.register("alerts.digest")


def language_of(subscription: Subscription) -> str:
    """The language of this subscription's emails (the outbox's rule: the account's preferred language when
    the subscription belongs to one, else the language chosen on the form)."""
    return message_language(recipient=subscription.user, language=subscription.language)


def confirmation(subscription: Subscription, *, token: str, language: str, cities, categories, now) -> Notification:
    """The link that confirms a subscription, sent to the address typed (not to an account: it may be
    someone else's), in the language chosen on the form."""

    def context(language: str) -> dict:
        return {
            "confirm_url": absolute_url(reverse("alerts:confirm", kwargs={"token": token})),
            "cities": [str(city.name) for city in cities],
            "categories": [str(category.name) for category in categories],
            "valid_days": constants.CONFIRMATION_MAX_AGE // 86400,
        }

    return notify(
        kind=CONFIRM,
        key=f"{CONFIRM}:{subscription.pk}:{now.timestamp():.6f}",
        email=subscription.email,
        language=language,
        context=context,
    )


def digest(subscription: Subscription, *, since: datetime, sections: list[dict], count: int, unsubscribe_url: str):
    """One subscriber's digest, for the outbox's notify_many(). `sections` are already in the subscriber's
    language (language_of): the digest localises each item once per language, not once per person.
    Keyed by the start of the subscriber's window, so a second run the same day sends nothing more."""
    return Message(
        kind=DIGEST,
        key=f"{DIGEST}:{subscription.pk}:{since.isoformat()}",
        recipient=subscription.user,
        email=subscription.email,
        language=subscription.language,
        context={"sections": sections, "count": count, "unsubscribe_url": unsubscribe_url},
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
