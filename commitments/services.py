"""Every write with a rule for the commitments' follow-up. Views, admin actions and tests call these; the
messages are built in commitments/notifications.py.

The attestation link carries the update's id and the moment the link was sent: sending it again makes every
earlier link invalid (the pattern of the start-ups' recommendations)."""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.uploads import safe_file_name
from partnership.models import Commitment
from partnership.scoping import may_act_for_city

from . import notifications
from .constants import LINK_MAX_AGE, QuestionStatus, UpdateStatus
from .models import AttestationContact, ProgressUpdate, Question

_SALT = "commitments.attestation"
LINK_INVALID = "link_invalid"
LINK_EXPIRED = "link_expired"
ALREADY_ANSWERED = "already_answered"


def _staff_of(by, obj, message: str) -> None:
    if not may_act_for_city(by, obj):
        raise ValidationError(message, code="not_city_staff")


# --- the signed link ---------------------------------------------------------------------------------------


def _version(update: ProgressUpdate) -> str:
    return update.requested_at.isoformat() if update.requested_at else ""


def update_token(update: ProgressUpdate) -> str:
    return signing.TimestampSigner(salt=_SALT).sign_object({"u": update.pk, "v": _version(update)})


def _link_invalid() -> ValidationError:
    return ValidationError(
        _("Ce lien n'est pas valide : il a été modifié, ou remplacé par un lien plus récent."), code=LINK_INVALID
    )


def update_from_token(token: str) -> ProgressUpdate:
    try:
        payload = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _("Ce lien a expiré : demandez à la ville de vous en envoyer un nouveau."), code=LINK_EXPIRED
        ) from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise _link_invalid() from exc
    if not isinstance(payload, dict):
        raise _link_invalid()
    try:
        update = ProgressUpdate.objects.with_city().select_related("contact__organisation").get(pk=payload.get("u"))
    except (ValueError, TypeError, ObjectDoesNotExist) as exc:
        raise _link_invalid() from exc
    if payload.get("v") != _version(update) or update.status == UpdateStatus.WITHDRAWN:
        raise _link_invalid()
    return update


# --- progress updates --------------------------------------------------------------------------------------


@transaction.atomic
def update_propose(
    *,
    commitment: Commitment,
    contact: AttestationContact | None,
    progress: int,
    summary: str,
    by,
    evidence_url: str = "",
    evidence_file=None,
    instance: ProgressUpdate | None = None,
) -> ProgressUpdate:
    """Staff propose a progress update; the partner's contact is sent the link to confirm or dispute it."""
    commitment = Commitment.objects.with_city().get(pk=commitment.pk)
    _staff_of(by, commitment, _("Seuls les agents de la ville de ce partenariat proposent ses mises à jour."))
    if contact is None:
        raise ValidationError({"contact": _("Choisissez la personne du partenaire qui atteste.")}, code="no_contact")
    if contact.partnership_id != commitment.partnership_id:
        raise ValidationError(
            {"contact": _("Ce contact n'est pas celui d'un partenaire de ce partenariat.")}, code="other_partnership"
        )
    if not (evidence_url or evidence_file):
        raise ValidationError(
            {"evidence_url": _("Joignez une preuve : un lien ou un document PDF.")}, code="no_evidence"
        )
    update = instance or ProgressUpdate()
    update.commitment = commitment
    update.contact = contact
    update.progress = progress
    update.summary = (summary or "").strip()
    update.evidence_url = evidence_url or ""
    if evidence_file:
        update.evidence_file = evidence_file
        update.evidence_name = safe_file_name(getattr(evidence_file, "name", "") or "")
    update.proposed_by = by
    update.status = UpdateStatus.PROPOSED
    update.requested_at = timezone.now()
    update.full_clean()
    update.save()
    notifications.attestation_request(update, token=update_token(update))
    return update


@transaction.atomic
def update_resend(*, update: ProgressUpdate, by) -> ProgressUpdate:
    """A fresh link (the earlier ones stop working), to the update's contact."""
    update = ProgressUpdate.objects.select_for_update(of=("self",)).with_city().get(pk=update.pk)
    _staff_of(by, update, _("Seuls les agents de la ville de ce partenariat relancent ses attestations."))
    if update.status != UpdateStatus.PROPOSED:
        raise ValidationError(_("Le partenaire a déjà répondu."), code=ALREADY_ANSWERED)
    if update.contact is None:
        raise ValidationError(_("Cette mise à jour n'a plus de contact : proposez-la de nouveau."), code="no_contact")
    update.requested_at = timezone.now()
    update.full_clean()
    update.save()
    notifications.attestation_request(update, token=update_token(update))
    return update


