"""Staff read an object's history in their language: status labels rather than codes, the city's time
without microseconds, an empty reason left empty, translated headers."""

import html
import re

import pytest
from django.urls import reverse

from common.dates import format_datetime
from startups.constants import ApplicationStatus

from .conftest import complete_draft, move_to

pytestmark = pytest.mark.django_db


def _history(client, application, language):
    url = reverse("admin:startups_application_history", kwargs={"object_id": application.pk})
    response = client.get(url.replace("/fr/", f"/{language}/", 1))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_history_of_an_application_reads_in_french(client, call, city_staff, superuser):
    application = move_to(complete_draft(call), ApplicationStatus.UNDER_REVIEW, city_staff)
    client.force_login(superuser)
    content = _history(client, application, "fr")
    table = content.split('id="change-history"', 1)[1].split("</table>", 1)[0]
    assert "Déposée → En cours d'examen" in table.replace("\xa0", " ")
    assert "submitted" not in table and "under_review" not in table
    for header in ("Date et heure", "Modifié par", "Motif", "Modifications"):
        assert f">{header}</th>" in table
    assert "Changes" not in table and "None" not in table
    latest = application.history.order_by("-history_date").first()
    shown = format_datetime(latest.history_date)  # "jeudi 26 novembre 2026 à 21 h 51", the city's clock
    assert shown in table
    assert not re.search(r"\d:\d\d:\d\d\.\d", table)  # no microseconds


def test_the_history_reads_in_english_too(client, call, city_staff, superuser):
    application = move_to(complete_draft(call), ApplicationStatus.UNDER_REVIEW, city_staff)
    client.force_login(superuser)
    table = _history(client, application, "en").split('id="change-history"', 1)[1].split("</table>", 1)[0]
    for header in ("Date and time", "Changed by", "Reason", "Changes"):
        assert f">{header}</th>" in table
    assert "Submitted → Under review" in table.replace("\xa0", " ")
