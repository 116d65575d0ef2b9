from celery import shared_task

from . import privacy


@shared_task(acks_late=True, ignore_result=True)
def apply_retention() -> dict[str, int]:
    """Daily: warn then anonymise accounts inactive for two years; apps delete stale drafts."""
    return privacy.apply_retention()


@shared_task(acks_late=True, ignore_result=True)
def purge_login_throttles() -> int:
    """Hourly: forget login counters idle for a day (no failure, no block running)."""
    from .throttling import login_throttles_purge

    return login_throttles_purge()
