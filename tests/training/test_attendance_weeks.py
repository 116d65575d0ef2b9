"""Attendance is taken a week at a time: the grid of a long or full session stays one reasonable form."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import User
from tests.field_errors import form_data
from training import services
from training.constants import RegistrationStatus, Situation
from training.models import Attendance, Registration

pytestmark = pytest.mark.django_db


def attendance_url(session):
    return f"/fr/formations/gestion/sessions/{session.pk}/presences/"


def next_monday(weeks_ahead: int) -> dt.datetime:
    today = timezone.localdate()
    monday = today + dt.timedelta(days=7 * weeks_ahead - today.weekday())
    return timezone.make_aware(dt.datetime.combine(monday, dt.time(9)))


def spread(session, *, weeks: int, capacity: int | None = None):
    session.starts_at = next_monday(4)
    session.ends_at = session.starts_at + dt.timedelta(days=7 * weeks - 3, hours=8)
    session.registration_deadline = session.starts_at - dt.timedelta(days=2)
    session.capacity = capacity or session.capacity
    services.session_save(session=session)
    return list(session.days.all())


def enrol(session, count: int) -> list[Registration]:
    people = User.objects.bulk_create([User(email=f"stagiaire{n}@example.org") for n in range(count)])
    return Registration.objects.bulk_create(
        Registration(
            session=session,
            person=person,
            status=RegistrationStatus.CONFIRMED,
            seat_number=n,
            situation=Situation.JOB_SEEKER_REGISTERED,
            motivation="Changer de métier.",
            consent=True,
        )
        for n, person in enumerate(people, 1)
    )


def test_the_grid_shows_one_week_and_links_to_the_next(client, paris_agent, paris_session):
    days = spread(paris_session, weeks=3)
    (registration,) = enrol(paris_session, 1)
    client.force_login(paris_agent)
    page = client.get(attendance_url(paris_session)).content.decode()
    first_week = [d for d in days if d.date < days[0].date + dt.timedelta(days=7)]
    shown = {d.pk for d in days if f'name="p-{registration.pk}-{d.pk}"' in page}
    assert shown == {d.pk for d in first_week}
    following = days[len(first_week)].date
    monday = following - dt.timedelta(days=following.weekday())
    assert f'href="?semaine={monday.isoformat()}"' in page
    assert "Semaine suivante" in page and "Semaine précédente" not in page


def test_recording_one_week_keeps_the_marks_of_the_others(client, paris_agent, paris_session):
    days = spread(paris_session, weeks=2)
    (registration,) = enrol(paris_session, 1)
    services.attendance_record(session=paris_session, marks={(registration.pk, days[0].pk): True}, completed_ids=[])
    client.force_login(paris_agent)
    last = days[-1].date
    url = f"{attendance_url(paris_session)}?semaine={last.isoformat()}"
    data = form_data(client.get(url).content.decode())
    data[f"p-{registration.pk}-{days[-1].pk}"] = ["0"]
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?semaine={(last - dt.timedelta(days=last.weekday())).isoformat()}")
    assert set(Attendance.objects.values_list("day_id", "present")) == {(days[0].pk, True), (days[-1].pk, False)}


def test_a_week_for_200_people_is_recorded_in_one_post(client, paris_agent, paris_session):
    """1,000 cells and 200 completion boxes: more fields than Django's default limit of 1,000."""
    days = spread(paris_session, weeks=1, capacity=200)
    registrations = enrol(paris_session, 200)
    client.force_login(paris_agent)
    url = attendance_url(paris_session)
    data = form_data(client.get(url).content.decode())
    for key in data:
        if key.startswith("p-"):
            data[key] = ["1"]
    data.update({f"c-{r.pk}": ["on"] for r in registrations})
    assert sum(len(values) for values in data.values()) > 1_000
    assert client.post(url, data).status_code == 302
    assert Attendance.objects.filter(present=True).count() == 200 * len(days)
    assert Registration.objects.filter(completed=True).count() == 200
