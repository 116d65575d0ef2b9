"""The training pages pass the W3C Nu validator and axe-core (WCAG 2.1 AA), public and logged-in ones."""

import pytest

from tests.factories import UserFactory
from training.models import Session

from .factories import register

validators = pytest.importorskip("tests.a11y.validators", reason="the shared validators (tests/a11y) are missing")


def pages(session, registration):
    return [
        "/fr/formations/",
        "/en/formations/?city=lyon&seats=on",
        "/fr/formations/?trade=nimporte",
        session.programme.get_absolute_url(),
        session.get_absolute_url(),
        f"/en/formations/sessions/{session.pk}/",
        f"/fr/formations/sessions/{session.pk}/inscription/",
        "/fr/formations/mes-inscriptions/",
        f"/fr/formations/inscriptions/{registration.pk}/annulation/",
    ]


@pytest.fixture
def journey(demo_data):
    session = Session.objects.get(reference="DEMO-WEB-PARIS-1")
    person = UserFactory()
    registration = register(Session.objects.get(reference="DEMO-CLOUD-LYON-1"), person=person)
    return session, person, registration


@pytest.mark.django_db
def test_training_pages_are_valid_html(client, journey, superuser):
    validators.require_vnu()
    session, person, registration = journey
    client.force_login(person)
    html = {}
    for url in pages(session, registration):
        response = client.get(url)
        assert response.status_code == 200, url
        html[url] = response.content.decode()
    response = client.post(f"/fr/formations/sessions/{session.pk}/inscription/", {"france_travail_id": "x"})
    html["register-with-errors"] = response.content.decode()
    client.force_login(superuser)
    html["attendance"] = client.get(
        f"/fr/formations/gestion/sessions/{registration.session_id}/presences/"
    ).content.decode()
    assert validators.nu_errors(html) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_training_pages_have_no_axe_violations(page, journey, client, live_server):
    validators.require_axe()
    session, person, registration = journey
    client.force_login(person)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    found = {}
    for url in pages(session, registration):
        page.goto(url)
        violations = validators.axe_violations(page)
        if violations:
            found[url] = violations
    assert found == {}
