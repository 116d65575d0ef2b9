import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import CommitmentFactory, InitiativeFactory, PartnerRoleFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_browsers_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").headers["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").headers["Location"] == "/fr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").headers["Location"] == "/fr/"


@pytest.mark.parametrize(
    ("language", "heading", "partnership_title"),
    [
        ("fr", "Les partenariats numériques des villes", "Partenariat numérique Paris – Microsoft"),
        ("en", "Cities' digital partnerships", "Paris – Microsoft digital partnership"),
    ],
)
def test_home_shows_the_partnerships_in_each_language(client, demo_data, language, heading, partnership_title):
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert partnership_title in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "Bill Gates",
                "Bertrand Delanoë",
                "Maire de Paris",
                "Annoncé",
                "Un espace sportif numérique à la Porte de Montreuil",
            ],
        ),
        ("en", ["Bill Gates", "Mayor of Paris", "Announced", "A digital sports space at Porte de Montreuil"]),
    ],
)
def test_partnership_page_lists_partners_signatories_commitments_and_initiatives(client, demo_data, language, expected):
    response = client.get(f"/{language}/partenariats/paris-microsoft/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in expected:
        assert text in html
    assert "Microsoft" in html


def _partnership_with(rows: int):
    partnership = PartnershipFactory()
    PartnerRoleFactory.create_batch(3, partnership=partnership)
    for _ in range(rows):
        CommitmentFactory(partnership=partnership).initiatives.add(InitiativeFactory(partnership=partnership))
    return partnership


@pytest.mark.parametrize("rows", [5, 60])
def test_partnership_page_queries_do_not_grow_with_initiatives(client, django_assert_max_num_queries, rows):
    # 7 for the page itself, 3 for its scorecard, 3 for the commitments' timeline (commitments, their public
    # updates, their answered questions), the rest for the figures: a fixed number of aggregate queries per app.
    partnership = _partnership_with(rows)
    with django_assert_max_num_queries(26):
        response = client.get(partnership.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["initiatives"]) == min(rows, 12)
    assert response.context["initiative_total"] == rows
    if rows > 12:
        assert f"?partnership={partnership.slug}" in response.content.decode()


def test_partnership_page_query_count_is_the_same_for_5_and_60_initiatives(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for rows in (5, 60):
        partnership = _partnership_with(rows)
        with CaptureQueriesContext(connection) as queries:
            client.get(partnership.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_partnership_list_page_in_english(client, demo_data):
    with translation.override("en"):
        url = reverse("portal:list")
    html = client.get(url).content.decode()
    assert "Lyon – Microsoft digital partnership" in html
    assert "Paris and free software" in html


def test_unknown_partnership_gives_a_styled_404(client, demo_data):
    response = client.get("/fr/partenariats/nexiste-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    response = client.get("/en/partenariats/does-not-exist/")
    assert "Page not found" in response.content.decode()


def test_language_switcher_keeps_the_page(client, demo_data):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/fr/partenariats/lyon-microsoft/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/partenariats/lyon-microsoft/"


def test_security_headers_are_sent(client, demo_data):
    response = client.get("/fr/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
