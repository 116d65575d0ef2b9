"""No head-of-line waits (issue 15): a record that has not failed is never delayed by another's backoff.
A chunk meets a faulty SMTP server (20 % of its records answered 451, 5 % with the connection dropped):
the records that met no fault are sent, or left due at once for the next sweep (at most one sweep interval
later), never pushed back with the failed ones. Asserted on the rows' next_attempt_at, not on wall time."""

import pytest
from django.utils import timezone

from notifications import services
from notifications.models import Notification
from notifications.tasks import send_notifications
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_healthy_records_of_a_chunk_meeting_451_and_dropped_connections_wait_at_most_one_sweep(smtp_settings, settings):
    sink = smtp_settings
    settings.NOTIFICATIONS_RETRY_BACKOFF = 30
    records = NotificationFactory.create_batch(100)
    faults = {}
    for index, record in enumerate(records):
        if index % 5 == 1:
            faults[record.email] = "451 4.3.0 Essayez plus tard"  # 20 %
        elif index % 20 == 7:
            faults[record.email] = "drop"  # 5 %
    sink.handler.faults = dict(faults)
    healthy = [record.pk for record in records if record.email not in faults]
    faulty = [record.pk for record in records if record.email in faults]
    assert (len(healthy), len(faulty)) == (75, 25)

    started = timezone.now()
    send_notifications([record.pk for record in records])  # in-process: what one worker task does
    ended = timezone.now()

    rows = Notification.objects.in_bulk([record.pk for record in records])
    assert sink.handler.dropped == 5
    # Every faulty record waits for its own backoff (30 s at least)...
    for pk in faulty:
        assert (rows[pk].status, rows[pk].attempts) == ("pending", 1)
        assert rows[pk].next_attempt_at >= started + timezone.timedelta(seconds=30)
    # ...while every healthy one was sent, or is due now (the untried rest of a connection that dropped
    # before sending anything): none carries a backoff, none was counted as an attempt that failed.
    for pk in healthy:
        row = rows[pk]
        assert row.status in {"sent", "pending"}
        assert row.last_error == ""
        if row.status == "pending":
            assert (row.attempts, row.next_attempt_at <= ended) == (0, True)
    # The next sweep (at most NOTIFICATIONS_SWEEP_INTERVAL later) sends every healthy record left, and only them.
    assert services.notification_sweep(now=ended) == sum(rows[pk].status == "pending" for pk in healthy)
    assert set(Notification.objects.filter(pk__in=healthy).values_list("status", flat=True)) == {"sent"}
    assert set(Notification.objects.filter(pk__in=faulty).values_list("status", flat=True)) == {"pending"}
    assert sink.count == 75
