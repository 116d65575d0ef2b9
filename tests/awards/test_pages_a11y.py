"""The Lutèces d'Or pages (public, forms with their errors, jury) and emails pass the W3C Nu checker, and the
public pages axe-core (WCAG 2.1 AA), in French and English."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from awards import services
from tests.a11y.validators import axe_violations, nu_errors, require_axe, require_vnu
from tests.awards.factories import CategoryFactory, CriterionFactory, EditionFactory, JurorFactory, NominationFactory


def _world():
    """An edition open to nominations, one whose jury deliberates with the vote open, one with results."""
    nominating = CategoryFactory(edition=EditionFactory(phase="nominations"), public_vote=False)
    voting = CategoryFactory(edition=EditionFactory(phase="jury"), public_vote=True)
    CriterionFactory(edition=voting.edition, name="Utilité <b>publique</b>")
    nomination = NominationFactory(category=voting, name="Projet <script>alert(1)</script>")
    NominationFactory(category=voting)
    closed = CategoryFactory(edition=EditionFactory(phase="closed"), public_vote=True)
    NominationFactory(category=closed)
    return nominating, voting, nomination, closed


def _urls(nominating, voting, nomination, closed, language) -> dict[str, str]:
    token = services.nomination_token(nomination)
    vote = services.vote_token(nomination=nomination, digest="a" * 64)
    with translation.override(language):
        return {
            "index": reverse("awards:index"),
            "edition-nominations": reverse("awards:edition", args=[nominating.edition.slug]),
            "edition-vote": reverse("awards:edition", args=[voting.edition.slug]),
            "nominate": reverse("awards:nominate", args=[nominating.edition.slug]),
            "nomination-sent": reverse("awards:nomination_sent", args=[nominating.edition.slug]),
            "nomination-confirm": reverse("awards:nomination_confirm", args=[token]),
            "vote": reverse("awards:vote", args=[voting.edition.slug, voting.slug]),
            "vote-confirm": reverse("awards:vote_confirm", args=[vote]),
            "laureates-before": reverse("awards:laureates", args=[closed.edition.slug]),
            "invalid-link": reverse("awards:vote_confirm", args=["abime"]),
            "jury": reverse("awards:jury", args=[voting.edition.slug]),
            "jury-declaration": reverse("awards:jury_declaration", args=[voting.edition.slug]),
            "jury-nomination": reverse("awards:jury_nomination", args=[voting.edition.slug, nomination.pk]),
        }


@pytest.mark.django_db
def test_award_pages_and_emails_are_valid_html_in_both_languages(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    require_vnu()
    nominating, voting, nomination, closed = _world()
    juror = JurorFactory(edition=voting.edition)
    pages = {}
    for language in ("fr", "en"):
        urls = _urls(nominating, voting, nomination, closed, language)
        for name in [name for name in urls if not name.startswith("jury")]:
            response = client.get(urls[name])
            assert response.status_code in (200, 400), (name, response.status_code)
            pages[f"{language}-{name}"] = response.content.decode()
        errors = client.post(
            urls["nominate"], {"category": nominating.pk, "email": "pas-une-adresse", "repository_url": "http://x"}
        )
        pages[f"{language}-nominate-errors"] = errors.content.decode()
        pages[f"{language}-vote-errors"] = client.post(urls["vote"], {"email": "x"}).content.decode()
        client.force_login(juror.user)
        pages[f"{language}-jury-declaration"] = client.get(urls["jury-declaration"]).content.decode()
        pages[f"{language}-jury-declaration-errors"] = client.post(urls["jury-declaration"], {}).content.decode()
        client.logout()
    services.juror_declare(juror=juror, user=juror.user, organisations="", declaration="")
    client.force_login(juror.user)
    for language in ("fr", "en"):
        urls = _urls(nominating, voting, nomination, closed, language)
        pages[f"{language}-jury"] = client.get(urls["jury"]).content.decode()
        pages[f"{language}-jury-nomination"] = client.get(urls["jury-nomination"]).content.decode()
        assert "<script>alert(1)</script>" not in pages[f"{language}-jury-nomination"]
        assert "<b>publique</b>" not in pages[f"{language}-jury-nomination"]
    client.logout()
    urls = _urls(nominating, voting, nomination, closed, "fr")
    pages["fr-vote-confirmed"] = client.post(urls["vote-confirm"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            urls["nominate"],
            {
                "category": nominating.pk,
                "name": "Projet",
                "description": "Utile.",
                "repository_url": "https://framagit.org/a/b",
                "licence": "MIT",
                "email": "a@example.org",
            },
        )
        client.post(urls["vote"], {"nomination": nomination.pk, "email": "b@example.org"})
        services.juror_add(edition=nominating.edition, user=juror.user, by=_superuser(), role="")
    assert len(mailoutbox) == 3
    for message in mailoutbox:
        pages[f"email-{message.subject}"] = message.alternatives[0][0]
    assert nu_errors(pages) == []


def _superuser():
    from tests.factories import UserFactory

    return UserFactory(is_staff=True, is_superuser=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_award_pages_have_no_axe_violations(page):
    require_axe()
    nominating, voting, nomination, closed = _world()
    found = {}
    for language in ("fr", "en"):
        urls = _urls(nominating, voting, nomination, closed, language)
        for name in ("index", "edition-nominations", "edition-vote", "nominate", "vote", "laureates-before"):
            page.goto(urls[name])
            violations = axe_violations(page)
            if violations:
                found[f"{language}-{name}"] = violations
        page.goto(urls["nominate"])
        page.fill("#id_email", "pas-une-adresse")
        page.locator("form").filter(has=page.locator("#id_email")).evaluate("form => form.noValidate = true")
        page.locator("#submit-id-submit").click()
        page.wait_for_selector("#id_email_error, [id^=error_1_id_email]")
        violations = axe_violations(page)
        if violations:
            found[f"{language}-nominate-errors"] = violations
    assert found == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_demo_laureates_pages_have_no_axe_violations(page, demo_data):
    require_axe()
    found = {}
    for url in ("/fr/lutece-d-or/lutece-d-or-2025/laureats/", "/en/lutece-d-or/lutece-d-or-2025/laureats/"):
        page.goto(url)
        assert re.search("Carto'Quartier", page.content())
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert found == {}
