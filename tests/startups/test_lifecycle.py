"""The lifecycle: only the moves of the transition table, by the right person, each recorded and emailed once."""

import itertools
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from startups import notifications, services
from startups.constants import ApplicationStatus as S
from startups.models import StatusChange
from startups.services.applications import APPLICANT, TRANSITIONS
from tests.factories import CityFactory, UserFactory

from .conftest import complete_draft, make_city_staff, move_to

pytestmark = pytest.mark.django_db

ALLOWED = {
    (S.DRAFT, S.SUBMITTED),
    (S.SUBMITTED, S.UNDER_REVIEW),
    (S.UNDER_REVIEW, S.SHORTLISTED),
    (S.SHORTLISTED, S.ACCEPTED),
    (S.SUBMITTED, S.REJECTED),
    (S.UNDER_REVIEW, S.REJECTED),
    (S.SHORTLISTED, S.REJECTED),
    (S.DRAFT, S.WITHDRAWN),
    (S.SUBMITTED, S.WITHDRAWN),
    (S.UNDER_REVIEW, S.WITHDRAWN),
    (S.SHORTLISTED, S.WITHDRAWN),
}
EVERY_PAIR = [(a, b) for a, b in itertools.product(S.values, S.values)]


def test_the_transition_table_is_exactly_the_lifecycle_of_the_issue():
    assert set(TRANSITIONS) == ALLOWED


def _actor_for(source, target, application, staff):
    return application.applicant if TRANSITIONS[(source, target)].by == APPLICANT else staff


@pytest.mark.parametrize(("source", "target"), sorted(ALLOWED))
def test_each_allowed_transition_is_recorded_with_who_when_and_message(
    call, city_staff, source, target, django_capture_on_commit_callbacks, mailoutbox
):
    application = move_to(complete_draft(call), source, city_staff)
    actor = _actor_for(source, target, application, city_staff)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if target == S.SUBMITTED:
            change = services.application_submit(application=application, actor=actor, consent=True)
        else:
            change = services.application_transition(
                application=application, to_status=target, actor=actor, message="Motif détaillé"
            )
    application.refresh_from_db()
    assert application.status == target
    assert (change.from_status, change.to_status, change.actor) == (source, target, actor)
    assert change.created_at is not None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [application.applicant.email]


@pytest.mark.parametrize(("source", "target"), [p for p in EVERY_PAIR if p not in ALLOWED])
def test_every_other_transition_is_refused_and_changes_nothing(call, city_staff, source, target, mailoutbox):
    application = move_to(complete_draft(call), source, city_staff)
    changes = StatusChange.objects.count()
    mailoutbox.clear()
    for actor in (application.applicant, city_staff):
        with pytest.raises(ValidationError) as error:
            services.application_transition(application=application, to_status=target, actor=actor, message="x")
        assert error.value.code == "not_allowed"
    application.refresh_from_db()
    assert application.status == source
    assert StatusChange.objects.count() == changes


def test_an_unknown_status_is_refused(draft):
    with pytest.raises(ValidationError):
        services.application_transition(application=draft, to_status="paid", actor=draft.applicant)


@pytest.mark.parametrize("target", [S.UNDER_REVIEW, S.REJECTED])
def test_the_applicant_cannot_make_staff_moves(call, city_staff, target):
    application = move_to(complete_draft(call), S.SUBMITTED, city_staff)
    with pytest.raises(ValidationError) as error:
        services.application_transition(
            application=application, to_status=target, actor=application.applicant, message="x"
        )
    assert error.value.code == "not_staff"


def test_staff_of_another_city_cannot_move_an_application(call, city_staff, roles):
    application = move_to(complete_draft(call), S.SUBMITTED, city_staff)
    other_city_staff = make_city_staff(CityFactory(), roles)
    with pytest.raises(ValidationError) as error:
        services.application_transition(application=application, to_status=S.UNDER_REVIEW, actor=other_city_staff)
    assert error.value.code == "not_staff"


def test_staff_cannot_withdraw_and_another_person_cannot_submit(call, city_staff):
    application = complete_draft(call)
    with pytest.raises(ValidationError):
        services.application_submit(application=application, actor=UserFactory(), consent=True)
    move_to(application, S.SUBMITTED, city_staff)
    with pytest.raises(ValidationError) as error:
        services.application_transition(application=application, to_status=S.WITHDRAWN, actor=city_staff)
    assert error.value.code == "not_applicant"


