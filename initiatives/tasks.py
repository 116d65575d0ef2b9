"""Thin periodic tasks: they call a service and are safe to run twice or late."""

from celery import shared_task

from .services import reports


@shared_task(acks_late=True, ignore_result=True)
def send_place_update_reminders() -> int:
    """Remind the contact of each place whose data is older than six months (once per place and per month)."""
    return reports.place_update_reminders_send()
