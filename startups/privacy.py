"""Personal data hooks called by accounts.privacy: export, erasure and retention of applications.

- export: each application's timeline, staff messages and recommendation (rows that point to the
  application, not to the person, so the generic export would miss them), and the pitch deck's name.
- erase: a person's drafts go, with their pitch decks and history rows. Applications they submitted are
  part of the city's records (decisions, support granted): they are kept, anonymised — no account, no
  contact person, email or phone, no recommendation contact — and their past versions, which held those
  details, are deleted. Reviews by a person are kept for the city, without the reviewer
  (ReviewAssignment.reviewer is set to null when the account is deleted).
- apply_retention: drafts untouched for settings.DRAFT_RETENTION_DAYS days are deleted the same way.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from notifications.privacy import redact_outbox

from .constants import ApplicationStatus, RecommendationStatus
from .models import Application, Recommendation, ReviewAssignment, Score
from .storage import private_storage

DEFAULT_DRAFT_RETENTION_DAYS = 180


def export(user) -> dict:
    applications = (
        Application.objects.filter(applicant=user)
        .select_related("call", "recommendation__organisation")
        .prefetch_related("status_changes")
        .order_by("pk")
    )
    rows = []
    for application in applications:
        recommendation = getattr(application, "recommendation", None)
        rows.append(
            {
                "id": application.pk,
                "call": application.call.title,
                "status": application.status,
                "pitch_deck_file_name": application.pitch_deck_name,
                "timeline": [
                    {
                        "at": change.created_at.isoformat(),
                        "from": change.from_status,
                        "to": change.to_status,
                        "message": change.message,
                    }
                    for change in application.status_changes.all()
                ],
                "recommendation": None
                if recommendation is None
                else {
                    "organisation": recommendation.organisation.name,
                    "contact_email": recommendation.contact_email,
                    "status": recommendation.status,
                    "comment": recommendation.comment,
                },
            }
        )
    return {"startups_applications": rows}


def _delete_files(names: list[str]) -> None:
    storage = private_storage()
    for name in names:
        storage.delete(name)


@transaction.atomic
def purge_applications(applications: QuerySet[Application]) -> int:
    """Delete applications, their pitch decks (after commit) and every history row that kept their data."""
    ids = list(applications.values_list("pk", flat=True))
    if not ids:
        return 0
    files = [name for name in applications.exclude(pitch_deck="").values_list("pitch_deck", flat=True) if name]
    assignment_ids = list(ReviewAssignment.objects.filter(application_id__in=ids).values_list("pk", flat=True))
    Application.objects.filter(pk__in=ids).delete()
    Application.history.filter(id__in=ids).delete()
    Recommendation.history.filter(application_id__in=ids).delete()
    ReviewAssignment.history.filter(application_id__in=ids).delete()
    Score.history.filter(assignment_id__in=assignment_ids).delete()
    transaction.on_commit(partial(_delete_files, files))
    return len(ids)


@transaction.atomic
def anonymise_applications(applications: QuerySet[Application]) -> int:
    """Keep the applications without what identifies the person who sent them."""
    now = timezone.now()
    ids = list(applications.values_list("pk", flat=True))
    for application in Application.objects.filter(pk__in=ids):
        application.applicant = None
        application.contact_name = application.contact_email = application.contact_phone = ""
        application.anonymised_at = now
        application.save()
    # The actor's contact goes too, unless the actor has yet to answer the link they were sent.
    Recommendation.objects.filter(application_id__in=ids).exclude(status=RecommendationStatus.PENDING).update(
        contact_email=""
    )
    # Past versions held the contact details; the version just written (anonymised) stays.
    Application.history.filter(id__in=ids, history_date__lt=now).delete()
    Recommendation.history.filter(application_id__in=ids).delete()
    return len(ids)


def erase(user) -> None:
    mine = Application.objects.filter(applicant=user)
    # Messages to other people (the recommending actor) named the contact typed in the application.
    contacts = mine.values_list("contact_name", "contact_email", "contact_phone")
    redact_outbox([value for row in contacts for value in row])
    purge_applications(mine.filter(submitted_at__isnull=True))
    anonymise_applications(mine.filter(submitted_at__isnull=False))


def apply_retention(now: datetime) -> int:
    days = getattr(settings, "DRAFT_RETENTION_DAYS", DEFAULT_DRAFT_RETENTION_DAYS)
    stale = Application.objects.filter(status=ApplicationStatus.DRAFT, updated_at__lt=now - timedelta(days=days))
    return purge_applications(stale)
