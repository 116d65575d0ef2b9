import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_browses_from_home_to_an_initiative_and_switches_language(page, demo_data):
    page.goto("/fr/")
    assert page.locator("h1").inner_text() == "Les partenariats numériques des villes"
    page.get_by_role("link", name="Partenariat numérique Lyon – Microsoft").first.click()
    page.get_by_role("link", name="Clique sur ta Ville", exact=True).click()
    assert page.locator("h1").inner_text() == "Clique sur ta Ville"
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/initiatives/clique-sur-ta-ville/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "job search" in page.content()
