"""Personal data: the export shows the timeline, erasure deletes drafts and anonymises submitted applications,
stale drafts are purged, and an erased reviewer's scores stay without their name."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from accounts import privacy as accounts_privacy
from startups import privacy, services
from startups.constants import ApplicationStatus
from startups.models import Application, ReviewAssignment, Score
from startups.selectors import applications_for_staff

from .conftest import complete_draft, move_to
from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def stored_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_the_export_has_the_timeline_messages_and_file_name(call, city_staff):
    application = move_to(complete_draft(call), ApplicationStatus.REJECTED, city_staff)
    data = accounts_privacy.personal_data_export(user=application.applicant)
    (row,) = data["startups_applications"]
    assert row["pitch_deck_file_name"] == "deck.pdf"
    assert [step["to"] for step in row["timeline"]] == ["submitted", "rejected"]
    assert row["timeline"][-1]["message"] == "Hors du périmètre de l'appel."


def test_erasing_an_applicant_deletes_drafts_and_keeps_submitted_files_anonymised(
    call, city_staff, django_capture_on_commit_callbacks, mailoutbox
):
    from tests.accounts.test_privacy import rows_mentioning

    submitted = move_to(complete_draft(call), ApplicationStatus.SUBMITTED, city_staff)
    person = submitted.applicant
    person.last_name = "Quincampoix"
    person.save()
    Application.objects.filter(pk=submitted.pk).update(contact_name="Léa Quincampoix", contact_phone="06 12 34 56 78")
    submitted.refresh_from_db()
    submitted.save()  # a version of the row with the contact details, as the history would hold
    draft = complete_draft(call, applicant=person)
    email = person.email
    with django_capture_on_commit_callbacks(execute=True):
        accounts_privacy.user_erase(user=person)

    kept = Application.objects.get(pk=submitted.pk)
    assert (kept.applicant, kept.contact_name, kept.contact_email, kept.contact_phone) == (None, "", "", "")
    assert kept.anonymised_at is not None
    assert kept.status == ApplicationStatus.SUBMITTED and kept.siret and kept.company_name
    assert not Application.objects.filter(pk=draft.pk).exists()
    for value in (email, "Quincampoix", "06 12 34 56 78"):
        assert rows_mentioning(value) == [], value

    # Staff can still decide; there is nobody to email.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(application=kept, to_status=ApplicationStatus.UNDER_REVIEW, actor=city_staff)
    assert Application.objects.get(pk=kept.pk).status == ApplicationStatus.UNDER_REVIEW
    assert mailoutbox == []


def test_erasing_an_applicant_deletes_their_drafts_with_the_pitch_deck(call, django_capture_on_commit_callbacks):
    draft = complete_draft(call)
    assert stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        accounts_privacy.user_erase(user=draft.applicant)
    assert not Application.objects.filter(pk=draft.pk).exists()
    assert not Application.history.filter(id=draft.pk).exists()
    assert stored_files() == []


def test_erasing_a_reviewer_keeps_their_scores_without_their_name(call, city_staff, reviewer):
    application = move_to(complete_draft(call), ApplicationStatus.UNDER_REVIEW, city_staff)
    assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    services.review_declare_interests(assignment=assignment, reviewer=reviewer, has_conflict=False)
    services.review_score(
        assignment=assignment, reviewer=reviewer, scores={c.pk: (5, "Très bien") for c in call.criteria.all()}
    )
    accounts_privacy.user_erase(user=reviewer)
    assignment.refresh_from_db()
    assert assignment.reviewer is None
    assert Score.objects.filter(assignment=assignment).count() == 2
    assert applications_for_staff().get(pk=application.pk).weighted_average == pytest.approx(5)
    assert ReviewAssignment.objects.count() == 1


def test_stale_drafts_are_purged_and_recent_or_submitted_ones_kept(
    call, city_staff, django_capture_on_commit_callbacks
):
    stale = complete_draft(call)
    recent = ApplicationFactory(call=call)
    submitted = move_to(complete_draft(call), ApplicationStatus.SUBMITTED, city_staff)
    old = timezone.now() - timedelta(days=settings.DRAFT_RETENTION_DAYS + 1)
    Application.objects.filter(pk__in=[stale.pk, submitted.pk]).update(updated_at=old)
    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.apply_retention(timezone.now()) == 1
    assert set(Application.objects.values_list("pk", flat=True)) == {recent.pk, submitted.pk}
    assert len(stored_files()) == 1  # the submitted application's deck
    assert privacy.apply_retention(timezone.now()) == 0
