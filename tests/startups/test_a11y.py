"""The start-up pages pass the W3C Nu validator and axe-core (WCAG 2.1 AA), forms with errors included."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from startups import services
from startups.constants import ApplicationStatus
from tests.a11y.validators import axe_violations, nu_errors, require_axe, require_vnu

from .conftest import complete_draft, make_city_staff, move_to
from .factories import ApplicationFactory, CallFactory, CriterionFactory, InnovationActorFactory, ReviewerFactory


def _scenario(roles):
    """Objects behind every page: a call, a recommended application, a reviewer with and without declaration."""
    call = CallFactory(requires_recommendation=True, title="Aides aux start-ups", title_en="Start-up support")
    CriterionFactory(call=call, name="Innovation", name_en="Innovation", weight=3)
    actor = InnovationActorFactory(name="Pôle d'innovation")
    actor.cities.add(call.initiative.partnership.city)
    staff = make_city_staff(call.initiative.partnership.city, roles)
    draft = ApplicationFactory(call=call)
    services.recommendation_request(
        application=draft, actor=draft.applicant, organisation=actor, contact_email="r@example.org"
    )
    submitted = move_to(complete_draft(call), ApplicationStatus.UNDER_REVIEW, staff)
    services.application_transition(
        application=submitted, to_status=ApplicationStatus.SHORTLISTED, actor=staff, message="Bravo."
    )
    reviewer = ReviewerFactory()
    declared = services.review_assign(application=submitted, reviewer=reviewer, assigned_by=staff)
    services.review_declare_interests(assignment=declared, reviewer=reviewer, has_conflict=False)
    undeclared = services.review_assign(
        application=move_to(complete_draft(call), ApplicationStatus.SUBMITTED, staff),
        reviewer=reviewer,
        assigned_by=staff,
    )
    token = services.recommendation_token(draft.recommendation)
    applicant_pages = [
        reverse("startups:application_step", kwargs={"pk": draft.pk, "step": step})
        for step in ("entreprise", "projet", "contact", "recommandation", "documents", "depot")
    ] + [reverse("startups:my_applications")]
    submitted_pages = [
        submitted.get_absolute_url(),
        reverse("startups:application_withdraw", kwargs={"pk": submitted.pk}),
    ]
    return {
        "public": [
            "/fr/appels/",
            "/en/appels/",
            call.get_absolute_url(),
            f"/en/appels/{call.slug}/",
            reverse("startups:recommendation_respond", kwargs={"token": token}),
            reverse("startups:recommendation_respond", kwargs={"token": "x" + token}),
        ],
        "applicant": (draft.applicant, applicant_pages),
        "submitter": (submitted.applicant, submitted_pages),
        "reviewer": (
            reviewer,
            [
                reverse("startups:review_list"),
                reverse("startups:review_detail", kwargs={"pk": declared.pk}),
                reverse("startups:review_detail", kwargs={"pk": undeclared.pk}),
            ],
        ),
        "draft": draft,
    }


@pytest.mark.django_db
def test_pages_are_valid_html(client, roles):
    require_vnu()
    scenario = _scenario(roles)
    pages = {}
    for url in scenario["public"]:
        pages[url] = client.get(url).content.decode()
    for role in ("applicant", "submitter", "reviewer"):
        user, urls = scenario[role]
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            pages[f"{role}{url}"] = response.content.decode()
    user, urls = scenario["applicant"]
    client.force_login(user)
    pages["errors"] = client.post(urls[0], {"siret": "123", "action": "next"}).content.decode()
    assert nu_errors(pages) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_have_no_axe_violations(page, live_server, client, roles):
    require_axe()
    scenario = _scenario(roles)
    found = {}

    def check(url):
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations

    for url in scenario["public"]:
        check(url)
    for role in ("applicant", "submitter", "reviewer"):
        user, urls = scenario[role]
        client.force_login(user)
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
        )
        for url in urls:
            check(url)
        if role == "applicant":
            page.goto(urls[0])
            page.locator("#id_siret").fill("123")
            page.get_by_role("button", name="Continuer").click()
            expect(page.locator("#id_siret_error")).to_contain_text("Le SIRET comporte 14 chiffres")
            violations = axe_violations(page)
            if violations:
                found["errors"] = violations
    assert found == {}
