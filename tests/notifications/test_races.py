"""A sent record is never sent twice, even when two workers take it at the same moment (row lock)."""

import pytest
from django.core import mail

from notifications import services
from notifications.models import Notification
from tests.notifications.factories import NotificationFactory
from tests.races import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_parallel(*calls):
    return [value for _outcome, value in run_together(calls)]


def test_two_workers_sending_the_same_record_send_one_email(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.SlowEmailBackend"
    mail.outbox = []
    notification = NotificationFactory()
    results = _in_parallel(
        lambda: services.notification_send(notification_id=notification.pk),
        lambda: services.notification_send(notification_id=notification.pk),
    )
    assert sorted(results) == [False, True]
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == ("sent", 1)


def test_two_chunk_tasks_with_the_same_records_send_each_once(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.SlowEmailBackend"
    mail.outbox = []
    ids = [n.pk for n in NotificationFactory.create_batch(4)]
    results = _in_parallel(
        lambda: services.notification_send_batch(notification_ids=ids),
        lambda: services.notification_send_batch(notification_ids=list(reversed(ids))),
    )
    assert sum(r.sent for r in results) == 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(Notification.objects.values_list("email", flat=True))
    assert set(Notification.objects.values_list("attempts", flat=True)) == {1}
