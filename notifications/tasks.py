"""Thin tasks: JSON arguments (ids), they call a service and are safe to run twice.

Time limits are per task (settings give the defaults); `acks_late` with reject-on-worker-lost means a
worker dying mid-task hands the message back, and the row lock plus the status check make the rerun
harmless. In-process (eager) runs never retry: a transient failure stays pending for the sweep.
"""

from celery import shared_task

from . import services


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None, soft_time_limit=30, time_limit=60)
def send_notification(self, notification_id: int) -> bool:
    try:
        return services.notification_send(notification_id=notification_id)
    except services.NotificationRetryLater as exc:
        if self.request.is_eager:
            return False
        raise self.retry(countdown=exc.countdown, exc=exc) from exc


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None, soft_time_limit=100, time_limit=120)
def send_notifications(self, notification_ids: list[int]) -> int:
    """Send a chunk over one SMTP connection; retry only the records that met a transient error."""
    result = services.notification_send_batch(notification_ids=notification_ids)
    if result.retry_ids and not self.request.is_eager:
        raise self.retry(args=[result.retry_ids], countdown=result.countdown)
    return result.sent


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=50, time_limit=60)
def sweep_pending() -> int:
    """Every minute (beat): queue again the records still pending a minute after they were due."""
    return services.notification_sweep()
