"""The 48-hour reminder: sent once per confirmed registration, even when the task runs twice or late."""

import datetime as dt

import pytest
from django.utils import timezone

from notifications.models import Notification
from tests.races import run_together
from training import services, tasks
from training.constants import SessionStatus

from .factories import SessionFactory, register

pytestmark = pytest.mark.django_db


def session_starting_in(hours, **kwargs):
    session = SessionFactory(**kwargs)
    now = timezone.now()
    session.starts_at = now + dt.timedelta(hours=hours)
    session.ends_at = session.starts_at + dt.timedelta(hours=7)
    session.registration_deadline = min(session.registration_deadline, session.starts_at)
    session.save()
    return session


def reminders(mailoutbox):
    return [m for m in mailoutbox if "Rappel" in m.subject]


def test_the_task_run_twice_sends_one_reminder_per_person(mailoutbox, django_capture_on_commit_callbacks):
    session = session_starting_in(47, capacity=2)
    first, second = register(session), register(session)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_session_reminders.delay()
        tasks.send_session_reminders.delay()
    sent = reminders(mailoutbox)
    assert sorted(m.to[0] for m in sent) == sorted([first.person.email, second.person.email])
    assert Notification.objects.filter(kind="training.reminder").count() == 2
    first.refresh_from_db()
    assert first.reminder_sent_at is not None
    assert "/fr/formations/sessions/" in sent[0].body and "calendrier.ics" in sent[0].body


def test_a_late_run_still_reminds_before_the_start_and_only_once(mailoutbox, django_capture_on_commit_callbacks):
    # The task was down for a day: the session now starts in 20 hours.
    session = session_starting_in(20)
    register(session)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due() == 1
        assert services.reminders_send_due() == 0
    assert len(reminders(mailoutbox)) == 1


def test_no_reminder_more_than_48_hours_ahead_nor_after_the_start(mailoutbox, django_capture_on_commit_callbacks):
    later = session_starting_in(49)
    register(later)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due() == 0
        # Forty-nine hours later the session has started: too late for a reminder.
        assert services.reminders_send_due(now=timezone.now() + dt.timedelta(hours=50)) == 0
        # At 48 hours before, it goes.
        assert services.reminders_send_due(now=later.starts_at - dt.timedelta(hours=48)) == 1
    assert len(reminders(mailoutbox)) == 1


def test_waitlisted_people_and_cancelled_sessions_get_no_reminder(mailoutbox, django_capture_on_commit_callbacks):
    full = session_starting_in(30, capacity=1)
    confirmed = register(full)
    register(full)  # waitlisted
    cancelled = session_starting_in(30)
    register(cancelled)
    services.session_cancel(session=cancelled)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due() == 1
    assert [m.to[0] for m in reminders(mailoutbox)] == [confirmed.person.email]


def test_a_reminder_already_stamped_is_not_sent_again_even_if_its_notification_was_purged(
    mailoutbox, django_capture_on_commit_callbacks
):
    session = session_starting_in(10)
    register(session)
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send_due()
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due() == 0
    assert len(reminders(mailoutbox)) == 1


def test_finished_sessions_are_marked_by_the_task():
    session = session_starting_in(-10)
    session.ends_at = timezone.now() - dt.timedelta(hours=1)
    session.save()
    assert tasks.mark_finished_sessions.delay().get() == 1
    session.refresh_from_db()
    assert session.status == SessionStatus.FINISHED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_task_runs_at_the_same_instant_send_one_reminder(mailoutbox):
    session = session_starting_in(40)
    register(session)
    sent = [value for _outcome, value in run_together([services.reminders_send_due] * 2, timeout=30)]
    assert sorted(sent) == [0, 1]
    assert Notification.objects.filter(kind="training.reminder").count() == 1
    assert len(reminders(mailoutbox)) == 1
