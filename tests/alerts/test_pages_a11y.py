"""The alert pages pass the W3C Nu checker and axe-core (WCAG 2.1 AA), in French and English."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from alerts import services
from tests import factories
from tests.a11y.validators import axe_violations, nu_errors, require_axe, require_vnu
from tests.alerts.factories import SubscriptionFactory


def _pages(client) -> dict[str, str]:
    factories.CityFactory(name="Lyon")
    factories.CategoryFactory()
    subscription = SubscriptionFactory()
    confirm = services.confirmation_token(subscription=subscription, language="fr", cities=[], categories=[])
    unsubscribe = services.unsubscribe_token(subscription)
    pages = {}
    for language in ("fr", "en"):
        with translation.override(language):
            urls = {
                "subscribe": reverse("alerts:subscribe"),
                "requested": reverse("alerts:requested"),
                "confirm": reverse("alerts:confirm", kwargs={"token": confirm}),
                "unsubscribe": reverse("alerts:unsubscribe", kwargs={"token": unsubscribe}),
                "invalid": reverse("alerts:unsubscribe", kwargs={"token": "abimé"}),
            }
        for name, url in urls.items():
            pages[f"{language}-{name}"] = client.get(url).content.decode()
        errors = client.post(urls["subscribe"], {"email": "pas-une-adresse"})
        pages[f"{language}-subscribe-errors"] = errors.content.decode()
        pages[f"{language}-confirmed"] = client.post(urls["confirm"]).content.decode()
    pages["unsubscribed"] = client.post(urls["unsubscribe"]).content.decode()
    return pages


def _emails(client, captured, mailoutbox) -> dict[str, str]:
    lyon = factories.CityFactory(name="Lyon")
    initiative = factories.InitiativeFactory(partnership=factories.PartnershipFactory(city=lyon))
    SubscriptionFactory(language="en", confirmed_at=initiative.created_at - timezone.timedelta(hours=1))
    with captured(execute=True):
        client.post(reverse("alerts:subscribe"), {"email": "a@example.org", "language": "fr"})
        services.digest_send(until=initiative.created_at + timezone.timedelta(hours=1))
    assert len(mailoutbox) == 2
    return {f"email-{message.subject}": message.alternatives[0][0] for message in mailoutbox}


@pytest.mark.django_db
def test_alert_pages_and_emails_are_valid_html(client, django_capture_on_commit_callbacks, mailoutbox):
    require_vnu()
    documents = {**_pages(client), **_emails(client, django_capture_on_commit_callbacks, mailoutbox)}
    assert nu_errors(documents) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_subscribe_page_has_no_axe_violations(page):
    require_axe()
    factories.CityFactory(name="Lyon")
    factories.CategoryFactory()
    found = {}
    for language in ("fr", "en"):
        with translation.override(language):
            url = reverse("alerts:subscribe")
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
        page.fill("#id_email", "pas-une-adresse")
        page.locator("form").filter(has=page.locator("#id_email")).evaluate("form => form.noValidate = true")
        page.locator("#submit-id-submit").click()
        page.wait_for_selector("#id_email_error")
        violations = axe_violations(page)
        if violations:
            found[url + " (errors)"] = violations
    assert found == {}
