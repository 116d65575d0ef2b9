"""The documentation page in a real browser, with the site's Content-Security-Policy enforced: Swagger UI
loads from the site's own files, shows every list and can run a request."""

import pytest

from tests.browser import CHROMIUM  # noqa: F401 - the browser fixtures come from tests/browser.py

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_runs_under_the_sites_csp_with_nothing_from_another_site(_playwright_browser, live_server):
    context = _playwright_browser.new_context(base_url=live_server.url, locale="fr-FR")  # CSP enforced here
    page = context.new_page()
    problems, outside = [], []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request", lambda request: outside.append(request.url) if not request.url.startswith(live_server.url) else None
    )
    try:
        page.goto("/api/v1/docs")
        page.locator(".swagger-ui .opblock").first.wait_for()
        assert page.locator(".swagger-ui .opblock").count() == 7
        assert page.locator("h1").count() == 1
        page.locator('.opblock-summary-path[data-path="/api/v1/places"]').click()
        page.get_by_role("button", name="Execute").click()
        status = page.locator(".live-responses-table tbody .response-col_status").first
        status.wait_for()
        assert status.inner_text().strip().startswith("200")
    finally:
        context.close()
    assert [text for text in problems if "Content Security Policy" in text or "Refused" in text] == []
    assert outside == []


def test_the_documentation_page_has_no_axe_violations(page):
    """Swagger UI's own colours and unnamed fields are corrected by static/css/api-docs.css and api-docs.js."""
    validators = pytest.importorskip("tests.a11y.validators")
    validators.require_axe()
    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert validators.axe_violations(page) == []
    page.locator('.opblock-summary-path[data-path="/api/v1/initiatives"]').click()  # its parameters' form
    page.locator(".parameters").first.wait_for()
    assert validators.axe_violations(page) == []
    page.get_by_role("button", name="Execute").click()  # and the answer shown below it
    page.locator(".live-responses-table tbody .response-col_status").first.wait_for()
    assert validators.axe_violations(page) == []
