"""Staff propose a progress update on a commitment; the partner's named contact is emailed, in their language, a
signed link that expires; they confirm or dispute it (with their words); the partnership page shows the dated
timeline of each commitment with who attested what."""

import re
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from commitments import services
from commitments.constants import LINK_MAX_AGE, UpdateStatus
from commitments.models import ProgressUpdate
from tests.commitments.factories import AttestationContactFactory, ProgressUpdateFactory, pdf_file
from tests.factories import CityFactory, CommitmentFactory, OrganisationFactory, PartnershipFactory, city_agent
from tests.test_admin_doors import form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    paris = CityFactory(slug="paris", name="Paris", name_en="Paris")
    partnership = PartnershipFactory(city=paris, slug="paris-editeur", title="Paris et l'Éditeur")
    commitment = CommitmentFactory(
        partnership=partnership, title="Former 500 agents", title_en="Train 500 staff", progress=10
    )
    vendor = OrganisationFactory(name="Éditeur SA")
    contact = AttestationContactFactory(
        partnership=partnership, organisation=vendor, name="Alex Martin", email="alex@editeur.example", language="en"
    )
    return {"paris": paris, "partnership": partnership, "commitment": commitment, "contact": contact}


def link_in(message) -> str:
    return re.search(r"https?://\S+?(/\w\w/engagements/attestation/[^/\s]+/)", message.body).group(1)


def propose_in_admin(client, world, **overrides):
    page = client.get("/fr/admin/commitments/progressupdate/add/")
    assert page.status_code == 200
    body = form_fields(page.content.decode())
    body.update(
        {
            "commitment": str(world["commitment"].pk),
            "contact": str(world["contact"].pk),
            "progress": "60",
            "summary": "300 agents formés au premier semestre.",
            "evidence_url": "https://www.paris.example/bilan-formations",
            "_save": "Enregistrer",
            **overrides,
        }
    )
    body.pop("evidence_file", None)
    return client.post("/fr/admin/commitments/progressupdate/add/", body)


def test_staff_propose_the_contact_confirms_by_the_link_and_the_partnership_page_shows_who_attested(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    agent = city_agent(world["paris"])
    staff = Client()
    staff.force_login(agent)
    with django_capture_on_commit_callbacks(execute=True):
        body_file = SimpleUploadedFile("bilan.pdf", pdf_file().read(), content_type="application/pdf")
        page = staff.get("/fr/admin/commitments/progressupdate/add/")
        body = form_fields(page.content.decode())
        body.pop("evidence_file", None)
        body.update(
            {
                "commitment": str(world["commitment"].pk),
                "contact": str(world["contact"].pk),
                "progress": "60",
                "summary": "300 agents formés au premier semestre.",
                "evidence_url": "",
                "evidence_file": body_file,
                "_save": "Enregistrer",
            }
        )
        response = staff.post("/fr/admin/commitments/progressupdate/add/", body)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"].endswith("/progressupdate/"), [
        str(m) for m in staff.get(response["Location"]).context["messages"]
    ]
    update = ProgressUpdate.objects.get()
    assert (update.status, update.proposed_by, update.progress) == (UpdateStatus.PROPOSED, agent, 60)
    assert update.evidence_name == "bilan.pdf" and update.evidence_file.name.startswith("commitments/evidence/")

    # The contact is emailed, in English (their language), a link; the evidence is not public yet.
    assert [message.to for message in mailoutbox] == [["alex@editeur.example"]]
    message = mailoutbox[0]
    assert message.subject.startswith("Attest the progress of a commitment")
    assert "Train 500 staff" in message.body
    link = link_in(message)
    assert Client().get(f"/fr/engagements/preuve/{update.pk}/").status_code == 404
    assert staff.get(f"/fr/engagements/preuve/{update.pk}/").status_code == 200  # the city's staff see it

    page = client.get(f"/fr/partenariats/{world['partnership'].slug}/").content.decode()
    assert "En attente" in page and "300 agents formés au premier semestre." in page
    assert f"/engagements/preuve/{update.pk}/" not in page

    form = client.get(link)
    assert form.status_code == 200 and "Attest the progress of a commitment" in form.content.decode()
    update.refresh_from_db()
    assert update.status == UpdateStatus.PROPOSED  # opening the link (a mail scanner) answers nothing

    done = client.post(link, {"decision": "confirm", "note": "Chiffres conformes à nos registres."})
    assert done.status_code == 200 and "confirmed" in done.content.decode()
    update.refresh_from_db()
    assert (update.status, update.attested_by_name, update.attested_by_organisation) == (
        UpdateStatus.CONFIRMED,
        "Alex Martin",
        "Éditeur SA",
    )
    world["commitment"].refresh_from_db()
    assert world["commitment"].progress == 60  # the attested progress is the commitment's

    page = client.get(f"/fr/partenariats/{world['partnership'].slug}/").content.decode()
    assert "Confirmé" in page and "par Alex Martin (Éditeur SA)" in page
    assert "Chiffres conformes à nos registres." in page
    assert f"/fr/engagements/preuve/{update.pk}/" in page
    evidence = client.get(f"/fr/engagements/preuve/{update.pk}/")
    assert evidence.status_code == 200 and evidence["Content-Type"] == "application/pdf"
    assert b"".join(evidence.streaming_content).startswith(b"%PDF-")
    assert "alex@editeur.example" not in page

    # In the history: proposed, then confirmed.
    assert [h.status for h in update.history.order_by("history_id")] == ["proposed", "confirmed"]
    again = client.post(link, {"decision": "dispute", "note": "Finalement non."})
    assert "Answer already recorded" in again.content.decode()  # the link is in the contact's language
    update.refresh_from_db()
    assert update.status == UpdateStatus.CONFIRMED


