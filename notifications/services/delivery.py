"""Delivery of the outbox's records (written by outbox.py).

Delivery (`notification_send`, `notification_send_batch`) locks the row, renders the kind's templates
in the record's language and sends; a row already sent, failed or locked by another worker is
skipped, so a record is never sent twice. Transient SMTP errors leave the row pending with a later
`next_attempt_at` (exponential backoff); permanent ones mark it failed.

Retries live in the database, not in the broker: the worker never holds a message for later (a
countdown retry is an unacknowledged message in the worker, and kombu 5.7's Redis transport kills
the worker when it loses the broker while holding one, see README "Production"). `next_attempt_at`
is the time the sweep (`notification_sweep`, Celery beat, every NOTIFICATIONS_SWEEP_INTERVAL
seconds) queues the record again if it is still pending: its retry time after a transient error,
"now" when the broker could not be reached or the record was not tried, and a grace period after it
was queued (a record whose message was lost is queued again then).

Each record carries its own backoff: a record that has not failed is never delayed by another's
(after a dropped connection, the untried rest of a chunk is due at once).
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, transaction
from django.db import connection as db_connection
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from .. import constants, kinds
from ..models import Notification
from .outbox import notification_enqueue_many

logger = logging.getLogger(__name__)


def is_connection_error(exc: BaseException) -> bool:
    """The connection itself failed (refused, timed out, dropped): the next messages would fail the same
    way. (smtplib's errors are OSErrors too; a refused recipient leaves the connection usable.)"""
    if isinstance(exc, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | smtplib.SMTPHeloError):
        return True
    return isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException)


class NotificationRetryLater(Exception):  # noqa: N818 - a signal to the caller, not an error to report
    """Raised after a transient failure was recorded (the record's `next_attempt_at` is `countdown`
    seconds away: the sweep sends it again then)."""

    def __init__(self, countdown: float, error: str = ""):
        super().__init__(error or f"retry in {countdown:.1f}s")
        self.countdown = countdown


# Context values that differ from one recipient to the next while the rest of a message is shared (the
# digest: thousands of subscribers with the same filters and language get the same text but for the
# unsubscribe link). They are rendered as placeholders, so the templates run once per distinct message.
PER_RECIPIENT_KEYS = ("unsubscribe_url", "recipient_email")
_PLACEHOLDER = "\x1fpn-{}\x1f"  # a control character no template writes, left as is by HTML escaping


@lru_cache(maxsize=256)
def _render_shared(kind: str, language: str, shared_context: str, site_url: str) -> tuple[str, str, str]:
    context = {
        **json.loads(shared_context),
        **{key: _PLACEHOLDER.format(key) for key in PER_RECIPIENT_KEYS},
        "site_url": site_url,
        "notification": {"language": language, "kind": kind},
    }
    base = kinds.Kind(kind).template_base
    with translation.override(language):
        subject = " ".join(render_to_string(f"{base}.subject.txt", context).split())
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    return subject, text, html


def _fill(rendered: str, values: dict[str, str], *, html: bool) -> str:
    for key, value in values.items():
        rendered = rendered.replace(_PLACEHOLDER.format(key), escape(value) if html else value)
    return rendered


def notification_render(notification: Notification) -> EmailMultiAlternatives:
    context = notification.context
    values = {"recipient_email": notification.email, **{k: str(context[k]) for k in PER_RECIPIENT_KEYS if k in context}}
    shared = json.dumps(
        {k: v for k, v in context.items() if k not in PER_RECIPIENT_KEYS and k not in ("_headers", "_site_url")},
        sort_keys=True,
        cls=DjangoJSONEncoder,
    )
    site_url = context.get("_site_url") or settings.SITE_URL  # where the message was asked for, else SITE_URL
    subject, text, html = _render_shared(notification.kind, notification.language, shared, site_url)
    subject, text, html = (
        _fill(subject, values, html=False),
        _fill(text, values, html=False),
        _fill(html, values, html=True),
    )
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[notification.email]
    )
    message.attach_alternative(html, "text/html")
    for name, value in notification.context.get("_headers", {}).items():
        message.extra_headers[name] = value
    return message


