"""Nothing lost: with the broker unreachable (refused, or accepting and never answering) the page still
answers and the record stays pending, due at once; the sweep (beat) queues what is due, and it is sent
exactly once. Timings are measured by bench/faults.py, not asserted here."""

import contextlib

import pytest
from django.urls import reverse
from django.utils import timezone

from alerts.models import Subscription
from notifications import constants, services
from notifications.models import Notification
from notifications.tasks import sweep_pending
from tests.faults import SilentServer, refused_url
from tests.notifications.conftest import celery_broker
from tests.notifications.factories import NotificationFactory


def _overdue(**fields):
    Notification.objects.update(next_attempt_at=timezone.now() - timezone.timedelta(minutes=2), **fields)


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_page_answers_and_the_next_sweep_sends_exactly_one_email(
    client, broker_down, mailoutbox
):
    response = client.post(reverse("alerts:subscribe"), {"email": "habitante@example.org", "language": "fr"})
    assert response.status_code == 302
    notification = Notification.objects.get()
    assert (notification.status, notification.attempts) == ("pending", 0)
    assert notification.next_attempt_at <= timezone.now()  # not taken by the broker: due at the next sweep
    assert Subscription.objects.filter(email="habitante@example.org").exists()
    assert mailoutbox == []

    # The broker is back (the fixture's block ends for the rest of the test: tasks run in-process).
    broker_down.conf.task_always_eager = True
    assert sweep_pending() == 1
    assert sweep_pending() == 0  # sent: nothing pending
    _overdue()
    assert sweep_pending() == 0
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["habitante@example.org"]
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT


@pytest.mark.django_db
@pytest.mark.parametrize("broker", ["refused", "silent"])
def test_enqueue_with_the_broker_unreachable_returns_without_waiting_on_it_and_keeps_the_record_due(broker):
    silent = SilentServer() if broker == "silent" else contextlib.nullcontext()
    with silent as server, celery_broker(server.url() if server else refused_url()) as app:
        later = timezone.now() + timezone.timedelta(minutes=1)
        notification = NotificationFactory(next_attempt_at=later)
        assert services.notification_enqueue(notification_id=notification.pk) is False
        assert services.notification_enqueue_many(notification_ids=[notification.pk]) == 0
        # The publish gives up by its own socket timeouts, well under a second, and is not retried...
        options = app.conf.broker_transport_options
        assert options["socket_connect_timeout"] < 1
        assert options["socket_timeout"] < 1
        assert app.conf.broker_connection_timeout < 1
        assert app.conf.task_publish_retry is False
        if server:
            # ...the silent broker was tried once: the second publish did not wait on it again.
            assert server.connections == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert notification.next_attempt_at < later  # due at once: the next sweep queues it


@pytest.mark.django_db
def test_a_queued_record_is_swept_again_only_after_the_grace_period():
    notification = services.notify(
        kind="alerts.confirm",
        key="queued:1",
        email="a@example.org",
        context={"confirm_url": "http://testserver/x/", "cities": [], "categories": [], "valid_days": 7},
    )
    # Recorded and (after commit) queued: the sweep leaves it to its message for the grace period...
    assert services.notification_sweep() == 0
    later = timezone.now() + timezone.timedelta(seconds=constants.SWEEP_GRACE_SECONDS + 1)
    # ...then presumes the message lost (Redis restarted empty, a worker killed) and queues it again.
    assert services.notification_sweep(now=later) == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT


@pytest.mark.django_db
def test_the_sweep_with_the_broker_still_down_leaves_records_overdue_for_the_next_sweep(broker_down):
    NotificationFactory.create_batch(2)
    _overdue()
    due_before = set(Notification.objects.values_list("next_attempt_at", flat=True))
    assert services.notification_sweep() == 0
    now = timezone.now()
    assert all(due <= now for due in Notification.objects.values_list("next_attempt_at", flat=True))
    assert len(due_before) == 1


@pytest.mark.django_db
def test_the_sweep_queues_only_due_pending_records(mailoutbox):
    overdue = NotificationFactory()
    _overdue()
    fresh = NotificationFactory(next_attempt_at=timezone.now() + timezone.timedelta(seconds=30))
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
    assert schedule["notifications-sweep-pending"]["schedule"] == settings.NOTIFICATIONS_SWEEP_INTERVAL == 60
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
