import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_browses_from_home_to_an_initiative_and_switches_language(page, demo_data):
    page.goto("/fr/")
    assert page.locator("h1").inner_text() == "Les partenariats numériques des villes"
    page.get_by_role("link", name="Partenariat numérique Lyon – Microsoft").first.click()
    page.get_by_role("link", name="Clique sur ta Ville", exact=True).click()
    expect(page.locator("h1")).to_have_text("Clique sur ta Ville")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile("/en/initiatives/clique-sur-ta-ville/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text("job search")
