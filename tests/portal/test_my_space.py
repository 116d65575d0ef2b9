""" "Mon espace": one page after login with what is the person's in every app and what to do next first."""

import datetime as dt
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from startups.constants import ApplicationStatus
from tests.accounts.conftest import enter_code, give_totp, login, totp_code
from tests.alerts.factories import SubscriptionFactory
from tests.factories import UserFactory
from tests.sports.factories import BookingFactory, SlotFactory
from tests.startups.factories import ApplicationFactory, CallFactory, ReviewAssignmentFactory, ReviewerFactory
from tests.training.factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

URL = "/fr/mon-espace/"


def _page(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _links(content: str) -> dict[str, str]:
    return {
        re.sub(r"<[^>]+>", "", label).strip(): href
        for href, label in re.findall(r'<a[^>]* href="([^"]+)"[^>]*>(.*?)</a>', content)
    }


def test_anonymous_people_log_in_first_and_come_back(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == [URL]


def test_people_land_on_their_space_after_logging_in(client):
    person = UserFactory()
    response = client.post("/fr/compte/login/", {"login": person.email, "password": "un-mot-de-passe-solide-42"})
    assert response["Location"] == URL
    assert "<h1>Mon espace</h1>" in _page(client)


def test_a_reviewer_lands_there_after_the_second_factor_and_finds_the_files_to_review(client):
    reviewer = ReviewerFactory()
    give_totp(reviewer)
    assignment = ReviewAssignmentFactory(
        reviewer=reviewer, application=ApplicationFactory(status=ApplicationStatus.UNDER_REVIEW)
    )
    login(client, reviewer.email)
    assert enter_code(client, totp_code())["Location"] == URL
    content = _page(client)
    tasks = content.split('id="a-faire-titre"', 1)[1].split("</section>", 1)[0]
    label = f"Déclarer vos intérêts : Candidature n° {assignment.application.pk}"
    assert label in tasks
    review = client.get(_links(tasks)[label])
    assert review.status_code == 200 and "Déclaration d'intérêts" in review.content.decode()
    # "Mes évaluations" is in the header of every page for a reviewer.
    home = _page(client, "/fr/")
    assert _links(home.split("</header>", 1)[0])["Mes évaluations"] == "/fr/candidatures/evaluations/"


def test_the_header_has_mon_espace_for_everyone_logged_in_and_mes_evaluations_only_for_reviewers(client):
    assert "Mon espace" not in _page(client, "/fr/").split("</header>", 1)[0]
    client.force_login(UserFactory())
    header = _page(client, "/fr/initiatives/").split("</header>", 1)[0]
    assert _links(header)["Mon espace"] == URL
    assert "Mes évaluations" not in header


def test_bookings_sessions_applications_and_alerts_with_what_to_do_first(client):
    person = UserFactory(first_name="Awa", last_name="Diallo")
    booking = BookingFactory(
        person=person, slot=SlotFactory(starts_at=timezone.now() + dt.timedelta(days=2)), place_number=1
    )
    registration = RegistrationFactory(person=person, session=SessionFactory())
    draft = ApplicationFactory(applicant=person, call=CallFactory(title="Appel vert"))
    SubscriptionFactory(email=person.email, user=person, is_confirmed=False, confirmed_at=None)
    client.force_login(person)
    content = _page(client)
    tasks = content.split('id="a-faire-titre"', 1)[1].split("</section>", 1)[0]
    assert tasks.index("Terminer votre candidature à « Appel vert »") < tasks.index("Confirmer vos alertes")
    assert _links(tasks)["Terminer votre candidature à « Appel vert »"] == f"/fr/candidatures/{draft.pk}/"
    assert booking.slot.resource.name in content and "place n° 1" in content
    assert registration.session.programme.title in content and "Confirmée" in content
    assert "Brouillon" in content and "en attente de confirmation" in content
    assert "Awa Diallo" in content
    # The calendar link of a confirmed session gives its .ics file.
    calendar = next(href for label, href in _links(content).items() if label.startswith("Ajouter à mon agenda"))
    ics = client.get(calendar)
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    assert "Mes données personnelles" in _links(content)


def test_a_new_person_is_told_there_is_nothing_to_do_and_where_to_start(client):
    client.force_login(UserFactory())
    content = _page(client)
    assert "Rien à faire pour le moment." in content
    assert "Aucune réservation à venir." in content and _links(content)["Réserver un créneau"] == "/fr/espace-sportif/"
    assert "Mes candidatures" not in content.split("</header>", 1)[1].split("<footer", 1)[0]


def test_the_page_in_english(client):
    client.force_login(UserFactory(preferred_language="en"))
    content = _page(client, "/en/mon-espace/")
    assert "<h1>My space</h1>" in content and "To do" in content


@pytest.mark.parametrize("rows", [2, 25])
def test_the_number_of_queries_does_not_grow_with_rows(client, django_assert_max_num_queries, rows):
    person = ReviewerFactory()
    for index in range(rows):
        BookingFactory(person=person, place_number=1)
        RegistrationFactory(person=person)
        ApplicationFactory(applicant=person)
        ReviewAssignmentFactory(reviewer=person)
        SubscriptionFactory(email=f"alerte{index}@example.org", user=person)
    client.force_login(person)
    with django_assert_max_num_queries(20):
        assert client.get(URL).status_code == 200
