"""In Chromium: the map of 5,000 places shows clusters (markers loaded by area from the API), the list drives
the map by keyboard, "near me" sorts in the browser, and the new pages pass axe and the W3C Nu validator in
French and English."""

import random
from decimal import Decimal

import pytest
from django.conf import settings

from initiatives.constants import PlaceKind
from initiatives.models import Place
from tests.a11y.validators import axe_violations, nu_errors, require_axe, require_vnu

from .factories import InclusionPlaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TILE_HOST = settings.MAP_TILE_URL.split("/{")[0]


def generate_places(city, count: int) -> None:
    """`count` places spread over Paris, in one bulk insert (the factory would take minutes)."""
    rng = random.Random(13)
    Place.objects.bulk_create(
        [
            Place(
                city=city,
                kind=PlaceKind.INCLUSION_CENTRE,
                name=f"Lieu généré {n:05d}",
                slug=f"lieu-genere-{n:05d}",
                address=f"{n} rue de test",
                postcode=f"750{rng.randint(1, 20):02d}",
                town="Paris",
                latitude=Decimal(f"{rng.uniform(48.815, 48.900):.6f}"),
                longitude=Decimal(f"{rng.uniform(2.255, 2.415):.6f}"),
                opening_hours="Mo-Fr 09:00-18:00",
            )
            for n in range(count)
        ],
        batch_size=1000,
    )


def test_five_thousand_places_show_as_clusters_loaded_by_area(page, paris):
    generate_places(paris, 5000)
    page.route(f"{TILE_HOST}/**", lambda route: route.abort())
    api_calls = []
    page.on("request", lambda request: "/api/v1/places.geojson" in request.url and api_calls.append(request.url))
    page.goto("/fr/lieux/")
    page.wait_for_selector("#places-map[data-ready='true']", timeout=60_000)
    assert page.locator("#places-map").get_attribute("data-loaded") == "5000"
    clusters = page.locator(".marker-cluster")
    assert clusters.count() > 0
    assert clusters.count() < 200  # clustered, not 5,000 markers
    assert all("bbox=" in url for url in api_calls) and api_calls
    first = clusters.first
    assert first.get_attribute("role") == "button"
    assert "lieux : zoomer pour les voir" in first.inner_text()
    # A cluster is a button: Enter zooms in, and the area's places are loaded again.
    zoom = page.evaluate("() => document.querySelector('#places-map').dataset.loaded")
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelector('#places-map').dataset.loaded !== '{zoom}'", timeout=30_000)
    assert page.locator(".places-list li").count() == 20  # the list stays, paginated


def test_a_place_chosen_in_the_list_by_keyboard_opens_its_popup_and_takes_the_focus(page, paris):
    for n in range(30):
        InclusionPlaceFactory(
            city=paris,
            name=f"EPN {n:02d}",
            latitude=Decimal("48.86") + Decimal(n) / 1000,
            longitude=Decimal("2.38"),
        )
    page.route(f"{TILE_HOST}/**", lambda route: route.abort())
    page.goto("/fr/lieux/")
    page.wait_for_selector("#places-map[data-ready='true']")
    button = page.get_by_role("button", name="Voir sur la carte : EPN 05")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup-content a")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == "EPN 05"
    assert "EPN 05" in page.locator(".leaflet-popup-content").inner_text()
    # The list's links stay focusable: the map is never the only way.
    assert page.locator(".places-list a", has_text="EPN 05").count() == 1


def test_near_me_asks_the_position_on_click_and_sorts_the_places_in_the_browser(
    _playwright_browser, live_server, paris
):
    InclusionPlaceFactory(city=paris, name="Loin", latitude=Decimal("48.90"), longitude=Decimal("2.30"))
    InclusionPlaceFactory(city=paris, name="Tout près", latitude=Decimal("48.8651"), longitude=Decimal("2.3751"))
    InclusionPlaceFactory(city=paris, name="À Lyon", latitude=Decimal("45.76"), longitude=Decimal("4.86"))
    context = _playwright_browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        geolocation={"latitude": 48.865, "longitude": 2.375},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.route(f"{TILE_HOST}/**", lambda route: route.abort())
    sent = []
    page.on("request", lambda request: sent.append(request.url))
    try:
        page.goto("/fr/lieux/")
        page.wait_for_selector("#places-map[data-ready='true']")
        page.get_by_role("button", name="Lieux près de moi").click()
        page.wait_for_selector("#near-me-results li")
        rows = page.locator("#near-me-results li").all_inner_texts()
        assert rows[0].startswith("Tout près · à 0,0 km")
        assert rows[1].startswith("Loin · à ")
        assert len(rows) == 2  # Lyon is beyond 50 km
        assert not [url for url in sent if "48.865" in url or "2.375" in url]  # the position went nowhere
    finally:
        context.close()


def new_pages(place):
    return [
        "/fr/lieux/?pres_de=75011",
        "/en/lieux/?pres_de=inconnue",
        f"/fr/lieux/{place.slug}/fiche-a-imprimer/",
        f"/en/lieux/{place.slug}/fiche-a-imprimer/",
        f"/fr/lieux/{place.slug}/signaler-une-erreur/",
        f"/en/lieux/{place.slug}/signaler-une-erreur/",
        f"/fr/lieux/{place.slug}/signaler-une-erreur/merci/",
        f"/en/lieux/{place.slug}/signaler-une-erreur/merci/",
    ]


@pytest.fixture
def place(paris):
    return InclusionPlaceFactory(
        city=paris,
        name="EPN Oberkampf",
        postcode="75011",
        phone="01 23 45 67 89",
        email="epn@example.org",
        accessibility_fr="Plain-pied.",
        acceslibre_url="https://acceslibre.beta.gouv.fr/app/x/",
    )


def test_the_new_pages_have_no_axe_violations(page, place):
    require_axe()
    page.route(f"{TILE_HOST}/**", lambda route: route.abort())
    found = {}
    for url in new_pages(place):
        page.goto(url)
        if violations := axe_violations(page):
            found[url] = violations
    page.goto(f"/fr/lieux/{place.slug}/signaler-une-erreur/")
    page.get_by_role("button", name="Envoyer le signalement").click()  # with its errors
    if violations := axe_violations(page):
        found["report errors"] = violations
    assert found == {}


def test_the_new_pages_are_valid_html(client, place):
    require_vnu()
    pages = {url: client.get(url).content.decode() for url in new_pages(place)}
    pages["report errors"] = client.post(f"/fr/lieux/{place.slug}/signaler-une-erreur/", {}).content.decode()
    assert nu_errors(pages) == []
