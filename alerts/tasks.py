"""Thin tasks: they call a service and are safe to run twice."""

from celery import shared_task

from .services import digest_send


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=1700, time_limit=1800)
def send_digests() -> int:
    """Daily (beat): the alert digest of every active subscription."""
    return digest_send().emails