def is_transient(exc: BaseException) -> bool:
    """Worth retrying later: connection problems, timeouts and 4xx replies. 5xx replies, refused
    recipients with a 5xx code and rendering errors are permanent."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return True  # our credentials, not the recipient: fixable by an operator, keep retrying
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, OSError)  # smtplib.SMTPException, connection refused, timeouts


def retry_countdown(attempts: int) -> float:
    """Exponential backoff with a little jitter: backoff, 2×backoff, 4×backoff... capped."""
    delay = min(constants.retry_backoff() * 2 ** max(attempts - 1, 0), constants.retry_backoff_max())
    return delay * (1 + random.uniform(0, 0.2))  # noqa: S311 - jitter, not security


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def _claim(notification_ids: list[int]) -> list[Notification]:
    """Take the pending records among `notification_ids` for this worker: they become `sending` in one
    short transaction. Rows another worker is claiming (locked) or has claimed (no longer pending) are
    left to it, so a record is never sent by two workers. A claim older than SENDING_TIMEOUT (a worker
    killed mid-chunk) is given back by the sweep."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk__in=notification_ids, status=Notification.Status.PENDING)
            .order_by("pk")
        )
        if rows:
            Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
                status=Notification.Status.SENDING,
                next_attempt_at=now + timezone.timedelta(seconds=constants.sending_timeout()),
                updated_at=now,
            )
    order = {pk: index for index, pk in enumerate(notification_ids)}
    return sorted(rows, key=lambda row: order[row.pk])


def _release(notification_ids: list[int]) -> None:
    """Claimed records that were not tried (server gone, time limit): pending again and due at once (no
    backoff: they did not fail), so the next sweep sends them if nothing else does first."""
    if not notification_ids:
        return
    now = timezone.now()
    Notification.objects.filter(pk__in=notification_ids, status=Notification.Status.SENDING).update(
        status=Notification.Status.PENDING, next_attempt_at=now, updated_at=now
    )


def _mark_sent(notification_ids: list[int]) -> None:
    """Record a group of sent messages in one statement (and one commit)."""
    if not notification_ids:
        return
    now = timezone.now()
    Notification.objects.filter(pk__in=notification_ids, status=Notification.Status.SENDING).update(
        status=Notification.Status.SENT, sent_at=now, attempts=F("attempts") + 1, last_error="", updated_at=now
    )
    notification_ids.clear()


def _deliver(notification: Notification, connection, sent: list[int]) -> tuple[float | None, BaseException | None]:
    """Render and send one claimed record. A success joins `sent` (recorded by groups, see
    MARK_SENT_EVERY); a failure is recorded at once. Returns (retry countdown or None, error or None)."""
    attempts = notification.attempts + 1
    now = timezone.now()
    outcome: dict = {"attempts": attempts, "updated_at": now}
    result: tuple[float | None, BaseException | None] = (None, None)
    try:
        message = notification_render(notification)
        message.connection = connection
        message.send()
    except SoftTimeLimitExceeded:
        raise  # not tried to the end: the caller releases the record
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
        outcome["last_error"] = _describe(exc)
        if is_transient(exc) and attempts < constants.max_attempts():
            countdown = retry_countdown(attempts)
            outcome["status"] = Notification.Status.PENDING
            outcome["next_attempt_at"] = now + timezone.timedelta(seconds=countdown)
            logger.info("Notification %s: transient error, retry in %.1fs: %s", notification.pk, countdown, exc)
            result = countdown, exc
        else:
            outcome["status"] = Notification.Status.FAILED
            logger.warning("Notification %s failed after %s attempts: %s", notification.pk, attempts, exc)
            result = None, exc
    else:
        outcome.update(status=Notification.Status.SENT, sent_at=now, last_error="")
        sent.append(notification.pk)
    if outcome["status"] != Notification.Status.SENT:
        Notification.objects.filter(pk=notification.pk, status=Notification.Status.SENDING).update(**outcome)
    for name, value in outcome.items():
        setattr(notification, name, value)
    return result


def notification_send(*, notification_id: int, connection=None) -> bool:
    """Send one pending record. Returns True if this call sent it. Safe to run twice or in parallel: a
    record already sent, failed, or claimed by another worker is skipped. Raises NotificationRetryLater
    after recording a transient failure."""
    result = notification_send_batch(notification_ids=[notification_id], connection=connection)
    if result.retry_ids:
        raise NotificationRetryLater(result.countdown, result.last_error)
    return result.sent == 1


@dataclass
class BatchResult:
    """`retry_ids`: records that met a transient error (each due after its own backoff, the longest
    being `countdown`); `untried_ids`: records left untried after the connection failed, due at once."""

    sent: int = 0
    failed: int = 0
    skipped: int = 0
    retry_ids: list[int] = field(default_factory=list)
    untried_ids: list[int] = field(default_factory=list)
    countdown: float = 0.0
    last_error: str = ""


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - the connection is being dropped anyway
        logger.debug("Error while closing the SMTP connection", exc_info=True)