@transaction.atomic
def update_withdraw(*, update: ProgressUpdate, by) -> ProgressUpdate:
    update = ProgressUpdate.objects.select_for_update(of=("self",)).with_city().get(pk=update.pk)
    _staff_of(by, update, _("Seuls les agents de la ville de ce partenariat retirent ses mises à jour."))
    if update.status != UpdateStatus.PROPOSED:
        raise ValidationError(_("Le partenaire a déjà répondu : sa réponse reste publiée."), code=ALREADY_ANSWERED)
    update.status = UpdateStatus.WITHDRAWN
    update.full_clean()
    update.save()
    return update


def _respond(update: ProgressUpdate, status: str, note: str) -> ProgressUpdate:
    update = ProgressUpdate.objects.select_for_update(of=("self",)).get(pk=update.pk)
    if update.status != UpdateStatus.PROPOSED:
        raise ValidationError(_("Cette mise à jour a déjà reçu une réponse."), code=ALREADY_ANSWERED)
    contact = update.contact
    update.status = status
    update.responded_at = timezone.now()
    update.response_note = (note or "").strip()
    update.attested_by_name = contact.name if contact else ""
    update.attested_by_organisation = contact.organisation.name if contact else ""
    update.full_clean()
    update.save()
    return update


@transaction.atomic
def update_attest(*, update: ProgressUpdate, note: str = "") -> ProgressUpdate:
    """The partner's contact confirms (through the signed link: the caller has checked it). The commitment's
    progress becomes the attested one."""
    update = _respond(update, UpdateStatus.CONFIRMED, note)
    commitment = Commitment.objects.select_for_update().get(pk=update.commitment_id)
    if commitment.progress != update.progress:
        commitment.progress = update.progress
        commitment.full_clean()
        commitment.save()
    return update


@transaction.atomic
def update_dispute(*, update: ProgressUpdate, reason: str) -> ProgressUpdate:
    """The partner's contact disputes the update, in their own words (published with it)."""
    if not (reason or "").strip():
        raise ValidationError({"note": _("Dites pourquoi vous contestez cette mise à jour.")}, code="no_reason")
    return _respond(update, UpdateStatus.DISPUTED, reason)


# --- citizens' questions -----------------------------------------------------------------------------------


@transaction.atomic
def question_submit(*, commitment: Commitment, text: str, email: str, language: str) -> Question:
    question = Question(
        commitment=commitment,
        text=(text or "").strip(),
        email=(email or "").strip().lower(),
        language=language if language in ("fr", "en") else "fr",
    )
    question.full_clean()
    question.save()
    return question


def _moderated(question: Question, by) -> Question:
    question = Question.objects.select_for_update(of=("self",)).with_city().get(pk=question.pk)
    _staff_of(by, question, _("Seuls les agents de la ville de ce partenariat modèrent ses questions."))
    if question.status != QuestionStatus.PENDING:
        raise ValidationError(_("Cette question a déjà été traitée."), code="already_moderated")
    return question


@transaction.atomic
def question_answer(*, question: Question, by, answer: str) -> Question:
    """Publish the answer next to the commitment, and send it to the asker, whose address is then erased."""
    question = _moderated(question, by)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Rédigez la réponse avant de la publier.")}, code="no_answer")
    email = question.email
    now = timezone.now()
    question.answer = answer
    question.status = QuestionStatus.ANSWERED
    question.answered_at = now
    question.moderated_at = now
    question.answered_by = by
    question.email = ""
    question.full_clean()
    question.save()
    if email:
        notifications.question_answered(question, email=email)
    return question


@transaction.atomic
def question_reject(*, question: Question, by, reason: str = "") -> Question:
    question = _moderated(question, by)
    question.status = QuestionStatus.REJECTED
    question.moderated_at = timezone.now()
    question.moderation_note = (reason or "").strip()[:300]
    question.email = ""
    question.full_clean()
    question.save()
    return question


def question_erase_old_addresses(*, before) -> int:
    """Retention: the address of a question left unmoderated since `before` is erased (the question stays)."""
    return Question.objects.filter(created_at__lt=before).exclude(email="").update(email="")
