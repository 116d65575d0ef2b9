"""Staff: city scoping in the admin, changes and cancellations that tell people, attendance, figures, CSV."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import UserFactory
from training import services
from training.constants import RegistrationStatus, SessionStatus
from training.models import Attendance, Programme, Registration
from training.selectors import programme_figures

from .factories import SessionFactory, register

pytestmark = pytest.mark.django_db

ADMIN = "/fr/admin/training"


# --- city scoping --------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["programme", "session", "registration"])
def test_city_staff_see_only_their_citys_rows_in_the_admin(client, paris_agent, paris_session, lyon_session, model):
    register(paris_session), register(lyon_session)
    client.force_login(paris_agent)
    response = client.get(f"{ADMIN}/{model}/")
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert rows
    for row in rows:
        programme = row if model == "programme" else (row.programme if model == "session" else row.session.programme)
        assert programme.initiative.partnership.city.slug == "paris"


def test_city_staff_cannot_open_another_citys_session(client, paris_agent, lyon_session):
    client.force_login(paris_agent)
    response = client.get(f"{ADMIN}/session/{lyon_session.pk}/change/")
    assert response.status_code == 404


def test_a_superuser_sees_every_city(client, superuser, paris_session, lyon_session):
    client.force_login(superuser)
    response = client.get(f"{ADMIN}/programme/")
    assert {p.title for p in response.context["cl"].result_list} == {"Développement web à Paris", "Cloud à Lyon"}


def test_programme_form_offers_only_job_training_initiatives_of_the_staff_city(
    client, paris_agent, paris_session, lyon_session
):
    from tests.factories import InitiativeFactory

    InitiativeFactory(partnership=paris_session.programme.initiative.partnership, title="Espace sportif")
    client.force_login(paris_agent)
    response = client.get(f"{ADMIN}/programme/add/")
    choices = list(response.context["adminform"].form.fields["initiative"].queryset)
    assert choices == [paris_session.programme.initiative]


# --- staff changes tell people -------------------------------------------------------------------------


def session_form_data(session, **changes):
    local = timezone.localtime
    data = {
        "programme": session.programme.pk,
        "reference": session.reference,
        "starts_at_0": local(session.starts_at).strftime("%d/%m/%Y"),
        "starts_at_1": local(session.starts_at).strftime("%H:%M"),
        "ends_at_0": local(session.ends_at).strftime("%d/%m/%Y"),
        "ends_at_1": local(session.ends_at).strftime("%H:%M"),
        "registration_deadline_0": local(session.registration_deadline).strftime("%d/%m/%Y"),
        "registration_deadline_1": local(session.registration_deadline).strftime("%H:%M"),
        "place": session.place_id or "",
        "remote_details_fr": "",
        "remote_details_en": "",
        "capacity": session.capacity,
        "practical_info_fr": "",
        "practical_info_en": "",
        "days-TOTAL_FORMS": "0",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_moving_a_session_in_the_admin_tells_everyone_registered(
    client, paris_agent, paris_session, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed = register(paris_session)
    mailoutbox.clear()
    client.force_login(paris_agent)
    later = timezone.localtime(paris_session.starts_at + dt.timedelta(days=1))
    data = session_form_data(
        paris_session, starts_at_0=later.strftime("%d/%m/%Y"), ends_at_0=later.strftime("%d/%m/%Y")
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ADMIN}/session/{paris_session.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    paris_session.refresh_from_db()
    assert paris_session.ics_sequence == 1
    assert [d.date for d in paris_session.days.all()] == [later.date()]
    assert [m.to for m in mailoutbox] == [[confirmed.person.email]]
    assert "Session modifiée" in mailoutbox[0].subject


def test_a_session_moved_online_tells_each_person_how_to_join_in_their_language(
    client, paris_agent, paris_session, mailoutbox, django_capture_on_commit_callbacks
):
    amelie = register(paris_session, UserFactory(email="amelie@example.org", preferred_language="fr"))
    john = register(paris_session, UserFactory(email="john@example.org", preferred_language="en"))
    mailoutbox.clear()
    client.force_login(paris_agent)
    data = session_form_data(
        paris_session,
        place="",
        is_remote="on",
        remote_details_fr="Le lien de connexion est envoyé la veille.",
        remote_details_en="The link to join is sent the day before.",
        practical_info_fr="Un casque avec micro suffit.",
        practical_info_en="A headset with a microphone is enough.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ADMIN}/session/{paris_session.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    paris_session.refresh_from_db()
    assert paris_session.ics_sequence == 1
    emails = {m.to[0]: m.body for m in mailoutbox}
    assert "À distance — Le lien de connexion est envoyé la veille." in emails[amelie.person.email]
    assert "Remote — The link to join is sent the day before." in emails[john.person.email]

    client.logout()
    page = client.get(f"/en/formations/sessions/{paris_session.pk}/").content.decode()
    assert "The link to join is sent the day before." in page and "A headset with a microphone is enough." in page
    page = client.get(f"/fr/formations/sessions/{paris_session.pk}/").content.decode()
    assert "Le lien de connexion est envoyé la veille." in page and "Un casque avec micro suffit." in page

    # Details written only in French: English readers get them rather than nothing.
    mailoutbox.clear()
    data.update(remote_details_en="", practical_info_en="")
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(paris_agent)
        client.post(f"{ADMIN}/session/{paris_session.pk}/change/", data)
    client.logout()
    page = client.get(f"/en/formations/sessions/{paris_session.pk}/").content.decode()
    assert "Le lien de connexion est envoyé la veille." in page


def test_raising_capacity_in_the_admin_promotes_the_waitlist(
    client, paris_agent, paris_session, mailoutbox, django_capture_on_commit_callbacks
):
    people = [register(paris_session) for _ in range(5)]
    mailoutbox.clear()
    client.force_login(paris_agent)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{ADMIN}/session/{paris_session.pk}/change/", session_form_data(paris_session, capacity=4)
        )
    assert response.status_code == 302
    statuses = [r.status for r in Registration.objects.filter(pk__in=[p.pk for p in people]).order_by("pk")]
    assert statuses == ["confirmed"] * 4 + ["waitlisted"]
    assert [m.to for m in mailoutbox] == [[people[3].person.email]]
    assert "Une place s'est libérée" in mailoutbox[0].subject


def test_lowering_capacity_below_the_confirmed_count_is_refused_beside_the_field(client, paris_agent, paris_session):
    register(paris_session), register(paris_session)
    client.force_login(paris_agent)
    response = client.post(f"{ADMIN}/session/{paris_session.pk}/change/", session_form_data(paris_session, capacity=1))
    assert response.status_code == 200
    assert "capacity" in response.context["adminform"].form.errors


def test_the_cancel_action_cancels_and_tells_everyone(
    client, paris_agent, paris_session, mailoutbox, django_capture_on_commit_callbacks
):
    paris_session.capacity = 1
    paris_session.save()
    people = [register(paris_session) for _ in range(2)]
    mailoutbox.clear()
    client.force_login(paris_agent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{ADMIN}/session/", {"action": "cancel_sessions", "_selected_action": [paris_session.pk]})
    paris_session.refresh_from_db()
    assert paris_session.status == SessionStatus.CANCELLED
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.person.email for p in people)
    assert all("Session annulée" in m.subject for m in mailoutbox)


def test_the_staff_cancel_action_on_a_registration_promotes_the_next_person(client, paris_agent, paris_session):
    paris_session.capacity = 1
    paris_session.save()
    first, second = register(paris_session), register(paris_session)
    client.force_login(paris_agent)
    client.post(f"{ADMIN}/registration/", {"action": "cancel_registrations", "_selected_action": [first.pk]})
    second.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED


# --- attendance, completion and figures ----------------------------------------------------------------


def attendance_url(session):
    return f"/fr/formations/gestion/sessions/{session.pk}/presences/"


def test_staff_take_attendance_per_day_and_mark_completion(client, paris_agent, paris_session):
    paris_session.ends_at = paris_session.starts_at + dt.timedelta(days=2, hours=8)
    services.session_save(session=paris_session)
    days = list(paris_session.days.all())
    assert len(days) >= 2
    first, second = register(paris_session), register(paris_session)
    client.force_login(paris_agent)
    page = client.get(attendance_url(paris_session))
    assert page.status_code == 200
    assert f'name="p-{first.pk}-{days[0].pk}"' in page.content.decode()
    data = {f"p-{first.pk}-{days[0].pk}": "1", f"p-{second.pk}-{days[0].pk}": "0", f"c-{first.pk}": "on"}
    response = client.post(attendance_url(paris_session), data, follow=True)
    assert "Les présences sont enregistrées." in response.content.decode()
    assert set(Attendance.objects.values_list("registration_id", "day_id", "present")) == {
        (first.pk, days[0].pk, True),
        (second.pk, days[0].pk, False),
    }
    first.refresh_from_db()
    assert first.completed is True
    # Setting a cell back to "not taken" removes the record.
    client.post(attendance_url(paris_session), {f"p-{first.pk}-{days[0].pk}": "1"})
    assert Attendance.objects.count() == 1


def test_attendance_page_is_for_the_sessions_city_staff_only(client, paris_agent, lyon_session):
    client.force_login(paris_agent)
    assert client.get(attendance_url(lyon_session)).status_code == 404
    client.force_login(UserFactory())
    response = client.get(attendance_url(lyon_session))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_figures_per_programme_in_one_query(paris_session):
    paris_session.capacity = 4
    paris_session.ends_at = paris_session.starts_at + dt.timedelta(days=1, hours=8)
    services.session_save(session=paris_session)
    day_one, day_two = paris_session.days.all()
    people = [register(paris_session) for _ in range(6)]  # 4 confirmed, 2 waitlisted
    services.registration_cancel(registration=people[5], by=people[5].person)  # cancelled: counted nowhere
    confirmed = people[:4]
    marks = {(r.pk, day_one.pk): True for r in confirmed}
    marks[(confirmed[0].pk, day_two.pk)] = True
    marks[(confirmed[1].pk, day_two.pk)] = False
    services.attendance_record(session=paris_session, marks=marks, completed_ids=[confirmed[0].pk])
    SessionFactory(programme=paris_session.programme)  # an empty session changes nothing
    with CaptureQueriesContext(connection) as queries:
        (programme,) = list(programme_figures(Programme.objects.filter(pk=paris_session.programme_id)))
    assert len(queries) == 1
    assert (programme.confirmed_total, programme.waitlist_total) == (4, 1)
    assert programme.attendance_rate == pytest.approx(5 / 6 * 100)
    assert programme.completion_rate is None  # no session has ended yet
    after_the_end = paris_session.ends_at + dt.timedelta(hours=1)
    (programme,) = list(programme_figures(Programme.objects.filter(pk=paris_session.programme_id), now=after_the_end))
    assert programme.completion_rate == pytest.approx(25.0)


def test_the_programme_changelist_shows_the_figures(client, paris_agent, paris_session):
    register(paris_session)
    client.force_login(paris_agent)
    response = client.get(f"{ADMIN}/programme/")
    html = response.content.decode()
    assert "taux de présence" in html.lower()
    assert response.context["cl"].result_list[0].confirmed_total == 1


# --- CSV export ------------------------------------------------------------------------------------------


def test_participants_csv_is_excel_friendly_utf8_with_semicolons(client, paris_agent, paris_session):
    person = UserFactory(first_name="Zoé", last_name="=HYPERLIEN()")
    register(paris_session, person=person, france_travail_id="1234567A")
    client.force_login(paris_agent)
    response = client.get(f"/fr/formations/gestion/sessions/{paris_session.pk}/participants.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Nom", "Prénom", "Courriel", "Statut"]
    assert rows[1][:4] == ["'=HYPERLIEN()", "Zoé", person.email, "Confirmée"]
    assert "1234567A" in rows[1]


def test_participants_csv_of_another_city_is_not_found(client, paris_agent, lyon_session):
    client.force_login(paris_agent)
    assert client.get(f"/fr/formations/gestion/sessions/{lyon_session.pk}/participants.csv").status_code == 404


def test_the_export_action_returns_the_csv(client, paris_agent, paris_session):
    register(paris_session)
    client.force_login(paris_agent)
    response = client.post(
        f"{ADMIN}/session/", {"action": "export_participants", "_selected_action": [paris_session.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").count("\r\n") == 2


def test_city_staff_role_carries_the_training_permissions(paris_agent):
    assert paris_agent.has_perm("training.change_session")
    assert paris_agent.has_perm("training.change_attendance")
    assert not paris_agent.has_perm("training.delete_registration")


@pytest.mark.parametrize(
    "path",
    [
        "programme/add/",
        "session/add/",
        "programme/{programme}/change/",
        "session/{session}/change/",
        "registration/{registration}/change/",
        "session/{session}/history/",
    ],
)
def test_admin_pages_open(client, superuser, paris_session, path):
    registration = register(paris_session)
    client.force_login(superuser)
    url = f"{ADMIN}/" + path.format(
        programme=paris_session.programme_id, session=paris_session.pk, registration=registration.pk
    )
    assert client.get(url).status_code == 200


def test_the_admin_dashboard_lists_the_next_sessions_of_the_staff_city(
    client, paris_agent, paris_session, lyon_session
):
    register(paris_session)
    client.force_login(paris_agent)
    html = client.get("/fr/admin/").content.decode()
    assert "Prochaines sessions de formation" in html
    assert "Développement web à Paris" in html and "1/3 confirmés, 0 en attente" in html
    assert "Cloud à Lyon" not in html


def test_staff_create_a_multi_day_session_in_the_admin_and_its_days_are_generated(client, paris_agent, paris_session):
    client.force_login(paris_agent)
    data = session_form_data(paris_session, reference="WEB-PARIS-NOUVELLE", capacity=8)
    data.update(starts_at_0="14/12/2026", starts_at_1="09:00", ends_at_0="18/12/2026", ends_at_1="17:00")
    data.update(registration_deadline_0="10/12/2026", registration_deadline_1="12:00")
    response = client.post(f"{ADMIN}/session/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    session = paris_session.programme.sessions.get(reference="WEB-PARIS-NOUVELLE")
    assert session.status == SessionStatus.OPEN
    assert session.local_starts_at.hour == 9  # the admin takes Paris time
    assert [d.date.day for d in session.days.all()] == [14, 15, 16, 17, 18]


def test_staff_cannot_create_a_session_for_another_citys_programme(client, paris_agent, lyon_session):
    client.force_login(paris_agent)
    response = client.post(f"{ADMIN}/session/add/", session_form_data(lyon_session, reference="INTRUS"))
    assert response.status_code == 200  # the programme is not among the choices: an error beside the field
    assert "programme" in response.context["adminform"].form.errors
