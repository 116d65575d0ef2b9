""" "Signaler une erreur": a public form (no account, a trap for robots, a limit per address) whose report reaches
the place's city staff by email (through the outbox) and in the admin, where they mark it handled."""

import pytest
from django.core.exceptions import ValidationError

from initiatives.models import PlaceReport, PlaceReportStatus
from initiatives.services import place_report_handle
from initiatives.throttling import REPORTS_PER_ADDRESS_PER_HOUR
from notifications.models import Notification
from tests.factories import StaffFactory

from .conftest import city_staff
from .factories import InclusionPlaceFactory, PlaceReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(paris):
    return InclusionPlaceFactory(city=paris, name="EPN Oberkampf", slug="epn-oberkampf")


URL = "/fr/lieux/epn-oberkampf/signaler-une-erreur/"


def send(client, **data):
    return client.post(URL, {"topic": "horaires", "message": "Fermé le lundi depuis septembre.", **data})


def test_anyone_reports_an_error_and_the_city_staff_are_told_in_their_language(
    client, place, paris_agent, lyon_agent, mailoutbox, django_capture_on_commit_callbacks
):
    paris_agent.preferred_language = "en"
    paris_agent.save()
    inactive = city_staff(place.city)
    inactive.is_active = False
    inactive.save()
    assert client.get(URL).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client)
    assert response.status_code == 302
    assert response["Location"] == "/fr/lieux/epn-oberkampf/signaler-une-erreur/merci/"
    report = PlaceReport.objects.get()
    assert (report.place, report.topic, report.message, report.status) == (
        place,
        "horaires",
        "Fermé le lundi depuis septembre.",
        PlaceReportStatus.NEW,
    )
    assert [message.to for message in mailoutbox] == [[paris_agent.email]]  # not Lyon's, not the inactive one
    message = mailoutbox[0]
    assert "EPN Oberkampf" in message.subject
    assert message.subject.startswith("Error reported")
    assert f"/admin/initiatives/place/{place.pk}/history/" in message.body
    assert f"/admin/initiatives/placereport/{report.pk}/change/" in message.body
    assert Notification.objects.get().city_id == place.city_id
    assert "L'équipe de la ville a reçu votre signalement" in client.get(response["Location"]).content.decode()


def test_a_report_without_a_message_is_refused_next_to_the_field(client, place):
    response = send(client, message="   ")
    assert response.status_code == 200
    assert 'id="error_1_id_message"' in response.content.decode() or "is-invalid" in response.content.decode()
    assert not PlaceReport.objects.exists()


def test_a_robot_filling_the_trap_field_is_thanked_and_nothing_is_recorded(client, place, paris_agent, mailoutbox):
    response = send(client, site_web_de_contact="http://spam.example")
    assert response.status_code == 302
    assert not PlaceReport.objects.exists()
    assert mailoutbox == []


def test_too_many_reports_from_one_address_are_refused(client, place):
    for _ in range(REPORTS_PER_ADDRESS_PER_HOUR):
        assert send(client).status_code == 302
    response = send(client)
    assert response.status_code == 429
    assert PlaceReport.objects.count() == REPORTS_PER_ADDRESS_PER_HOUR


def test_the_form_is_in_english_and_escapes_the_place_name(client, paris):
    InclusionPlaceFactory(city=paris, name="<b>EPN</b>", slug="epn-b")
    html = client.get("/en/lieux/epn-b/signaler-une-erreur/").content.decode()
    assert "Report an error" in html
    assert "<b>EPN</b>" not in html


def test_staff_mark_a_report_handled_once(place, paris_agent):
    report = PlaceReportFactory(place=place)
    report = place_report_handle(report=report, by=paris_agent)
    report.refresh_from_db()
    assert report.status == PlaceReportStatus.HANDLED
    assert report.handled_by == paris_agent
    assert report.handled_at is not None
    with pytest.raises(ValidationError) as refused:
        place_report_handle(report=report, by=paris_agent)
    assert refused.value.code == "already_handled"


def test_city_staff_see_and_handle_their_city_reports_in_the_admin_with_the_place_history(
    client, place, paris_agent, lyon_agent, lyon
):
    report = PlaceReportFactory(place=place)
    other = PlaceReportFactory(place=InclusionPlaceFactory(city=lyon, name="Espace Part-Dieu"))
    client.force_login(paris_agent)
    changelist = client.get("/fr/admin/initiatives/placereport/").content.decode()
    assert "EPN Oberkampf" in changelist
    assert "Espace Part-Dieu" not in changelist
    page = client.get(f"/fr/admin/initiatives/placereport/{report.pk}/change/").content.decode()
    assert f"/fr/admin/initiatives/place/{place.pk}/history/" in page
    assert client.get(f"/fr/admin/initiatives/placereport/{other.pk}/change/").status_code in (302, 403, 404)
    response = client.post(
        "/fr/admin/initiatives/placereport/",
        {"action": "mark_handled", "_selected_action": [report.pk, other.pk]},
        follow=True,
    )
    assert response.status_code == 200
    report.refresh_from_db()
    other.refresh_from_db()
    assert report.status == PlaceReportStatus.HANDLED
    assert other.status == PlaceReportStatus.NEW  # Lyon's report is out of reach


def test_staff_cannot_set_the_status_by_hand_in_the_admin(client, place, paris_agent):
    report = PlaceReportFactory(place=place)
    client.force_login(paris_agent)
    client.post(
        f"/fr/admin/initiatives/placereport/{report.pk}/change/",
        {"status": "traite", "staff_note": "Corrigé."},
    )
    report.refresh_from_db()
    assert report.status == PlaceReportStatus.NEW
    assert report.staff_note == "Corrigé."


def test_a_staff_account_of_no_city_is_not_told(client, place, mailoutbox, django_capture_on_commit_callbacks):
    StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send(client)
    assert mailoutbox == []
