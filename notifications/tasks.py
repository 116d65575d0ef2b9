"""Thin tasks: JSON arguments (ids), they call a service and are safe to run twice.

Time limits are per task (settings give the defaults); `acks_late` with reject-on-worker-lost means a
worker dying mid-task hands the message back, and the row lock plus the status check make the rerun
harmless. No task retries itself with a countdown: a transient failure is recorded on the row with its
retry time and the sweep (beat) queues it when due, so the worker never holds messages for later (see
notifications/services/delivery.py).
"""

from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=30, time_limit=60)
def send_notification(notification_id: int) -> bool:
    try:
        return services.notification_send(notification_id=notification_id)
    except services.NotificationRetryLater:
        return False  # recorded with its retry time: the sweep queues it again when due


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=100, time_limit=120)
def send_notifications(notification_ids: list[int]) -> int:
    """Send a chunk over one SMTP connection. Records refused with a transient error wait for their own
    retry time (the sweep); after a dropped connection the untried rest goes again at once, on a new
    connection, if this one had worked (else the next sweep takes it, the server being down)."""
    result = services.notification_send_batch(notification_ids=notification_ids)
    if result.untried_ids and result.sent:
        services.notification_enqueue_many(notification_ids=result.untried_ids)
    return result.sent


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=50, time_limit=60)
def sweep_pending() -> int:
    """Every NOTIFICATIONS_SWEEP_INTERVAL seconds (beat): queue the records that are due."""
    return services.notification_sweep()
