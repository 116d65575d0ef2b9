"""The one way anything is sent to a person.

`notify()` writes a Notification row in the caller's transaction and queues its delivery after
commit. A rolled-back transaction therefore sends nothing, and the same idempotency key never makes
two rows. Delivery (`notification_send`) renders the kind's templates in the recipient's language.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification

logger = logging.getLogger(__name__)


def notify(
    *,
    kind: str,
    key: str,
    context: dict[str, Any] | None = None,
    recipient=None,
    email: str = "",
    language: str = "",
) -> Notification:
    """Record a message for `recipient` (a user) or a bare `email`, and send it after commit.

    `kind` names the templates: notifications/email/<kind>.subject.txt, .txt and .html.
    `key` identifies the event ("training.registration_confirmed:42"): the same key is sent once.
    `context` must be JSON-serialisable: the task runs later, maybe in another process.
    """
    if recipient is None and not email:
        raise ValueError("notify() needs a recipient or an email address.")
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            idempotency_key=key[:255],
            defaults={
                "recipient": recipient,
                "email": email or recipient.email,
                "kind": kind,
                "language": language or getattr(recipient, "preferred_language", "") or settings.LANGUAGE_CODE,
                "context": context or {},
            },
        )
        if created:
            transaction.on_commit(partial(notification_enqueue, notification_id=notification.pk))
    return notification


def notification_enqueue(*, notification_id: int) -> bool:
    """Hand the record to Celery. If the broker cannot be reached, the record stays pending and the
    periodic sweep queues it again: the caller's request never fails or hangs because of the broker."""
    from .tasks import send_notification

    try:
        send_notification.apply_async(args=[notification_id], retry=False)
    except Exception:  # noqa: BLE001 - a broker outage must not break the page; the sweep retries
        logger.warning("Could not queue notification %s; the sweep will retry.", notification_id, exc_info=True)
        return False
    return True


def notification_render(notification: Notification) -> EmailMultiAlternatives:
    context = {
        **notification.context,
        "site_url": settings.SITE_URL,
        "recipient_email": notification.email,
        "notification": notification,
    }
    base = f"notifications/email/{notification.kind.replace('.', '/')}"
    with translation.override(notification.language):
        subject = " ".join(render_to_string(f"{base}.subject.txt", context).split())
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[notification.email]
    )
    message.attach_alternative(html, "text/html")
    for name, value in notification.context.get("_headers", {}).items():
        message.extra_headers[name] = value
    return message


def notification_send(*, notification_id: int, connection=None) -> bool:
    """Send one pending record. Returns True if this call sent it. Safe to run twice or in parallel:
    the row is locked while sending, and a record already sent (or locked by another worker) is skipped."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id, status=Notification.Status.PENDING)
            .first()
        )
        if notification is None:
            return False
        notification.attempts += 1
        message = notification_render(notification)
        message.connection = connection or get_connection()
        message.send()
        notification.status = Notification.Status.SENT
        notification.sent_at = timezone.now()
        notification.last_error = ""
        notification.save(update_fields=["status", "sent_at", "attempts", "last_error", "updated_at"])
    return True
