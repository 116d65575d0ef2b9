"""Nothing lost: with the broker unreachable the page still answers at once and the record stays pending;
the sweep (beat, every minute) queues again what is overdue, and it is sent exactly once."""

import time

import pytest
from django.urls import reverse
from django.utils import timezone

from alerts.models import Subscription
from notifications import services
from notifications.models import Notification
from notifications.tasks import sweep_pending
from tests.notifications.factories import NotificationFactory


def _overdue(**fields):
    Notification.objects.update(next_attempt_at=timezone.now() - timezone.timedelta(minutes=2), **fields)


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_page_answers_fast_and_the_sweep_later_sends_exactly_one_email(
    client, broker_down, mailoutbox
):
    started = time.perf_counter()
    response = client.post(reverse("alerts:subscribe"), {"email": "habitante@example.org", "language": "fr"})
    elapsed = time.perf_counter() - started
    assert response.status_code == 302
    assert elapsed < 0.5, f"the request took {elapsed:.2f}s with the broker down"
    notification = Notification.objects.get()
    assert (notification.status, notification.attempts) == ("pending", 0)
    assert Subscription.objects.filter(email="habitante@example.org").exists()
    assert mailoutbox == []

    # The broker is back (the fixture's block ends for the rest of the test: tasks run in-process).
    broker_down.conf.task_always_eager = True
    assert sweep_pending() == 0  # not overdue yet: it may still be in the queue
    _overdue()
    assert sweep_pending() == 1
    assert sweep_pending() == 0  # queued again: not overdue any more
    _overdue()
    assert sweep_pending() == 0  # sent: nothing pending
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["habitante@example.org"]
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT


@pytest.mark.django_db
def test_enqueue_with_the_broker_down_fails_fast_and_keeps_the_record(broker_down):
    notification = NotificationFactory()
    started = time.perf_counter()
    assert services.notification_enqueue(notification_id=notification.pk) is False
    assert services.notification_enqueue_many(notification_ids=[notification.pk]) == 0
    assert time.perf_counter() - started < 0.5
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING


@pytest.mark.django_db
def test_the_sweep_with_the_broker_still_down_leaves_records_overdue_for_the_next_sweep(broker_down):
    NotificationFactory.create_batch(2)
    _overdue()
    due_before = set(Notification.objects.values_list("next_attempt_at", flat=True))
    assert services.notification_sweep() == 0
    assert set(Notification.objects.values_list("next_attempt_at", flat=True)) == due_before


@pytest.mark.django_db
def test_the_sweep_queues_only_overdue_pending_records(mailoutbox):
    overdue = NotificationFactory()
    _overdue()
    fresh = NotificationFactory()
    sent = NotificationFactory(status="sent", sent_at=timezone.now())
    failed = NotificationFactory(status="failed", last_error="554")
    Notification.objects.filter(pk__in=[sent.pk, failed.pk]).update(
        next_attempt_at=timezone.now() - timezone.timedelta(hours=1)
    )
    assert services.notification_sweep() == 1
    assert [m.to for m in mailoutbox] == [[overdue.email]]
    statuses = dict(Notification.objects.values_list("pk", "status"))
    assert statuses == {overdue.pk: "sent", fresh.pk: "pending", sent.pk: "sent", failed.pk: "failed"}


@pytest.mark.django_db
def test_a_record_waiting_for_its_retry_is_not_swept_before_its_time(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1
    settings.NOTIFICATIONS_RETRY_BACKOFF = 600
    notification = NotificationFactory()
    with pytest.raises(services.NotificationRetryLater):
        services.notification_send(notification_id=notification.pk)
    assert services.notification_sweep() == 0
    later = timezone.now() + timezone.timedelta(minutes=20)
    notification.refresh_from_db()
    assert notification.next_attempt_at < later
    assert services.notification_sweep(now=later) == 1


def test_the_sweep_runs_every_minute_and_the_digest_daily(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["notifications-sweep-pending"]["task"] == sweep_pending.name
    assert schedule["notifications-sweep-pending"]["schedule"] == 60.0
    assert schedule["alerts-digests"]["task"] == "alerts.tasks.send_digests"


@pytest.mark.django_db
def test_the_claim_of_a_worker_that_died_mid_chunk_is_given_back_by_the_sweep(mailoutbox):
    notification = NotificationFactory()
    claimed_at = timezone.now()
    Notification.objects.update(status="sending", next_attempt_at=claimed_at + timezone.timedelta(seconds=300))
    # Another worker (or the same task delivered again) leaves a claimed record alone...
    assert services.notification_send(notification_id=notification.pk) is False
    assert services.notification_sweep(now=claimed_at + timezone.timedelta(seconds=60)) == 0
    assert mailoutbox == []
    # ...until the claim is older than any task may live: then it is sent, once.
    assert services.notification_sweep(now=claimed_at + timezone.timedelta(seconds=301)) == 1
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == ("sent", 1)
