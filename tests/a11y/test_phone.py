"""Phone first: on a 390 px phone the header is one line with a "Menu" button that opens without JavaScript, the
catalogue's and places' filters fold behind a button so the results come first, and nothing overflows the width;
on a 1280 px screen every link and filter shows without a click."""

import re

import pytest
from playwright.sync_api import expect

from tests.a11y.validators import axe_violations, require_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def _overflows(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_on_a_phone_the_header_is_one_line_and_its_menu_opens_to_every_link(page, demo_data):
    require_axe()
    page.set_viewport_size(PHONE)
    page.goto("/fr/")
    assert _box(page, "header")["height"] < 80
    catalogue = page.get_by_role("link", name="Initiatives", exact=True)
    assert not catalogue.is_visible()
    page.locator("summary", has_text="Menu").click()
    assert catalogue.is_visible()
    assert page.get_by_role("link", name="Se connecter").is_visible()
    assert page.get_by_role("link", name="English").is_visible()
    for link in page.locator("header nav a").all():
        assert link.bounding_box()["height"] >= 44, link.inner_text()  # thumb-sized targets
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    assert not catalogue.is_visible()
    catalogue_summary = page.locator("summary", has_text="Menu")
    catalogue_summary.click()
    catalogue.click()
    expect(page.locator("h1")).to_have_text("Catalogue des initiatives")
    assert not _overflows(page)


def test_without_javascript_the_phone_menu_and_the_filters_still_open(_playwright_browser, live_server, demo_data):
    context = _playwright_browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE, locale="fr-FR"
    )
    page = context.new_page()
    try:
        page.goto("/fr/initiatives/?city=paris")
        assert not page.get_by_role("link", name="Lieux numériques").is_visible()
        page.locator("summary", has_text="Menu").click()
        assert page.get_by_role("link", name="Lieux numériques").is_visible()
        page.locator("summary", has_text="Menu").click()  # closed again, as a person would before going on
        search = page.get_by_label("Rechercher")
        assert not search.is_visible()
        assert "1 actif" in page.locator("summary", has_text="Filtrer").inner_text()
        page.locator("summary", has_text="Filtrer").click()
        search.fill("ville")
        page.get_by_role("button", name="Appliquer les filtres").click()
        expect(page).to_have_url(re.compile("q=ville"))
        assert "2 actifs" in page.locator("summary", has_text="Filtrer").inner_text()
    finally:
        context.close()


def test_on_a_phone_results_come_before_the_filters_and_nothing_overflows(page, demo_data):
    page.set_viewport_size(PHONE)
    page.goto("/fr/initiatives/")
    assert not page.get_by_label("Ville").is_visible()
    first_result = _box(page, "main ul li .card")
    assert first_result["y"] < 400  # the first initiative shows on the first screen (it was ~1,000 px down)
    assert not _overflows(page)
    page.goto("/fr/lieux/")
    assert not page.get_by_label("Code postal ou arrondissement").is_visible()
    assert page.locator("#places-map[data-ready]").is_visible()
    map_box = _box(page, "#places-map")
    assert map_box["width"] >= 350 and 200 <= map_box["height"] <= 400  # usable, and the list follows
    assert _box(page, ".places-list li")["y"] < PHONE["height"]
    assert not _overflows(page)


def test_on_a_wide_screen_every_link_and_filter_shows_without_a_click(page, demo_data):
    page.set_viewport_size(WIDE)
    page.goto("/fr/initiatives/")
    assert not page.locator("summary", has_text="Menu").is_visible()
    for name in ("Partenariats", "Lieux numériques", "Espace sportif", "Se connecter", "English"):
        assert page.get_by_role("link", name=name, exact=True).is_visible(), name
    assert _box(page, "header")["height"] < 110  # two lines: brand and account, then the main menu
    assert page.get_by_label("Ville").is_visible()
    assert page.get_by_role("button", name="Appliquer les filtres").is_visible()
    page.goto("/fr/lieux/")
    assert page.get_by_label("Code postal ou arrondissement").is_visible()


def test_on_a_phone_a_slots_book_button_is_thumb_sized(page):
    from tests.factories import PASSWORD, UserFactory
    from tests.sports.factories import SlotFactory, in_days, week_url

    slot = SlotFactory(starts_at=in_days(3, 10))
    person = UserFactory(email="sportive@example.org")
    page.set_viewport_size(PHONE)
    page.goto("/fr/compte/login/")
    page.locator("#id_login").fill(person.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(week_url(slot))
    book = page.locator("main form button", has_text="Réserver").first
    expect(book).to_be_visible()
    assert book.bounding_box()["height"] >= 44
    assert not _overflows(page)