def test_a_disputed_update_is_shown_with_the_partners_words(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    agent = city_agent(world["paris"])
    with django_capture_on_commit_callbacks(execute=True):
        update = services.update_propose(
            commitment=world["commitment"],
            contact=world["contact"],
            progress=80,
            summary="400 agents formés.",
            evidence_url="https://www.paris.example/bilan",
            by=agent,
        )
    link = link_in(mailoutbox[0])
    without_reason = client.post(link, {"decision": "dispute", "note": "  "})
    assert without_reason.status_code == 200
    assert 'id="error_1_id_note"' in without_reason.content.decode() or "id_note" in without_reason.content.decode()
    assert "Say why you dispute this update." in without_reason.content.decode()
    update.refresh_from_db()
    assert update.status == UpdateStatus.PROPOSED

    client.post(link, {"decision": "dispute", "note": "Nos registres comptent 250 agents, pas 400."})
    update.refresh_from_db()
    assert update.status == UpdateStatus.DISPUTED
    world["commitment"].refresh_from_db()
    assert world["commitment"].progress == 10  # a disputed figure does not become the commitment's
    for language, label in (("fr", "Contesté"), ("en", "Disputed")):
        page = client.get(f"/{language}/partenariats/{world['partnership'].slug}/").content.decode()
        assert label in page
        assert "Nos registres comptent 250 agents, pas 400." in page
        assert "Alex Martin (Éditeur SA)" in page


def test_an_expired_link_says_so_and_changes_nothing(client, world, mailoutbox, django_capture_on_commit_callbacks):
    agent = city_agent(world["paris"])
    with django_capture_on_commit_callbacks(execute=True):
        update = services.update_propose(
            commitment=world["commitment"],
            contact=world["contact"],
            progress=80,
            summary="400 agents formés.",
            evidence_url="https://www.paris.example/bilan",
            by=agent,
        )
    link = link_in(mailoutbox[0])
    import time

    later = time.time() + LINK_MAX_AGE.total_seconds() + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.post(link, {"decision": "confirm"})
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    update.refresh_from_db()
    assert update.status == UpdateStatus.PROPOSED


def test_a_tampered_or_replaced_link_says_so_and_changes_nothing(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    agent = city_agent(world["paris"])
    with django_capture_on_commit_callbacks(execute=True):
        update = services.update_propose(
            commitment=world["commitment"],
            contact=world["contact"],
            progress=80,
            summary="400 agents formés.",
            evidence_url="https://www.paris.example/bilan",
            by=agent,
        )
    link = link_in(mailoutbox[0])
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    response = client.post(tampered, {"decision": "confirm"})
    assert response.status_code == 400 and "This link is not valid" in response.content.decode()
    assert client.get("/fr/engagements/attestation/abime/").status_code == 400

    with django_capture_on_commit_callbacks(execute=True):
        services.update_resend(update=update, by=agent)
    assert len(mailoutbox) == 2 and mailoutbox[1].to == ["alex@editeur.example"]
    old = client.post(link, {"decision": "confirm"})
    assert old.status_code == 400 and "replaced by a newer link" in old.content.decode()
    update.refresh_from_db()
    assert update.status == UpdateStatus.PROPOSED
    client.post(link_in(mailoutbox[1]), {"decision": "confirm"})
    update.refresh_from_db()
    assert update.status == UpdateStatus.CONFIRMED


def test_a_withdrawn_update_leaves_the_timeline_and_its_link_stops_working(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    agent = city_agent(world["paris"])
    with django_capture_on_commit_callbacks(execute=True):
        update = services.update_propose(
            commitment=world["commitment"],
            contact=world["contact"],
            progress=80,
            summary="Une erreur de saisie.",
            evidence_url="https://www.paris.example/bilan",
            by=agent,
        )
    services.update_withdraw(update=update, by=agent)
    assert "Une erreur de saisie." not in client.get(f"/fr/partenariats/{world['partnership'].slug}/").content.decode()
    assert client.get(link_in(mailoutbox[0])).status_code == 400


def test_the_proposal_checks_its_contact_evidence_and_the_staffs_city(world):
    lyon_agent = city_agent(CityFactory(slug="lyon", name="Lyon"))
    paris_agent = city_agent(world["paris"])
    common = {"commitment": world["commitment"], "progress": 50, "summary": "Fait."}
    with pytest.raises(Exception, match="Seuls les agents de la ville"):
        services.update_propose(**common, contact=world["contact"], evidence_url="https://a.example", by=lyon_agent)
    with pytest.raises(Exception, match="preuve"):
        services.update_propose(**common, contact=world["contact"], by=paris_agent)
    other = AttestationContactFactory()
    with pytest.raises(Exception, match="pas celui d'un partenaire"):
        services.update_propose(**common, contact=other, evidence_url="https://a.example", by=paris_agent)
    assert not ProgressUpdate.objects.exists()


def test_an_evidence_document_that_is_not_a_pdf_is_refused_next_to_its_field(client, world):
    staff = Client()
    staff.force_login(city_agent(world["paris"]))
    page = staff.get("/fr/admin/commitments/progressupdate/add/")
    body = form_fields(page.content.decode())
    body.update(
        {
            "commitment": str(world["commitment"].pk),
            "contact": str(world["contact"].pk),
            "progress": "60",
            "summary": "Fait.",
            "evidence_file": SimpleUploadedFile("bilan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
            "_save": "Enregistrer",
        }
    )
    response = staff.post("/fr/admin/commitments/progressupdate/add/", body)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_an_attestation_invalidates_the_cached_partnership_page(
    client, world, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    update = ProgressUpdateFactory(commitment=world["commitment"], contact=world["contact"], summary="Cent agents.")
    url = f"/fr/partenariats/{world['partnership'].slug}/"
    first = client.get(url)
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit" and "En attente" in second.content.decode()
    assert "csrfmiddlewaretoken" not in second.content.decode()  # the question form lives on its own page
    with django_capture_on_commit_callbacks(execute=True):
        services.update_dispute(update=update, reason="Soixante agents seulement.")
    third = client.get(url)
    assert third["X-Page-Cache"] == "miss"
    assert "Soixante agents seulement." in third.content.decode()
    assert first.status_code == 200
