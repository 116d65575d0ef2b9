"""The monthly reminder to a place's contact when its data (`date_maj`) is older than six months: once per place
and per month, through the outbox, with a link to report updates; declared in the beat schedule."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.management import call_command

from common.time import city_today
from initiatives.services import place_update_reminders_send
from initiatives.tasks import send_place_update_reminders
from notifications.models import Notification

from .factories import InclusionPlaceFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def places(paris):
    return {
        "stale": InclusionPlaceFactory(
            city=paris,
            name="EPN ancien",
            slug="epn-ancien",
            email="epn@example.org",
            data_updated_on=dt.date(2026, 5, 25),
        ),
        "fresh": InclusionPlaceFactory(
            city=paris, name="EPN récent", email="recent@example.org", data_updated_on=dt.date(2026, 5, 27)
        ),
        "no_email": InclusionPlaceFactory(city=paris, name="EPN sans courriel", data_updated_on=dt.date(2020, 1, 1)),
    }


def test_a_stale_place_contact_is_reminded_once_a_month_with_a_link_to_report_updates(
    places, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert place_update_reminders_send(today=TODAY) == 1
    with django_capture_on_commit_callbacks(execute=True):
        place_update_reminders_send(today=TODAY)  # twice the same day
        place_update_reminders_send(today=dt.date(2026, 11, 27))  # later the same month
    assert [message.to for message in mailoutbox] == [["epn@example.org"]]
    message = mailoutbox[0]
    assert "EPN ancien" in message.subject
    assert "2026-05-25" in message.body
    assert "/fr/lieux/epn-ancien/signaler-une-erreur/" in message.body
    assert Notification.objects.get().city_id == places["stale"].city_id
    with django_capture_on_commit_callbacks(execute=True):
        place_update_reminders_send(today=dt.date(2026, 12, 1))  # next month: once more (and "récent" is stale now)
    assert sorted(message.to[0] for message in mailoutbox) == [
        "epn@example.org",
        "epn@example.org",
        "recent@example.org",
    ]


def test_an_updated_place_is_no_longer_reminded(places, mailoutbox, django_capture_on_commit_callbacks):
    places["stale"].data_updated_on = TODAY
    places["stale"].save()
    with django_capture_on_commit_callbacks(execute=True):
        assert place_update_reminders_send(today=TODAY) == 0
    assert mailoutbox == []


def test_the_task_is_in_the_beat_schedule_and_run_periodic_jobs_runs_it(places, mailoutbox, capsys):
    places["fresh"].data_updated_on = city_today()  # the task reads today's date: "fresh" must stay fresh
    places["fresh"].save()
    entry = settings.CELERY_BEAT_SCHEDULE["places-update-reminders"]
    assert entry["task"] == "initiatives.tasks.send_place_update_reminders"
    call_command("run_periodic_jobs", "--list")
    assert "places-update-reminders: initiatives.tasks.send_place_update_reminders" in capsys.readouterr().out
    send_place_update_reminders.apply()
    send_place_update_reminders.apply()
    assert Notification.objects.filter(kind="initiatives.place_update_reminder").count() == 1
