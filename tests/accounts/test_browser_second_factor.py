"""The second factor in a real browser: a security key (Chromium's virtual authenticator), the site's CSP
left on, and the pages checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from tests.a11y.validators import axe_violations, require_axe
from tests.accounts.conftest import give_totp, totp_code
from tests.browser import CHROMIUM
from tests.factories import PASSWORD, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page(_playwright_browser, live_server):
    """A page on http://localhost (a secure context: WebAuthn works there) with the site's CSP enforced."""
    assert live_server.url.startswith("http://localhost:")
    context = _playwright_browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.csp_errors = errors
    yield page
    context.close()


def password_login(page, email):
    page.goto("/fr/admin/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def test_staff_set_up_a_security_key_then_log_in_with_it(browser_page):
    assert CHROMIUM
    page = browser_page
    staff = StaffFactory(email="agent@example.org")
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    password_login(page, staff.email)
    assert page.locator("h1").inner_text() == "Double authentification requise"
    page.get_by_role("link", name="Utiliser une clé de sécurité").click()
    page.fill("#id_password", PASSWORD)  # allauth confirms the password before any change of factor
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("h1")).to_have_text("Ajouter une clé de sécurité")
    page.fill("#id_name", "Clé USB")
    page.get_by_role("button", name="Ajouter la clé").click()
    page.wait_for_url("**/compte/2fa/recovery-codes/")
    page.get_by_role("link", name="Continuer vers la page demandée").click()
    expect(page).to_have_title(re.compile("^Tableau de bord"))
    page.goto("/fr/compte/2fa/webauthn/")
    assert "Clé USB" in page.locator("table").inner_text()
    # Next login: the key replaces the code.
    page.context.clear_cookies()
    password_login(page, staff.email)
    assert page.locator("h1").inner_text() == "Second facteur"
    page.get_by_role("button", name="Utiliser ma clé de sécurité").click()
    page.wait_for_url("**/fr/admin/")
    expect(page).to_have_title(re.compile("^Tableau de bord"))
    assert [e for e in page.csp_errors if "Content Security Policy" in e] == []


def test_second_factor_pages_have_no_axe_violations(page):
    require_axe()
    staff = StaffFactory(email="agent@example.org")
    password_login(page, staff.email)
    assert page.locator("h1").inner_text() == "Double authentification requise"
    found = {}
    found["setup"] = axe_violations(page)
    page.goto("/fr/compte/2fa/totp/activate/")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.locator("main form button[type=submit]").first.click()  # an empty code: the error next to the field
    expect(page.locator("#id_code_error")).to_be_visible()
    found["activate"] = axe_violations(page)
    page.goto("/en/compte/2fa/")
    found["index"] = axe_violations(page)
    page.context.clear_cookies()
    other = StaffFactory(email="autre@example.org")
    give_totp(other)
    password_login(page, other.email)
    assert page.locator("h1").inner_text() == "Second facteur"
    found["authenticate"] = axe_violations(page)
    page.fill("#id_code", totp_code())
    page.locator("main form button[type=submit]").first.click()
    page.goto("/fr/compte/2fa/recovery-codes/")
    found["recovery codes"] = axe_violations(page)
    assert {name: violations for name, violations in found.items() if violations} == {}
