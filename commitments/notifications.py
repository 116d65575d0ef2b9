"""The commitments' messages: the link a partner's contact follows to confirm or dispute a progress update
(to the contact's address, in the contact's language), and the answer to a citizen's question (to the address
they typed, in the language they asked in). Templates: commitments/templates/notifications/email/commitments/."""

from __future__ import annotations

from django.urls import reverse

from notifications import kinds
from notifications.services import notify

from .constants import LINK_MAX_AGE
from .models import ProgressUpdate, Question

ATTESTATION_REQUEST = kinds.register("commitments.attestation_request")
QUESTION_ANSWERED = kinds.register("commitments.question_answered")


def attestation_request(update: ProgressUpdate, *, token: str) -> None:
    commitment = update.commitment
    partnership = commitment.partnership
    contact = update.contact
    notify(
        kind=ATTESTATION_REQUEST,
        key=f"{ATTESTATION_REQUEST}:{update.pk}:{update.requested_at.timestamp():.6f}",
        email=contact.email,
        language=contact.language,
        city=partnership.city,
        context=lambda language: {
            "contact_name": contact.name,
            "partnership_title": str(partnership.title),
            "commitment_title": str(commitment.title),
            "progress": update.progress,
            "summary": update.summary,
            "attest_path": reverse("commitments:attest", kwargs={"token": token}),
            "valid_days": LINK_MAX_AGE.days,
        },
    )


def question_answered(question: Question, *, email: str) -> None:
    commitment = question.commitment
    partnership = commitment.partnership
    notify(
        kind=QUESTION_ANSWERED,
        key=f"{QUESTION_ANSWERED}:{question.pk}",
        email=email,
        language=question.language,
        city=partnership.city,
        context=lambda language: {
            "partnership_title": str(partnership.title),
            "commitment_title": str(commitment.title),
            "question": question.text,
            "answer": question.answer,
            "page_path": reverse("commitments:question", kwargs={"pk": commitment.pk}),
        },
    )
