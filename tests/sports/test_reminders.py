"""The reminder the day before a booked slot: sent once per booking (a sent-at column and a per-booking
message key), by a periodic task declared in the beat schedule, in the person's language."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from notifications.models import Notification
from sports import services, tasks
from sports.models import Booking
from tests.factories import UserFactory

from .factories import SlotFactory

pytestmark = pytest.mark.django_db


def booked_slot(resource, *, starts_in_hours: float, booked_hours_before: float = 72, person=None) -> Booking:
    """A booking of a slot starting in `starts_in_hours`, made `booked_hours_before` the start."""
    now = timezone.now()
    slot = SlotFactory(resource=resource, starts_at=now + dt.timedelta(hours=starts_in_hours))
    booking = services.booking_create(
        slot=slot, person=person or UserFactory(), now=slot.starts_at - dt.timedelta(hours=booked_hours_before)
    )
    Booking.objects.filter(pk=booking.pk).update(created_at=slot.starts_at - dt.timedelta(hours=booked_hours_before))
    return booking


def reminders(mailoutbox):
    return [m for m in mailoutbox if "Rappel" in m.subject or "Reminder" in m.subject]


def test_the_beat_schedule_runs_the_reminders_every_quarter_of_an_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["sports-slot-reminders"]
    assert entry["task"] == tasks.send_slot_reminders.name == "sports.tasks.send_slot_reminders"


def test_the_task_run_twice_reminds_each_person_once_in_their_language(
    resource, mailoutbox, django_capture_on_commit_callbacks
):
    french = booked_slot(resource, starts_in_hours=20, person=UserFactory(email="fr@example.org"))
    english = booked_slot(
        resource, starts_in_hours=23, person=UserFactory(email="en@example.org", preferred_language="en")
    )
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_slot_reminders.delay()
        tasks.send_slot_reminders.delay()
    sent = {m.to[0]: m for m in reminders(mailoutbox)}
    assert sorted(sent) == ["en@example.org", "fr@example.org"]
    assert sent["fr@example.org"].subject.startswith("Rappel de votre créneau :")
    assert sent["en@example.org"].subject.startswith("Reminder of your slot:")
    assert f"/fr/espace-sportif/reservations/{french.pk}/agenda.ics" in sent["fr@example.org"].body
    assert f"/en/espace-sportif/reservations/{english.pk}/" in sent["en@example.org"].body
    assert Notification.objects.filter(kind="sports.reminder").count() == 2
    french.refresh_from_db()
    assert french.reminder_sent_at is not None


def test_a_late_run_still_reminds_before_the_start_only_once(resource, mailoutbox, django_capture_on_commit_callbacks):
    booked_slot(resource, starts_in_hours=2)  # the task was down since yesterday
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due() == 1
        assert services.reminders_send_due() == 0
    assert len(reminders(mailoutbox)) == 1


def test_no_reminder_too_early_after_the_start_or_for_a_cancelled_or_last_minute_booking(resource, mailoutbox):
    booked_slot(resource, starts_in_hours=25)  # not the day before yet
    booked_slot(resource, starts_in_hours=5, booked_hours_before=3)  # its confirmation was the reminder
    cancelled = booked_slot(resource, starts_in_hours=10)
    services.booking_cancel(booking=cancelled, now=cancelled.slot.starts_at - dt.timedelta(days=2))
    past = booked_slot(resource, starts_in_hours=1)
    Booking.objects.filter(pk=past.pk).update(reminder_sent_at=None)
    past.slot.starts_at = timezone.now() - dt.timedelta(minutes=5)
    past.slot.save()
    assert services.reminders_due(now=timezone.now()) == []
