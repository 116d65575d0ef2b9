"""The foundation's pages pass axe-core (WCAG 2.1 AA) and the W3C Nu validator, in French and English."""

import pytest

from tests.a11y.validators import axe_violations, nu_errors, require_axe, require_vnu

PAGES = [
    "/fr/",
    "/en/",
    "/fr/partenariats/",
    "/fr/partenariats/paris-microsoft/",
    "/en/partenariats/lyon-microsoft/",
    "/fr/initiatives/",
    "/en/initiatives/?city=paris&q=start",
    "/fr/initiatives/?city=atlantide",
    "/fr/initiatives/clique-sur-ta-ville/",
    "/fr/initiatives/espace-sportif-numerique-porte-de-montreuil/",  # its actions: book, alerts
    "/en/initiatives/espace-sportif-numerique-porte-de-montreuil/",
    "/fr/espace-sportif/espace-sportif-porte-de-montreuil/",  # the sports space's week of slots
    "/fr/compte/login/",
    "/en/compte/signup/",
    "/fr/compte/password/reset/",
    "/fr/confidentialite/",
    "/fr/partenariats/comparer/",
    "/en/donnees-ouvertes/",
    "/en/mentions-legales/",
    "/fr/accessibilite/",
    "/en/accessibilite/",
    "/fr/accessibilite/signaler/",
    "/en/accessibilite/signaler/",
    "/fr/nexiste-pas/",
]


@pytest.mark.django_db
def test_pages_are_valid_html(client, demo_data):
    require_vnu()
    pages = {}
    for url in PAGES:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        pages[url] = response.content.decode()
    assert nu_errors(pages) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_have_no_axe_violations(page, demo_data):
    require_axe()
    found = {}
    for url in PAGES:
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert found == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_profile_page_has_no_axe_violations(page, demo_data, live_server, user, client):
    require_axe()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto("/fr/compte/profil/")
    assert page.locator("h1").inner_text() == "Mon compte"
    assert axe_violations(page) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_axe_harness_reports_a_broken_page(page):
    """Guards the two tests above against passing vacuously."""
    require_axe()
    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    ids = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "label", "html-has-lang"} <= ids


def test_the_nu_harness_reports_invalid_html():
    require_vnu()
    errors = nu_errors({"broken": "<!DOCTYPE html><html lang='fr'><head></head><body><p><div></p></body></html>"})
    assert any("title" in error for error in errors)


def _person_with_a_bit_of_everything():
    """Someone with a booking, a session, a draft application, an alert waiting for confirmation and a file to
    review: every section of "Mon espace" has rows and tasks."""
    from startups.constants import ApplicationStatus
    from tests.alerts.factories import SubscriptionFactory
    from tests.sports.factories import BookingFactory
    from tests.startups.factories import ApplicationFactory, ReviewAssignmentFactory, ReviewerFactory
    from tests.training.factories import RegistrationFactory

    person = ReviewerFactory(first_name="Awa", last_name="Diallo")
    BookingFactory(person=person, place_number=1)
    RegistrationFactory(person=person)
    ApplicationFactory(applicant=person)
    ReviewAssignmentFactory(reviewer=person, application=ApplicationFactory(status=ApplicationStatus.SUBMITTED))
    SubscriptionFactory(email=person.email, user=person, is_confirmed=False, confirmed_at=None)
    return person


PERSONAL_PAGES = ["/fr/mon-espace/", "/en/mon-espace/", "/fr/candidatures/evaluations/"]


@pytest.mark.django_db
def test_personal_pages_are_valid_html(client):
    require_vnu()
    client.force_login(_person_with_a_bit_of_everything())
    pages = {}
    for url in PERSONAL_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    assert nu_errors(pages) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_personal_pages_have_no_axe_violations(page, live_server, client):
    require_axe()
    client.force_login(_person_with_a_bit_of_everything())
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    found = {}
    for url in PERSONAL_PAGES:
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert found == {}
