"""In Chromium: find a centre open now on the map and the list, book a slot at the sports space, cancel it.

The tile server cannot be reached in tests (requests to it are aborted, as they would fail offline): the
map must say so and keep its markers, and the list stays the primary content.
"""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from sports.constants import BookingStatus
from sports.models import Booking
from tests.a11y.validators import axe_violations, nu_errors, require_axe, require_vnu
from tests.browser import CHROMIUM
from tests.factories import UserFactory
from tests.sports.factories import SlotFactory, SportsResourceFactory, in_days

from .factories import InclusionPlaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TILE_HOST = settings.MAP_TILE_URL.split("/{")[0]


@pytest.fixture
def directory(paris):
    return {
        "open": InclusionPlaceFactory(city=paris, name="Borne numérique ouverte", opening_hours="24/7"),
        "closed": InclusionPlaceFactory(city=paris, name="Atelier fermé", opening_hours="off", latitude=48.85),
    }


@pytest.fixture
def sports(paris):
    resource = SportsResourceFactory(place__city=paris, name="Espace sportif numérique", capacity=4)
    return SlotFactory(resource=resource, starts_at=in_days(2, 10))


def sign_in(page, client, live_server, person):
    client.force_login(person)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_map_renders_under_the_real_csp_and_degrades_without_tiles(_playwright_browser, live_server, directory):
    context = _playwright_browser.new_context(base_url=live_server.url, locale="fr-FR")  # CSP enforced
    page = context.new_page()
    page.route(f"{TILE_HOST}/**", lambda route: route.abort())
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    try:
        page.goto("/fr/lieux/")
        page.wait_for_selector("#places-map[data-ready='true']")
        assert page.locator(".leaflet-marker-icon").count() == 2
        page.wait_for_selector("#places-map-notice:not([hidden])")
        assert "Le fond de carte n'a pas pu être chargé" in page.locator("#places-map-notice").inner_text()
        assert page.locator(".places-list li").count() == 2  # the list is all there
        page.locator(".leaflet-marker-icon[title='Borne numérique ouverte']").click()
        assert "Ouvert maintenant" in page.locator(".leaflet-popup-content").inner_text()
        assert not [m for m in messages if "Content Security Policy" in m or m.startswith("pageerror")], messages
    finally:
        context.close()


def test_without_javascript_the_list_is_there_and_the_map_stays_hidden(_playwright_browser, live_server, directory):
    context = _playwright_browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/fr/lieux/?open_now=on")
        assert page.locator(".places-list li").all_inner_texts()[0].startswith("Borne numérique ouverte")
        assert page.locator(".places-list li").count() == 1
        assert not page.locator("#places-map").is_visible()
    finally:
        context.close()


def test_a_citizen_finds_a_centre_open_now_then_books_and_cancels_a_slot(
    page, live_server, client, directory, sports, mailoutbox
):
    page.route(f"{TILE_HOST}/**", lambda route: route.abort())
    person = UserFactory(email="camille@example.org")
    sign_in(page, client, live_server, person)

    page.goto("/fr/")
    page.get_by_role("link", name="Lieux numériques").click()
    page.get_by_label("Ouvert maintenant").check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    results = page.locator(".places-list")
    assert "Borne numérique ouverte" in results.inner_text()
    assert "Atelier fermé" not in results.inner_text()
    assert page.locator("#resultats-titre").inner_text() == "1 lieu trouvé"
    page.get_by_role("link", name="Borne numérique ouverte").click()
    expect(page.locator("h1")).to_have_text("Borne numérique ouverte")
    assert "Ouvert maintenant" in page.locator("main").inner_text()

    page.get_by_role("link", name="Espace sportif", exact=True).click()
    expect(page.locator("h1")).to_have_text("Espace sportif numérique")
    if page.locator(".slot form").count() == 0:  # the slot falls in next week
        page.get_by_role("link", name="Semaine suivante").click()
    page.locator(".slot form button").first.click()
    expect(page.locator("h1")).to_have_text("Ma réservation")
    assert page.get_by_role("link", name="Ajouter à mon agenda (.ics)").count() == 1
    assert "Votre créneau est réservé" in page.locator(".messages").inner_text()
    assert "Espace sportif numérique" in page.locator("main").inner_text()
    booking = Booking.objects.get(person=person)
    assert booking.status == BookingStatus.CONFIRMED

    page.get_by_role("button", name="Annuler").click()
    expect(page.locator(".messages")).to_contain_text("Votre réservation est annulée")
    assert "Aucune réservation à venir." in page.locator("main").inner_text()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert [m.subject.split(" :")[0] for m in mailoutbox] == ["Réservation confirmée", "Réservation annulée"]


PAGES = ["/fr/lieux/", "/en/lieux/?open_now=on&service=nope", "/fr/lieux/donnees-ouvertes/"]


def test_directory_pages_have_no_axe_violations(page, directory, sports, client, live_server):
    require_axe()
    page.route(f"{TILE_HOST}/**", lambda route: route.abort())
    urls = [*PAGES, directory["open"].get_absolute_url(), sports.resource.get_absolute_url()]
    found = {}
    for url in urls:
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    sign_in(page, client, live_server, UserFactory())
    for url in [sports.resource.get_absolute_url(), "/fr/espace-sportif/mes-reservations/"]:
        page.goto(url)
        if violations := axe_violations(page):
            found[url] = violations
    assert found == {}


def test_directory_and_booking_pages_are_valid_html(client, directory, sports, staff_user, superuser):
    require_vnu()
    urls = [*PAGES, directory["open"].get_absolute_url(), sports.resource.get_absolute_url()]
    pages = {url: client.get(url).content.decode() for url in urls}
    client.force_login(superuser)
    for url in [
        sports.resource.get_absolute_url(),
        "/fr/espace-sportif/mes-reservations/",
        "/fr/espace-sportif/accueil/",
    ]:
        pages[url + "#connecte"] = client.get(url).content.decode()
    assert nu_errors(pages) == []


def test_chromium_is_the_debian_one():
    assert CHROMIUM == "/usr/bin/chromium"