@pytest.mark.parametrize("message", ["", "   "])
def test_a_rejection_needs_a_reason(call, city_staff, message):
    application = move_to(complete_draft(call), S.UNDER_REVIEW, city_staff)
    with pytest.raises(ValidationError) as error:
        services.application_transition(
            application=application, to_status=S.REJECTED, actor=city_staff, message=message
        )
    assert "message" in error.value.message_dict
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW


def test_the_database_refuses_a_rejection_without_a_reason(call, city_staff):
    application = move_to(complete_draft(call), S.UNDER_REVIEW, city_staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusChange.objects.create(
            application=application, from_status=S.UNDER_REVIEW, to_status=S.REJECTED, message=""
        )


def test_submission_needs_consent(draft):
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=draft, actor=draft.applicant, consent=False)
    assert "consent" in error.value.message_dict
    draft.refresh_from_db()
    assert draft.status == S.DRAFT and draft.consent_given_at is None


def test_submission_lists_the_incomplete_sections(call):
    application = complete_draft(call, company_name="", sought="")
    application.pitch_deck.delete(save=True)
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, actor=application.applicant, consent=True)
    assert {item.code for item in error.value.error_list} == {"incomplete"}
    text = " ".join(error.value.messages)
    assert "« Entreprise »" in text and "« Projet »" in text and "« Présentation »" in text
    assert "« Contact »" not in text
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_submission_stamps_the_dates(draft):
    services.application_submit(application=draft, actor=draft.applicant, consent=True)
    draft.refresh_from_db()
    assert draft.submitted_at is not None and draft.consent_given_at is not None and draft.decided_at is None


def test_a_decision_stamps_the_decision_date(call, city_staff):
    application = move_to(complete_draft(call), S.ACCEPTED, city_staff)
    assert application.decided_at is not None


def test_a_closed_call_refuses_the_submission_with_a_clear_message(draft):
    draft.call.opens_at = timezone.now() - timedelta(days=10)
    draft.call.closes_at = timezone.now() - timedelta(minutes=1)
    draft.call.save()
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=draft, actor=draft.applicant, consent=True)
    assert error.value.code == "call_closed"
    assert "Cet appel est clos depuis le" in error.value.messages[0]


# ---------------------------------------------------------------- emails


def test_each_transition_emails_the_applicant_once_even_if_notified_again(
    call, city_staff, django_capture_on_commit_callbacks, mailoutbox
):
    application = complete_draft(call)
    with django_capture_on_commit_callbacks(execute=True):
        change = services.application_submit(application=application, actor=application.applicant, consent=True)
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        notifications.status_changed(application, change)  # a retry of the same event
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(application=application, to_status=S.UNDER_REVIEW, actor=city_staff)
    assert len(mailoutbox) == 2


@pytest.mark.parametrize(
    ("language", "subject", "body", "path"),
    [
        ("fr", "Refusée", "Message de la ville", "/fr/candidatures/"),
        ("en", "Rejected", "Message from the city", "/en/candidatures/"),
    ],
)
def test_the_email_is_in_the_applicants_language_with_the_staff_message(
    call, city_staff, language, subject, body, path, django_capture_on_commit_callbacks, mailoutbox
):
    application = complete_draft(call, applicant=UserFactory(preferred_language=language))
    move_to(application, S.UNDER_REVIEW, city_staff)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(
            application=application, to_status=S.REJECTED, actor=city_staff, message="Le projet sort du périmètre."
        )
    (email,) = mailoutbox
    assert subject in email.subject
    assert body in email.body
    assert "Le projet sort du périmètre." in email.body
    assert f"{path}{application.pk}/" in email.body
    html = email.alternatives[0][0]
    assert "Le projet sort du périmètre." in html


def test_plain_text_email_does_not_escape_apostrophes(call, city_staff, django_capture_on_commit_callbacks, mailoutbox):
    application = complete_draft(call, company_name="L'Atelier Vert")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, actor=application.applicant, consent=True)
    assert "L'Atelier Vert" in mailoutbox[0].body
    assert "&#x27;" not in mailoutbox[0].body + mailoutbox[0].subject
