from celery import shared_task

from .services import reminders_send_due, slots_generate_all


@shared_task(acks_late=True, name="sports.tasks.generate_slots")
def generate_slots() -> int:
    """Create the sports space's slots for the weeks ahead. Safe to run twice: existing slots are kept."""
    return slots_generate_all()


@shared_task(acks_late=True, ignore_result=True, name="sports.tasks.send_slot_reminders")
def send_slot_reminders() -> int:
    """Remind confirmed people the day before their slot (once per booking; safe to run twice or late)."""
    return reminders_send_due()
