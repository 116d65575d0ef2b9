"""The way into the outbox: `notify()` (one message) and `notify_many()` (a batch, the alert digest).

Apps do not call these from their services directly: each app builds its messages in `<app>/notifications.py`
(kind, key, recipient, context) and its services call those functions. The outbox decides the language of
every message with one rule (`message_language`), writes a Notification row in the caller's transaction
(a rolled-back transaction sends nothing, the same key never makes two rows) and queues its delivery after
commit. If the broker cannot be reached (refused, or frozen: the publish gives up after
CELERY_BROKER_TRANSPORT_OPTIONS' socket timeouts, well under a second) the row stays pending, due at once,
and the sweep queues it again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from common.site import request_site_url

from .. import constants, kinds
from ..models import Notification

logger = logging.getLogger(__name__)

Context = dict[str, Any] | Callable[[str], dict[str, Any]]


def message_language(*, recipient=None, language: str = "") -> str:
    """The one rule for the language of a message: the person's preferred language (when the message goes
    to an account), else the language the subscription, request or registration was made in (`language`),
    else French (LANGUAGE_CODE)."""
    known = {code for code, _name in settings.LANGUAGES}
    for candidate in (getattr(recipient, "preferred_language", ""), language):
        if candidate in known:
            return candidate
    return settings.LANGUAGE_CODE


@dataclass
class Message:
    """One message for `notify_many()`; the arguments of `notify()`."""

    kind: kinds.Kind | str
    key: str
    context: Context = field(default_factory=dict)
    recipient: Any = None
    email: str = ""
    language: str = ""
    city: Any = None
    headers: dict[str, str] | None = None


def _record(message: Message) -> Notification:
    """The unsaved outbox row of a message: its kind checked, its language decided, its context built."""
    kind = kinds.get(message.kind)
    if message.recipient is None and not message.email:
        raise ValueError("notify() needs a recipient or an email address.")
    language = message_language(recipient=message.recipient, language=message.language)
    context = message.context
    if callable(context):
        with translation.override(language):
            context = context(language)
    context = dict(context or {})
    if message.headers:
        context["_headers"] = {**context.get("_headers", {}), **message.headers}
    if request_site_url() and "_site_url" not in context:
        context["_site_url"] = request_site_url()  # the templates' {{ site_url }}: the host and port asked
    city = message.city
    return Notification(
        idempotency_key=message.key[:255],
        recipient=message.recipient,
        email=message.email or message.recipient.email,
        kind=kind.name,
        language=language,
        context=context,
        city_id=city if isinstance(city, int) else getattr(city, "pk", None),
        # Queued after commit: if it is still pending after the grace period its message was lost.
        next_attempt_at=timezone.now() + timezone.timedelta(seconds=constants.sweep_grace_seconds()),
    )


def notify(
    *,
    kind: kinds.Kind | str,
    key: str,
    context: Context | None = None,
    recipient=None,
    email: str = "",
    language: str = "",
    city=None,
    headers: dict[str, str] | None = None,
) -> Notification:
    """Record a message for `recipient` (an account) or a bare `email`, and send it after commit.

    `kind` is a kind its app declared (notifications/kinds.py); it names the templates.
    `key` identifies the event ("training.registration_confirmed:42"): the same key is sent once.
    `context` is JSON-serialisable data (the task runs later, maybe in another process), or a function
    that builds it from the message's language: it is called with that language active.
    `language` is the language the subscription or request was made in: the fallback when the message
    goes to no account (see message_language). `city` (optional) lets that city's staff see the record in
    the admin; `headers` are extra email headers (List-Unsubscribe...).
    """
    record = _record(
        Message(
            kind=kind,
            key=key,
            context=context or {},
            recipient=recipient,
            email=email,
            language=language,
            city=city,
            headers=headers,
        )
    )
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            idempotency_key=record.idempotency_key,
            defaults={
                name: getattr(record, name)
                for name in ("recipient", "email", "kind", "language", "context", "city_id", "next_attempt_at")
            },
        )
        if created:
            transaction.on_commit(partial(notification_enqueue, notification_id=notification.pk))
    return notification


def notify_many(messages: Iterable[Message]) -> list[int]:
    """Record many messages in a few statements and queue them after commit, in chunks (one task and one
    SMTP connection per chunk). A key already recorded is skipped. Returns the ids of the pending records."""
    records = [_record(message) for message in messages]
    if not records:
        return []
    with transaction.atomic():
        Notification.objects.bulk_create(records, ignore_conflicts=True, batch_size=500)
        ids = list(
            Notification.objects.filter(
                idempotency_key__in=[record.idempotency_key for record in records], status=Notification.Status.PENDING
            ).values_list("pk", flat=True)
        )
        transaction.on_commit(partial(notification_enqueue_many, notification_ids=ids))
    return ids


def _due_now(notification_ids: Sequence[int]) -> None:
    """The broker did not take these records: the next sweep queues them (no grace period to wait)."""
    try:
        Notification.objects.filter(pk__in=list(notification_ids), status=Notification.Status.PENDING).update(
            next_attempt_at=timezone.now()
        )
    except Exception:  # noqa: BLE001 - they are due after the grace period anyway
        logger.warning("Could not mark %s notifications as due.", len(notification_ids), exc_info=True)


# After a failed publish, this process does not try the broker again for BROKER_RETRY_AFTER seconds (per
# broker URL): the records are due at once and the sweep queues them, so a frozen Redis costs one socket
# timeout every few seconds instead of one per request.
BROKER_RETRY_AFTER = 5.0
_broker_down_until: dict[str, float] = {}


def _publish(task, args: list) -> bool:
    """Publish without retry; False (and logged) when the broker is unreachable or was a moment ago."""
    app = task.app
    url = str(app.conf.broker_url) if not app.conf.task_always_eager else ""
    if url and time.monotonic() < _broker_down_until.get(url, 0.0):
        return False
    try:
        task.apply_async(args=args, retry=False)
    except Exception:  # noqa: BLE001 - a broker outage must not break the page; the sweep retries
        if url:
            _broker_down_until[url] = time.monotonic() + BROKER_RETRY_AFTER
        logger.warning("Could not queue %s; the sweep will retry.", task.name, exc_info=True)
        return False
    return True


def notification_enqueue(*, notification_id: int) -> bool:
    """Hand the record to Celery. If the broker cannot be reached, the record stays pending, due at once,
    and the periodic sweep queues it: the caller's request never fails or hangs because of the broker
    (short socket timeouts and no publish retry, see CELERY_BROKER_* settings)."""
    from ..tasks import send_notification

    if _publish(send_notification, [notification_id]):
        return True
    _due_now([notification_id])
    return False


def notification_enqueue_many(*, notification_ids: Sequence[int], chunk_size: int = constants.CHUNK_SIZE) -> int:
    """Queue records in chunks (one task, one SMTP connection per chunk). Returns how many were queued;
    stops at the first broker error (the rest is due at once: the sweep queues it)."""
    from ..tasks import send_notifications

    queued = 0
    for start in range(0, len(notification_ids), chunk_size):
        chunk = list(notification_ids[start : start + chunk_size])
        if not _publish(send_notifications, [chunk]):
            _due_now(notification_ids[start:])
            break
        queued += len(chunk)
    return queued