def notification_send_batch(*, notification_ids: Iterable[int], connection=None) -> BatchResult:
    """Send several records over one SMTP connection. After a connection error the rest of the batch is
    not tried: it is released at once, due now (`untried_ids`), without the failed record's backoff."""
    ids = list(dict.fromkeys(notification_ids))
    result = BatchResult()
    with _asynchronous_commit():
        claimed = _claim(ids)
        result.skipped = len(ids) - len(claimed)
        if not claimed:
            return result
        connection = connection or get_connection()
        untried = [row.pk for row in claimed]
        sent: list[int] = []
        try:
            try:
                connection.open()
            except SoftTimeLimitExceeded:
                raise
            except Exception:  # noqa: BLE001, S110 - the first send fails the same way and records why
                pass
            for notification in claimed:
                untried.remove(notification.pk)
                countdown, error = _deliver(notification, connection, sent)
                if len(sent) >= constants.MARK_SENT_EVERY:
                    _mark_sent(sent)
                if notification.status == Notification.Status.SENT:
                    result.sent += 1
                elif notification.status == Notification.Status.FAILED:
                    result.failed += 1
                if error is not None:
                    result.last_error = _describe(error)
                if countdown is not None:
                    result.retry_ids.append(notification.pk)
                    result.countdown = max(result.countdown, countdown)
                if error is not None and is_connection_error(error) and untried:
                    result.untried_ids = list(untried)
                    _release(untried)
                    untried = []
                    break
        finally:
            _mark_sent(sent)
            _release(untried)  # only after an unexpected error or the time limit: the sweep sends them
            _close_quietly(connection)
    return result


@contextlib.contextmanager
def _asynchronous_commit():
    """On PostgreSQL, the batch's commits do not wait for the disk (synchronous_commit off, for this
    session until the batch ends). Other workers see each commit at once, so the claim still keeps a
    record from being sent twice; only a crash of PostgreSQL itself in the following fraction of a
    second could forget a "sent" mark (the email would go again, as when an SMTP reply is lost). It
    saves a disk flush per email (see bench/README.md)."""
    if db_connection.vendor != "postgresql" or db_connection.in_atomic_block:
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with contextlib.suppress(DatabaseError), db_connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def notification_sweep(*, now=None, grace_seconds: float | None = None) -> int:
    """Queue the pending records that are due: retries whose backoff is over, records the broker did not
    take or that were not tried, records queued `grace_seconds` ago and still pending (their message was
    lost: Redis restarted empty, a worker killed), and the claims of workers that died mid-chunk. Returns
    how many were queued."""
    now = now or timezone.now()
    grace_seconds = constants.sweep_grace_seconds() if grace_seconds is None else grace_seconds
    # A claim lives at most SENDING_TIMEOUT (longer than the task's hard time limit): its worker is gone.
    Notification.objects.filter(status=Notification.Status.SENDING, next_attempt_at__lt=now).update(
        status=Notification.Status.PENDING, next_attempt_at=now, updated_at=now
    )
    ids = list(
        Notification.objects.filter(status=Notification.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[: constants.SWEEP_LIMIT]
    )
    queued = 0
    for start in range(0, len(ids), constants.CHUNK_SIZE):
        chunk = ids[start : start + constants.CHUNK_SIZE]
        # Queued: not due again before the grace period, so a slow queue is not flooded with copies.
        # (Marked first: a worker may fail a record and set its own retry time before this would run.)
        Notification.objects.filter(pk__in=chunk, status=Notification.Status.PENDING).update(
            next_attempt_at=now + timezone.timedelta(seconds=grace_seconds), updated_at=now
        )
        queued_now = notification_enqueue_many(notification_ids=chunk)
        queued += queued_now
        if queued_now < len(chunk):
            break  # the broker is gone: notification_enqueue_many made the rest due again
    if ids:
        logger.info("Sweep: %s of %s due notifications queued.", queued, len(ids))
    return queued


@transaction.atomic
def notification_retry(*, notification: Notification) -> Notification:
    """Staff action: put a failed record back to pending (attempts start again) and queue it."""
    notification = Notification.objects.select_for_update().get(pk=notification.pk)
    if notification.status != Notification.Status.FAILED:
        raise ValidationError(_("Seule une notification en échec peut être renvoyée."), code="not_failed")
    now = timezone.now()
    notification.status = Notification.Status.PENDING
    notification.attempts = 0
    notification.next_attempt_at = now + timezone.timedelta(seconds=constants.sweep_grace_seconds())
    notification.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
    transaction.on_commit(partial(notification_enqueue_many, notification_ids=[notification.pk]))
    return notification
