"""Alert subscriptions: double opt-in by a signed link, one-click unsubscribe by another.

The public form never tells whether an address is already subscribed: every request ends with the
same page, and the address receives a confirmation link carrying the chosen filters (signed, so
nobody can change someone else's alerts without their mailbox). A logged-in person saving alerts for
one of their verified addresses needs no link.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.site import absolute_url
from notifications.selectors import messages_sent_since
from partnership.models import City

from .. import constants, notifications
from ..models import Subscription

logger = logging.getLogger(__name__)


INVALID_LINK = "invalid_link"


def _invalid_link() -> ValidationError:
    """A confirmation or unsubscribe link that was altered, has expired or no longer matches anything."""
    return ValidationError(_("Ce lien n'est pas valide, ou ne l'est plus."), code=INVALID_LINK)


def normalize_email(email: str) -> str:
    return email.strip().lower()


def verified_emails(user) -> set[str]:
    if user is None or not user.is_authenticated:
        return set()
    from allauth.account.models import EmailAddress

    return {
        normalize_email(e)
        for e in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    }


def _activate(subscription: Subscription, now) -> None:
    """Confirmed from now on. A new or returning subscriber's first digest starts now."""
    if subscription.is_active:
        return
    subscription.is_confirmed = True
    subscription.confirmed_at = now
    subscription.unsubscribed_at = None
    subscription.last_digest_at = None


def _save_filters(subscription: Subscription, cities: Iterable, categories: Iterable) -> None:
    subscription.cities.set(list(cities))
    subscription.categories.set(list(categories))


@transaction.atomic
def subscription_request(
    *, email: str, language: str, cities: Iterable[City], categories: Iterable[Model], user=None
) -> tuple[Subscription, bool]:
    """Ask for alerts. Returns (subscription, saved_now): saved_now is True only for a logged-in
    person's own verified address; otherwise a confirmation link is sent (at most a few a day)."""
    email = normalize_email(email)
    cities, categories = list(cities), list(categories)
    now = timezone.now()
    subscription, _created = Subscription.objects.select_for_update().get_or_create(
        email=email, defaults={"language": language}
    )
    if email in verified_emails(user):
        subscription.user = user
        subscription.language = language
        _activate(subscription, now)
        subscription.full_clean()
        subscription.save()
        _save_filters(subscription, cities, categories)
        return subscription, True
    if not subscription.is_active:
        # Not receiving anything yet: the row may show the filters asked for (the link applies them).
        subscription.language = language
        subscription.full_clean()
        subscription.save()
        _save_filters(subscription, cities, categories)
    subscription_send_confirmation(
        subscription=subscription, language=language, cities=cities, categories=categories, now=now
    )
    return subscription, False


def confirmation_token(*, subscription: Subscription, language: str, cities, categories) -> str:
    payload = {
        "t": str(subscription.token),
        "i": timezone.now().timestamp(),
        "l": language,
        "c": sorted(city.pk for city in cities),
        "k": sorted(category.pk for category in categories),
    }
    return signing.dumps(payload, salt=constants.SALT_CONFIRM, compress=True)


def subscription_send_confirmation(*, subscription: Subscription, language: str, cities, categories, now=None):
    """Send the confirmation link, unless this address already got CONFIRMATIONS_PER_DAY today."""
    now = now or timezone.now()
    recent = messages_sent_since(
        kind=notifications.CONFIRM, email=subscription.email, since=now - timezone.timedelta(days=1)
    )
    if recent >= constants.CONFIRMATIONS_PER_DAY:
        logger.info("Subscription %s: confirmation not sent again (%s today).", subscription.pk, recent)
        return None
    token = confirmation_token(subscription=subscription, language=language, cities=cities, categories=categories)
    notification = notifications.confirmation(
        subscription, token=token, language=language, cities=cities, categories=categories, now=now
    )
    Subscription.objects.filter(pk=subscription.pk).update(confirmation_sent_at=now)
    return notification


def _uuid(value: str) -> uuid.UUID:
    """A link whose signature is valid but whose payload is not a subscription token is still a bad link."""
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError, AttributeError) as exc:
        raise _invalid_link() from exc


def read_confirmation_token(token: str) -> dict:
    try:
        payload = signing.loads(token, salt=constants.SALT_CONFIRM, max_age=constants.CONFIRMATION_MAX_AGE)
    except signing.BadSignature as exc:  # SignatureExpired is a BadSignature
        raise _invalid_link() from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("t"), str):
        raise _invalid_link()
    return payload


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscription:
    """Apply a confirmation link: the subscription becomes active with the filters the link carries."""
    payload = read_confirmation_token(token)
    subscription = Subscription.objects.select_for_update().filter(token=_uuid(payload["t"])).first()
    if subscription is None:
        raise _invalid_link()
    issued = payload.get("i")
    if (
        isinstance(issued, int | float)
        and subscription.unsubscribed_at
        and subscription.unsubscribed_at.timestamp() > issued
    ):
        raise _invalid_link()
    languages = {code for code, _name in settings.LANGUAGES}
    if payload.get("l") in languages:
        subscription.language = payload["l"]
    _activate(subscription, timezone.now())
    subscription.full_clean()
    subscription.save()
    _save_filters(
        subscription,
        City.objects.filter(pk__in=[pk for pk in payload.get("c", []) if isinstance(pk, int)]),
        Subscription.category_model().objects.filter(pk__in=[pk for pk in payload.get("k", []) if isinstance(pk, int)]),
    )
    return subscription


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.dumps(str(subscription.token), salt=constants.SALT_UNSUBSCRIBE)


def unsubscribe_url(subscription: Subscription, language: str | None = None) -> str:
    with translation.override(language or subscription.language):
        path = reverse("alerts:unsubscribe", kwargs={"token": unsubscribe_token(subscription)})
    return absolute_url(path)


def unsubscribe_url_maker(language: str):
    """unsubscribe_url for many subscriptions in one language: the path is reversed once (the digest)."""
    placeholder = "0TOKEN0"
    with translation.override(language):
        pattern = absolute_url(reverse("alerts:unsubscribe", kwargs={"token": placeholder}))
    before, after = pattern.split(placeholder)
    return lambda subscription: before + unsubscribe_token(subscription) + after


def subscription_from_unsubscribe_token(token: str) -> Subscription:
    """The subscription an unsubscribe link points at (links never expire: they are in old emails too)."""
    try:
        value = signing.loads(token, salt=constants.SALT_UNSUBSCRIBE)
    except signing.BadSignature as exc:
        raise _invalid_link() from exc
    subscription = Subscription.objects.filter(token=_uuid(value)).first() if isinstance(value, str) else None
    if subscription is None:
        raise _invalid_link()
    return subscription


@transaction.atomic
def subscription_unsubscribe(*, subscription: Subscription) -> Subscription:
    """Stop the alerts (idempotent). The row is kept (nothing is sent to it) so that a later request starts afresh."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.full_clean()
        subscription.save()
    return subscription
