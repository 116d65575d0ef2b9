"""Personal data in the commitments' follow-up: a question's address (kept only until the answer is sent or the
question is rejected, at most QUESTION_EMAIL_RETENTION_DAYS), and a partner's attestation contact (a
professional address, deleted with the contact by the city's staff; their name stays on what they attested)."""

from __future__ import annotations

from datetime import datetime, timedelta

from .constants import QUESTION_EMAIL_RETENTION_DAYS
from .models import AttestationContact, Question


def export(user) -> dict:
    questions = Question.objects.filter(email__iexact=user.email)
    return {
        "commitment_questions": [
            {"commitment": q.commitment_id, "text": q.text, "status": q.status, "created_at": q.created_at.isoformat()}
            for q in questions
        ],
        "attestation_contacts": [
            {"partnership": c.partnership_id, "name": c.name, "organisation": c.organisation_id}
            for c in AttestationContact.objects.filter(email__iexact=user.email)
        ],
    }


def erase(user) -> None:
    """A person's questions keep their text (it may be public with its answer) but lose the address."""
    Question.objects.filter(email__iexact=user.email).update(email="")


def apply_retention(now: datetime) -> int:
    from .services import question_erase_old_addresses

    return question_erase_old_addresses(before=now - timedelta(days=QUESTION_EMAIL_RETENTION_DAYS))
