"""The application, section by section: drafts, progress, SIRET, duplicates, uploads, consent, closed calls."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from startups import services
from startups.constants import ApplicationStatus
from startups.models import Application
from tests.factories import UserFactory

from .conftest import complete_draft
from .factories import MINIMAL_PDF, ApplicationFactory, CallFactory, with_luhn_key

pytestmark = pytest.mark.django_db

COMPANY = {
    "company_name": "Compost Connecté",
    "siret": "732 829 320 00074",
    "legal_form": "sas",
    "founded_on": "2023-05-02",
    "team_size": "3",
    "stage": "prototype",
    "sector": "environment",
    "website": "compost.example.fr",
}


def start_url(call):
    return reverse("startups:application_start", kwargs={"slug": call.slug})


def step_url(application, step):
    return reverse("startups:application_step", kwargs={"pk": application.pk, "step": step})


def stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_starting_an_application_needs_an_account(client, call):
    response = client.get(start_url(call))
    assert response.status_code == 302
    assert "/compte/login/" in response.headers["Location"]


def test_first_section_creates_the_draft_and_continues(client, call):
    user = UserFactory()
    client.force_login(user)
    page = client.get(start_url(call)).content.decode()
    assert "Sections complètes : 0 sur 5" in page
    assert 'aria-current="step"' in page
    response = client.post(start_url(call), {**COMPANY, "action": "next"})
    application = Application.objects.get(applicant=user)
    assert response.headers["Location"] == step_url(application, "projet")
    assert application.siret == "73282932000074"  # spaces removed
    assert application.website == "https://compost.example.fr"
    assert application.status == ApplicationStatus.DRAFT


def test_continue_requires_the_sections_fields_but_a_draft_does_not(client, call):
    user = UserFactory()
    client.force_login(user)
    response = client.post(start_url(call), {"company_name": "Brouillonne", "action": "next"})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()
    assert not Application.objects.exists()
    response = client.post(start_url(call), {"company_name": "Brouillonne", "action": "draft"})
    application = Application.objects.get(applicant=user)
    assert response.headers["Location"] == step_url(application, "entreprise")
    assert application.company_name == "Brouillonne"


def test_a_draft_is_resumed_in_a_later_session_at_the_first_incomplete_section(client, call):
    user = UserFactory()
    client.force_login(user)
    client.post(start_url(call), {**COMPANY, "action": "next"})
    client.logout()
    client.force_login(user)
    application = Application.objects.get(applicant=user)
    response = client.get(start_url(call))
    assert response.headers["Location"] == step_url(application, "projet")
    page = client.get(reverse("startups:my_applications")).content.decode()
    assert "Reprendre le brouillon" in page
    assert "Compost Connecté" in page


def test_progress_indicator_counts_the_complete_sections(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    page = client.get(step_url(application, "documents")).content.decode()
    assert "Sections complètes : 3 sur 5" in page
    assert '<progress class="w-100" max="5" value="3"' in page
    assert "(complète)" in page and "(à compléter)" in page


def test_the_green_call_asks_for_the_environmental_impact(client):
    green = CallFactory(green=True)
    application = ApplicationFactory(call=green, environmental_impact="", impact_measurement="")
    client.force_login(application.applicant)
    page = client.get(step_url(application, "projet")).content.decode()
    assert "Impact environnemental" in page and "Comment vous mesurez cet impact" in page
    response = client.post(
        step_url(application, "projet"),
        {"product_description": "Un outil.", "sought": "Du conseil.", "action": "next"},
    )
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()


def test_a_support_call_does_not_ask_for_the_environmental_impact(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    page = client.get(step_url(application, "projet")).content.decode()
    assert "Impact environnemental" not in page


def test_someone_else_cannot_open_a_draft_section(client, draft):
    client.force_login(UserFactory())
    assert client.get(step_url(draft, "entreprise")).status_code == 404


# ---------------------------------------------------------------- SIRET


@pytest.mark.parametrize("siret", ["73282932000074", "732 829 320 00074", "35600000049837", "35600000000048"])
def test_valid_sirets_are_accepted(client, call, siret):
    client.force_login(UserFactory())
    response = client.post(start_url(call), {**COMPANY, "siret": siret, "action": "next"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("73282932000075", "sa clé de contrôle est fausse"),
        ("35600000049838", "sa clé de contrôle est fausse"),
        ("7328293200007", "Le SIRET comporte 14 chiffres"),
        ("7328293200007A", "Le SIRET comporte 14 chiffres"),
    ],
)
def test_invalid_sirets_are_refused_beside_the_field(client, call, siret, message):
    client.force_login(UserFactory())
    response = client.post(start_url(call), {**COMPANY, "siret": siret, "action": "next"})
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'id="error_1_id_siret"' in page or "invalid-feedback" in page
    assert not Application.objects.exists()


# ---------------------------------------------------------------- one application per SIRET per call


def test_a_second_application_with_the_same_siret_is_refused_in_the_form(client, call):
    ApplicationFactory(call=call, siret="73282932000074")
    client.force_login(UserFactory())
    response = client.post(start_url(call), {**COMPANY, "action": "next"})
    assert response.status_code == 200
    assert "Une candidature existe déjà pour ce SIRET à cet appel" in response.content.decode()
    assert Application.objects.count() == 1


def test_the_service_refuses_a_duplicate_siret_beside_the_field(call):
    ApplicationFactory(call=call, siret="73282932000074")
    with pytest.raises(ValidationError) as error:
        services.application_create(call=call, applicant=UserFactory(), data={"siret": "73282932000074"})
    assert "siret" in error.value.message_dict


def test_the_database_refuses_a_duplicate_siret_for_the_same_call(call):
    ApplicationFactory(call=call, siret="73282932000074")
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(call=call, applicant=UserFactory(), siret="73282932000074")


def test_the_same_company_may_apply_to_another_call_and_again_after_withdrawing(call):
    first = ApplicationFactory(call=call, siret="73282932000074")
    ApplicationFactory(call=CallFactory(), siret="73282932000074")
    services.application_transition(application=first, to_status=ApplicationStatus.WITHDRAWN, actor=first.applicant)
    ApplicationFactory(call=call, siret="73282932000074")
    assert Application.objects.filter(siret="73282932000074").count() == 3


def test_drafts_without_siret_do_not_collide(call):
    ApplicationFactory(call=call, siret="")
    ApplicationFactory(call=call, siret="")
    assert Application.objects.filter(call=call, siret="").count() == 2


# ---------------------------------------------------------------- the pitch deck


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_pdf_is_stored_privately_under_a_random_name(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    response = client.post(
        step_url(application, "documents"), {"pitch_deck": upload("Mon deck.pdf", MINIMAL_PDF), "action": "next"}
    )
    assert response.headers["Location"] == step_url(application, "depot")
    application.refresh_from_db()
    assert application.pitch_deck_name == "Mon deck.pdf"
    assert "Mon deck" not in application.pitch_deck.name
    (stored,) = stored_files()
    assert stored.read_bytes() == MINIMAL_PDF
    assert str(stored).startswith(str(settings.PRIVATE_MEDIA_ROOT))


def test_replacing_the_pdf_removes_the_previous_file(client, call, django_capture_on_commit_callbacks):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(step_url(application, "documents"), {"pitch_deck": upload("v1.pdf", MINIMAL_PDF), "action": "next"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(step_url(application, "documents"), {"pitch_deck": upload("v2.pdf", MINIMAL_PDF), "action": "next"})
    assert len(stored_files()) == 1


WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 2000 + b"This program cannot be run in DOS mode."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("presentation.pdf", WINDOWS_EXE, "Ce fichier n'est pas un PDF"),
        ("presentation.pdf", b"\x7fELF" + b"\x00" * 100, "Ce fichier n'est pas un PDF"),
        ("presentation.pdf", b"%PDF-1.7\n" + b"0" * 5000, "Ce PDF est endommagé ou incomplet"),  # truncated
        ("presentation.pdf", b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024) + b"\n%%EOF\n", "la limite est de 10"),
        ("presentation.pdf", b"", "Le fichier est vide"),
    ],
    ids=["renamed-windows-executable", "renamed-elf", "truncated-pdf", "20-mb-pdf", "empty"],
)
def test_refused_uploads_say_why_and_store_nothing(client, call, name, content, message):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    response = client.post(step_url(application, "documents"), {"pitch_deck": upload(name, content), "action": "next"})
    page = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    assert message in page
    assert stored_files() == []
    application.refresh_from_db()
    assert not application.pitch_deck


def test_a_pdf_under_another_name_is_accepted_by_its_content(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    response = client.post(
        step_url(application, "documents"), {"pitch_deck": upload("deck.bin", MINIMAL_PDF, "application/octet-stream")}
    )
    assert response.status_code == 302
    assert len(stored_files()) == 1


def test_the_service_refuses_a_bad_file_too(call):
    application = ApplicationFactory(call=call)
    with pytest.raises(ValidationError) as error:
        services.application_attach_pitch_deck(
            application=application, actor=application.applicant, upload=upload("x.pdf", WINDOWS_EXE)
        )
    assert "pitch_deck" in error.value.message_dict
    assert stored_files() == []


# ---------------------------------------------------------------- submission


def test_the_last_section_shows_the_summary_and_links_to_the_privacy_notice(client, draft):
    client.force_login(draft.applicant)
    page = client.get(step_url(draft, "depot")).content.decode()
    assert draft.company_name in page
    assert 'href="/fr/confidentialite/"' in page
    assert "Déposer ma candidature" in page


def test_submitting_without_consent_is_refused_beside_the_box(client, draft):
    client.force_login(draft.applicant)
    response = client.post(step_url(draft, "depot"), {"action": "submit"})
    assert "Cochez la case pour accepter le traitement de vos données" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_submitting_an_incomplete_application_lists_what_is_missing(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    response = client.post(step_url(application, "depot"), {"consent": "on", "action": "submit"})
    page = response.content.decode()
    assert "La section « Présentation » est incomplète." in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_submitting_moves_to_submitted_and_locks_the_sections(
    client, draft, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(draft.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step_url(draft, "depot"), {"consent": "on", "action": "submit"})
    assert response.headers["Location"] == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert len(mailoutbox) == 1
    response = client.get(step_url(draft, "entreprise"))
    assert response.headers["Location"] == draft.get_absolute_url()


# ---------------------------------------------------------------- closed and not-yet-open calls


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (-10, -1, "Cet appel est clos depuis le"),
        (2, 10, "Cet appel n'est pas encore ouvert"),
    ],
)
def test_a_call_outside_its_dates_refuses_applications_with_a_clear_message(client, opens, closes, message):
    now = timezone.now()
    call = CallFactory(opens_at=now + timedelta(days=opens), closes_at=now + timedelta(days=closes))
    client.force_login(UserFactory())
    response = client.get(start_url(call), follow=True)
    page = response.content.decode().replace("&#x27;", "'")
    assert message in page
    assert not Application.objects.exists()
    with pytest.raises(ValidationError):
        services.application_create(call=call, applicant=UserFactory(), data={"company_name": "X"})


def test_a_draft_cannot_be_edited_once_the_call_is_closed(client, draft):
    draft.call.opens_at = timezone.now() - timedelta(days=10)
    draft.call.closes_at = timezone.now() - timedelta(minutes=1)
    draft.call.save()
    client.force_login(draft.applicant)
    response = client.post(step_url(draft, "entreprise"), {**COMPANY, "action": "next"}, follow=True)
    assert "Cet appel est clos depuis le" in response.content.decode()


def test_an_unpublished_call_is_not_found(client):
    call = CallFactory(published_at=None)
    assert client.get(reverse("startups:call_detail", kwargs={"slug": call.slug})).status_code == 404
    client.force_login(UserFactory())
    assert client.get(start_url(call)).status_code == 404


def test_withdrawing_from_the_applicants_page(client, call, city_staff, mailoutbox):
    application = complete_draft(call)
    services.application_submit(application=application, actor=application.applicant, consent=True)
    client.force_login(application.applicant)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Retirer ma candidature" in page
    url = reverse("startups:application_withdraw", kwargs={"pk": application.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"message": "Nous avons trouvé un autre financement."})
    assert response.headers["Location"] == application.get_absolute_url()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Retirée" in page and "Nous avons trouvé un autre financement." in page
    assert "Retirer ma candidature" not in page


def test_luhn_helper_builds_valid_sirets():
    from startups.validators import siret_is_valid

    assert siret_is_valid(with_luhn_key("8000000010001"))
