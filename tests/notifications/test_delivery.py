"""One record per message, sent once, retried on transient SMTP errors, failed on permanent ones."""

import smtplib

import pytest
from django.db import transaction
from django.utils import timezone

from notifications import services
from notifications.models import Notification
from notifications.tasks import send_notification, send_notifications
from tests import factories
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db

CONFIRM_CONTEXT = {"confirm_url": "http://testserver/fr/x/", "cities": ["Lyon"], "categories": [], "valid_days": 7}


def _notify(key="test.event:1", **kwargs):
    kwargs.setdefault("email", "habitant@example.org")
    return services.notify(kind="alerts.confirm", key=key, context=CONFIRM_CONTEXT, **kwargs)


def test_an_event_inside_a_transaction_that_rolls_back_sends_nothing(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        _notify()
        raise RuntimeError("the event failed")
    assert Notification.objects.count() == 0
    assert mailoutbox == []


def test_a_committed_event_sends_one_email_with_text_and_html(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1
    assert notification.sent_at is not None
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["habitant@example.org"]
    assert message.subject == "Confirmez votre abonnement aux alertes"
    assert "http://testserver/fr/x/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="http://testserver/fr/x/"' in html


def test_the_same_event_key_makes_one_record_and_one_email(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify(key="test.event:7")
        second = _notify(key="test.event:7")
    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1


def test_the_send_task_run_twice_for_one_record_sends_one_email(mailoutbox):
    notification = NotificationFactory()
    assert send_notification(notification.pk) is True
    assert send_notification(notification.pk) is False
    send_notifications([notification.pk, notification.pk])
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.attempts == 1


@pytest.mark.parametrize(
    ("language", "subject", "body_text"),
    [
        ("fr", "Confirmez votre abonnement aux alertes", "Vous avez demandé à recevoir les alertes"),
        ("en", "Confirm your subscription to the alerts", "You asked to receive the Digital partnerships alerts"),
    ],
)
def test_emails_are_written_in_the_recipients_language(
    language, subject, body_text, django_capture_on_commit_callbacks, mailoutbox
):
    person = factories.UserFactory(preferred_language=language)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(kind="alerts.confirm", key=f"test.lang:{language}", context=CONFIRM_CONTEXT, recipient=person)
    message = mailoutbox[0]
    assert message.to == [person.email]
    assert message.subject == subject
    assert body_text in message.body
    assert body_text in message.alternatives[0][0]
    assert Notification.objects.get().language == language


def test_an_explicit_language_is_used_for_someone_without_an_account(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(language="en")
    assert mailoutbox[0].subject == "Confirm your subscription to the alerts"


def test_extra_headers_are_sent_with_the_email(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(headers={"List-Unsubscribe": "<http://testserver/u/>"})
    assert mailoutbox[0].extra_headers["List-Unsubscribe"] == "<http://testserver/u/>"


def test_a_missing_template_marks_the_record_failed_with_the_error(mailoutbox):
    notification = NotificationFactory(kind="nowhere.unknown")
    assert services.notification_send(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert "TemplateDoesNotExist" in notification.last_error
    assert mailoutbox == []


# --- real SMTP: transient and permanent errors -------------------------------------------------------


def test_smtp_refusing_twice_then_accepting_sends_one_email_and_records_three_attempts(smtp_settings):
    sink = smtp_settings
    sink.handler.data_replies = ["451 4.3.0 Essayez plus tard", "451 4.3.0 Essayez plus tard"]
    notification = NotificationFactory()
    for _attempt in range(2):
        with pytest.raises(services.NotificationRetryLater) as retry:
            services.notification_send(notification_id=notification.pk)
        assert retry.value.countdown > 0
        notification.refresh_from_db()
        assert notification.status == Notification.Status.PENDING
        assert "451" in notification.last_error
        assert notification.next_attempt_at > timezone.now()
    assert services.notification_send(notification_id=notification.pk) is True
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.last_error) == ("sent", 3, "")
    assert sink.count == 1
    assert sink.messages[0]["Subject"] == "Confirmez votre abonnement aux alertes"


def test_a_permanent_smtp_refusal_marks_the_record_failed_and_is_not_retried(smtp_settings):
    sink = smtp_settings
    sink.handler.data_replies = ["554 5.7.1 Message refusé"]
    notification = NotificationFactory()
    assert services.notification_send(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == 1
    assert "554" in notification.last_error
    assert services.notification_send(notification_id=notification.pk) is False
    assert sink.count == 0


def test_a_refused_recipient_is_failed_and_the_rest_of_the_batch_is_sent_over_one_connection(smtp_settings):
    sink = smtp_settings
    records = NotificationFactory.create_batch(5)
    sink.handler.refused[records[2].email] = "550 5.1.1 Adresse inconnue"
    result = services.notification_send_batch(notification_ids=[r.pk for r in records])
    assert (result.sent, result.failed, result.retry_ids) == (4, 1, [])
    assert sink.count == 4
    assert sink.connections == 1
    failed = Notification.objects.get(status=Notification.Status.FAILED)
    assert failed.pk == records[2].pk
    assert "550" in failed.last_error


def test_a_chunk_task_reuses_one_smtp_connection(smtp_settings):
    sink = smtp_settings
    records = NotificationFactory.create_batch(12)
    assert send_notifications([r.pk for r in records]) == 12
    assert sink.count == 12
    assert sink.connections == 1


def test_smtp_server_down_retries_the_tried_record_later_and_leaves_the_untried_ones_due_now(settings, mailoutbox):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # connection refused
    records = NotificationFactory.create_batch(3)
    before = timezone.now()
    result = services.notification_send_batch(notification_ids=[r.pk for r in records])
    after = timezone.now()
    assert result.sent == 0
    assert result.retry_ids == [records[0].pk]
    assert result.untried_ids == [records[1].pk, records[2].pk]
    rows = {n.pk: n for n in Notification.objects.all()}
    assert {pk: n.attempts for pk, n in rows.items()} == {records[0].pk: 1, records[1].pk: 0, records[2].pk: 0}
    assert {n.status for n in rows.values()} == {"pending"}
    # The record that failed waits for its backoff; the others did not fail and do not wait for it.
    assert rows[records[0].pk].next_attempt_at > after + timezone.timedelta(seconds=20)
    assert all(before <= rows[r.pk].next_attempt_at <= after for r in records[1:])
    assert "Connection" in rows[records[0].pk].last_error


def test_in_process_task_does_not_retry_in_a_loop_on_a_transient_error(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1
    notification = NotificationFactory()
    assert send_notification.apply(args=[notification.pk]).get() is False
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == ("pending", 1)


def test_transient_errors_become_a_failure_after_the_maximum_number_of_attempts(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    notification = NotificationFactory(attempts=2)
    assert services.notification_send(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == ("failed", 3)


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (smtplib.SMTPServerDisconnected("bye"), True),
        (ConnectionRefusedError(111, "refused"), True),
        (TimeoutError("timed out"), True),
        (smtplib.SMTPDataError(451, b"later"), True),
        (smtplib.SMTPSenderRefused(421, b"busy", "a@b.c"), True),
        (smtplib.SMTPRecipientsRefused({"a@b.c": (450, b"mailbox busy")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b.c": (550, b"no such user")}), False),
        (smtplib.SMTPDataError(554, b"rejected"), False),
        (ValueError("bad header"), False),
    ],
)
def test_errors_are_sorted_into_transient_and_permanent(error, transient):
    assert services.is_transient(error) is transient


def test_retry_delays_grow_exponentially(settings):
    settings.NOTIFICATIONS_RETRY_BACKOFF = 10
    settings.NOTIFICATIONS_RETRY_BACKOFF_MAX = 1000
    delays = [services.retry_countdown(attempt) for attempt in (1, 2, 3, 4, 20)]
    for delay, base in zip(delays, (10, 20, 40, 80, 1000), strict=True):
        assert base <= delay <= base * 1.2


@pytest.mark.parametrize("task", [send_notification, send_notifications])
def test_sending_tasks_acknowledge_late_and_have_time_limits(task, settings):
    assert task.acks_late is True
    assert 0 < task.soft_time_limit < task.time_limit
    assert settings.CELERY_TASK_SERIALIZER == "json"
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]


def test_a_chunk_stopped_by_its_time_limit_records_what_it_sent_and_gives_back_the_rest(monkeypatch, mailoutbox):
    from celery.exceptions import SoftTimeLimitExceeded

    from notifications.services import delivery

    records = NotificationFactory.create_batch(6)
    real_render = delivery.notification_render
    calls = []

    def render_until_the_time_limit(notification):
        calls.append(notification.pk)
        if len(calls) == 4:
            raise SoftTimeLimitExceeded
        return real_render(notification)

    monkeypatch.setattr(delivery, "notification_render", render_until_the_time_limit)
    with pytest.raises(SoftTimeLimitExceeded):
        services.notification_send_batch(notification_ids=[r.pk for r in records])
    statuses = [Notification.objects.get(pk=r.pk).status for r in records]
    # Sent ones recorded; the one in flight stays claimed (the sweep decides later); the rest are pending.
    assert statuses == ["sent", "sent", "sent", "sending", "pending", "pending"]
    assert len(mailoutbox) == 3


def test_each_sent_message_is_recorded_at_once_with_one_attempt(django_assert_max_num_queries, mailoutbox):
    """MARK_SENT_EVERY = 1: one UPDATE per email, right after the SMTP server accepted it, so a worker killed
    outright can repeat at most one message; the rest of the chunk costs a constant number of queries."""
    records = NotificationFactory.create_batch(25)
    with django_assert_max_num_queries(25 + 6):
        result = services.notification_send_batch(notification_ids=[r.pk for r in records])
    assert result.sent == 25 and len(mailoutbox) == 25
    assert set(Notification.objects.values_list("status", "attempts")) == {("sent", 1)}
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0


def test_messages_that_differ_only_by_the_unsubscribe_link_are_rendered_once_and_filled_in(mailoutbox):
    from notifications.services import delivery

    delivery._render_shared.cache_clear()
    first = NotificationFactory(
        kind="alerts.digest",
        language="en",
        context={"sections": [], "count": 0, "unsubscribe_url": "https://x.example/u/A&B/"},
    )
    second = NotificationFactory(
        kind="alerts.digest",
        language="en",
        context={"sections": [], "count": 0, "unsubscribe_url": "https://x.example/u/C/"},
    )
    one, two = services.notification_render(first), services.notification_render(second)
    assert delivery._render_shared.cache_info().hits == 1
    assert "https://x.example/u/A&B/" in one.body and "https://x.example/u/C/" in two.body
    html_one = one.alternatives[0][0] if isinstance(one.alternatives[0], tuple) else one.alternatives[0].content
    assert 'href="https://x.example/u/A&amp;B/"' in html_one
    assert "\x1f" not in one.body + html_one
