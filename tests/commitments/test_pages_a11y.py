"""The commitments' public pages (the partnership page's timeline, a commitment's page with its question form and
its errors, the attestation page, its answer and a broken link) and their emails pass the W3C Nu checker, and
the public pages axe-core (WCAG 2.1 AA), in French and English."""

import pytest
from django.utils import translation

from commitments import services
from commitments.constants import UpdateStatus
from tests.a11y.validators import axe_violations, nu_errors, require_axe, require_vnu
from tests.commitments.factories import (
    AttestationContactFactory,
    ProgressUpdateFactory,
    answered_question,
    attested_update,
)
from tests.factories import CityFactory, CommitmentFactory, PartnershipFactory


def _world():
    partnership = PartnershipFactory(city=CityFactory(slug="paris", name="Paris"), slug="paris-editeur")
    commitment = CommitmentFactory(partnership=partnership, title="Former <b>500</b> agents")
    contact = AttestationContactFactory(partnership=partnership, name="Alex <i>Martin</i>")
    attested_update(commitment, contact=contact, note="Conforme.")
    attested_update(commitment, contact=contact, status=UpdateStatus.DISPUTED, note="Nos registres disent 250.")
    pending = ProgressUpdateFactory(commitment=commitment, contact=contact, summary="Trois <script>x</script> ateliers")
    answered_question(commitment, text="Combien <b>de</b> personnes ?", answer="Trente.")
    CommitmentFactory(partnership=partnership)  # a commitment without updates
    return partnership, commitment, pending


def _urls(partnership, commitment, pending, language) -> dict[str, str]:
    token = services.update_token(pending)
    with translation.override(language):
        return {
            "partnership": f"/{language}/partenariats/{partnership.slug}/",
            "question": f"/{language}/engagements/{commitment.pk}/question/",
            "question-sent": f"/{language}/engagements/{commitment.pk}/question/envoyee/",
            "attest": f"/{language}/engagements/attestation/{token}/",
            "invalid-link": f"/{language}/engagements/attestation/abime/",
        }


@pytest.mark.django_db
def test_commitment_pages_and_emails_are_valid_html_in_both_languages(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    require_vnu()
    partnership, commitment, pending = _world()
    pages = {}
    for language in ("fr", "en"):
        urls = _urls(partnership, commitment, pending, language)
        for name, url in urls.items():
            response = client.get(url)
            assert response.status_code in (200, 400), (name, response.status_code)
            html = response.content.decode()
            assert "<script>x</script>" not in html and "<b>500</b>" not in html
            pages[f"{language}-{name}"] = html
        pages[f"{language}-question-errors"] = client.post(urls["question"], {"email": "x"}).content.decode()
        pages[f"{language}-attest-errors"] = client.post(urls["attest"], {"decision": "dispute"}).content.decode()
    pages["fr-attest-done"] = client.post(
        _urls(partnership, commitment, pending, "fr")["attest"], {"decision": "confirm"}
    ).content.decode()
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_propose(
            commitment=commitment,
            contact=pending.contact,
            progress=70,
            summary="Fait <b>ici</b>.",
            evidence_url="https://example.org/",
            by=admin,
        )
        question = services.question_submit(commitment=commitment, text="Où ?", email="a@example.org", language="en")
        services.question_answer(question=question, by=admin, answer="Là <b>bas</b>.")
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        pages[f"email-{message.subject}"] = message.alternatives[0][0]
    assert nu_errors(pages) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_commitment_pages_have_no_axe_violations(page):
    require_axe()
    partnership, commitment, pending = _world()
    found = {}
    for language in ("fr", "en"):
        urls = _urls(partnership, commitment, pending, language)
        for name in ("partnership", "question", "question-sent", "attest", "invalid-link"):
            page.goto(urls[name])
            violations = axe_violations(page)
            if violations:
                found[f"{language}-{name}"] = violations
        page.goto(urls["question"])
        page.fill("#id_email", "pas-une-adresse")
        page.locator("form").filter(has=page.locator("#id_email")).evaluate("form => form.noValidate = true")
        page.locator("#submit-id-submit").click()
        page.wait_for_selector("#error_1_id_email")
        violations = axe_violations(page)
        if violations:
            found[f"{language}-question-errors"] = violations
    assert found == {}
