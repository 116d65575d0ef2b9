"""A printable sheet per place, in French and English: address, hours, services, how to get there, contact."""

import pytest

from initiatives.constants import PlaceAccessMode, PlaceService

from .factories import InclusionPlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(paris):
    return InclusionPlaceFactory(
        city=paris,
        name="EPN Oberkampf",
        slug="epn-oberkampf",
        address="12 rue Oberkampf",
        postcode="75011",
        town="Paris",
        opening_hours="Mo-Fr 09:00-18:00",
        services=[PlaceService.ADMIN_PROCEDURES],
        access_modes=[PlaceAccessMode.WALK_IN],
        accessibility_fr="Entrée de plain-pied, ascenseur.",
        accessibility_en="Step-free entrance, lift.",
        phone="01 23 45 67 89",
        email="contact@epn.example",
    )


def test_the_sheet_has_what_a_social_worker_hands_out(client, place):
    response = client.get("/fr/lieux/epn-oberkampf/fiche-a-imprimer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for text in [
        "EPN Oberkampf",
        "12 rue Oberkampf",
        "75011 Paris",
        "Horaires d'ouverture",
        "Aide aux démarches administratives",
        "Pour s'y rendre",
        "Entrée de plain-pied, ascenseur.",
        "Se présenter",
        "+33 1 23 45 67 89",  # stored +33123456789, shown grouped
        "contact@epn.example",
        "css/place-print",
        "http://testserver/fr/lieux/epn-oberkampf/",
    ]:
        assert text in html, text


def test_the_sheet_is_in_english_too(client, place):
    html = client.get("/en/lieux/epn-oberkampf/fiche-a-imprimer/").content.decode()
    assert "Opening hours" in html
    assert "Step-free entrance, lift." in html
    assert "Getting there" in html


def test_the_place_page_links_to_its_sheet_and_its_report_form(client, place):
    html = client.get("/fr/lieux/epn-oberkampf/").content.decode()
    assert 'href="/fr/lieux/epn-oberkampf/fiche-a-imprimer/"' in html
    assert 'href="/fr/lieux/epn-oberkampf/signaler-une-erreur/"' in html


def test_an_unknown_place_has_no_sheet(client, place):
    assert client.get("/fr/lieux/nexiste-pas/fiche-a-imprimer/").status_code == 404
