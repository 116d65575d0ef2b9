"""Thin periodic tasks: they call a service and are safe to run twice or late."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True)
def send_session_reminders() -> int:
    """Remind confirmed people 48 hours before their session starts (once per registration)."""
    return services.reminders_send_due()


@shared_task(acks_late=True, ignore_result=True)
def mark_finished_sessions() -> int:
    return services.sessions_mark_finished()
