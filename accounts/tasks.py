from celery import shared_task

from . import privacy


@shared_task(acks_late=True, ignore_result=True)
def apply_retention() -> dict[str, int]:
    """Daily: warn then anonymise accounts inactive for two years; apps delete stale drafts."""
    return privacy.apply_retention()
