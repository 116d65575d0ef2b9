from celery import shared_task

from .services import slots_generate_all


@shared_task(acks_late=True, name="sports.tasks.generate_slots")
def generate_slots() -> int:
    """Create the sports space's slots for the weeks ahead. Safe to run twice: existing slots are kept."""
    return slots_generate_all()
