"""The whole path with a real `celery worker`, Redis and an SMTP server (CI: PostgreSQL + Redis)."""

import time

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alerts.tasks import send_digests
from initiatives.models import Initiative
from notifications import services
from notifications.models import Notification
from notifications.tasks import send_notification
from tests import factories
from tests.alerts.factories import SubscriptionFactory
from tests.notifications.conftest import UNREACHABLE_BROKER, celery_broker

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CONTEXT = {"confirm_url": "http://testserver/fr/x/", "cities": [], "categories": [], "valid_days": 7}


def _notify(key, **kwargs):
    kwargs.setdefault("email", "habitant@example.org")
    return services.notify(kind="alerts.confirm", key=key, context=CONTEXT, **kwargs)


def _wait_for_status(notification, status, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        notification.refresh_from_db()
        if notification.status == status:
            return notification
        time.sleep(0.05)
    raise AssertionError(f"still {notification.status} after {timeout}s: {notification.last_error}")


def test_a_committed_event_is_sent_by_the_worker_in_the_recipients_language(real_worker):
    person = factories.UserFactory(preferred_language="en")
    notification = _notify("worker:language", recipient=person, email="")
    assert real_worker.wait_for(1)
    message = real_worker.messages[0]
    assert message["To"] == person.email
    assert message["Subject"] == "Confirm your subscription to the alerts"
    assert "You asked to receive" in message.get_body(("plain",)).get_content()
    assert _wait_for_status(notification, "sent").attempts == 1


def test_an_event_in_a_rolled_back_transaction_sends_nothing(real_worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        _notify("worker:rolled-back", email="jamais@example.org")
        raise RuntimeError("the event failed")
    _notify("worker:marker", email="temoin@example.org")
    assert real_worker.wait_for(1)
    time.sleep(0.5)
    assert [m["To"] for m in real_worker.messages] == ["temoin@example.org"]
    assert not Notification.objects.filter(email="jamais@example.org").exists()


def test_the_smtp_server_refusing_twice_then_accepting_gives_one_email_and_three_attempts(real_worker):
    real_worker.handler.data_replies = ["451 4.3.0 Essayez plus tard", "451 4.3.0 Essayez plus tard"]
    notification = _notify("worker:451")
    assert real_worker.wait_for(1)
    notification = _wait_for_status(notification, "sent")
    assert notification.attempts == 3
    assert real_worker.handler.refused_data == 2
    time.sleep(0.5)
    assert real_worker.count == 1


def test_the_send_task_queued_twice_for_one_record_sends_one_email(real_worker):
    notification = _notify("worker:twice")
    send_notification.delay(notification.pk)
    send_notification.delay(notification.pk)
    assert real_worker.wait_for(1)
    _wait_for_status(notification, "sent")
    time.sleep(1.0)
    assert real_worker.count == 1
    notification.refresh_from_db()
    assert notification.attempts == 1


def test_redis_down_at_the_event_then_back_and_the_beat_sweep_sends_exactly_one_email(client, real_worker):
    with celery_broker(UNREACHABLE_BROKER):
        response = client.post(reverse("alerts:subscribe"), {"email": "panne@example.org", "language": "fr"})
    assert response.status_code == 302
    notification = Notification.objects.get()
    # Redis is back: the worker's beat sweeps (every half second here, every minute in production) and
    # finds the record due; nobody queues anything by hand.
    _wait_for_status(notification, "sent")
    assert real_worker.wait_for(1)
    time.sleep(1.0)
    assert real_worker.count == 1
    assert real_worker.messages[0]["To"] == "panne@example.org"


def test_the_daily_digest_goes_out_through_the_worker_over_one_connection(real_worker):
    lyon = factories.CityFactory(name="Lyon")
    initiative = factories.InitiativeFactory(
        partnership=factories.PartnershipFactory(city=lyon), title="Atelier à Lyon"
    )
    an_hour_ago = timezone.now() - timezone.timedelta(hours=1)
    Initiative.objects.filter(pk=initiative.pk).update(created_at=an_hour_ago, published_at=an_hour_ago)
    SubscriptionFactory(email="fr@example.org", cities=[lyon])
    SubscriptionFactory(email="en@example.org", language="en")
    SubscriptionFactory(email="ailleurs@example.org", cities=[factories.CityFactory(name="Nantes")])
    send_digests.delay()
    assert real_worker.wait_for(2)
    time.sleep(0.5)
    by_address = {m["To"]: m for m in real_worker.messages}
    assert set(by_address) == {"fr@example.org", "en@example.org"}
    assert by_address["fr@example.org"]["Subject"] == "Alertes : 1 nouveauté"
    assert by_address["en@example.org"]["Subject"] == "Alerts: 1 new item"
    assert by_address["fr@example.org"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert real_worker.connections == 1


def test_a_chunk_sends_over_one_connection_and_retries_only_what_was_refused(real_worker):
    from notifications.tasks import send_notifications
    from tests.notifications.factories import NotificationFactory

    records = NotificationFactory.create_batch(4)
    real_worker.handler.data_replies = ["451 4.3.0 Essayez plus tard"]
    send_notifications.delay([r.pk for r in records])
    assert real_worker.wait_for(4)
    for record in records:
        _wait_for_status(record, "sent")
    assert sorted(r.attempts for r in records) == [1, 1, 1, 2]
    time.sleep(0.5)
    assert real_worker.count == 4
    assert real_worker.connections == 2  # the chunk, then its retry of the refused record
