"""Public nominations: proposed by anyone, counted once the nominator confirms the link sent to their address,
shown once staff accept them. The nominator's address is kept in clear only until it is confirmed."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnership.scoping import may_act_for_city

from .. import notifications
from ..constants import NominationStatus
from ..models import Category, Nomination
from .links import email_digest, invalid_link, normalize_email, sign, unsign

_SALT = "awards.nomination"


def nomination_token(nomination: Nomination) -> str:
    return sign(_SALT, {"n": nomination.pk, "d": nomination.nominator_digest[:16]})


def nomination_from_token(token: str) -> Nomination:
    payload = unsign(_SALT, token)
    try:
        nomination = Nomination.objects.select_related("category__edition").get(pk=payload.get("n"))
    except (ValueError, TypeError, ObjectDoesNotExist) as exc:
        raise invalid_link() from exc
    if payload.get("d") != nomination.nominator_digest[:16]:
        raise invalid_link()
    return nomination


@transaction.atomic
def nomination_propose(*, category: Category, email: str, language: str, **fields) -> Nomination:
    """Record a nomination (pending) and send the nominator the link that confirms it. The same project
    proposed again by the same address in the same category is the same nomination: the link is sent again."""
    category = Category.objects.select_related("edition").get(pk=category.pk)
    if not category.edition.nominations_open():
        raise ValidationError(_("Les propositions de cette édition sont closes."), code="nominations_closed")
    email = normalize_email(email)
    digest = email_digest("nominator", email)
    name = (fields.get("name") or "").strip()
    existing = (
        Nomination.objects.select_for_update()
        .filter(category=category, nominator_digest=digest, name__iexact=name)
        .first()
    )
    if existing is not None:
        if existing.status == NominationStatus.PENDING:
            existing.nominator_email = email
            existing.save(update_fields=["nominator_email", "updated_at"])
            notifications.nomination_confirm(existing, token=nomination_token(existing))
        return existing
    nomination = Nomination(
        category=category,
        nominator_email=email,
        nominator_digest=digest,
        language=language,
        **{**fields, "name": name},
    )
    nomination.full_clean()
    nomination.save()
    notifications.nomination_confirm(nomination, token=nomination_token(nomination))
    return nomination


@transaction.atomic
def nomination_confirm(*, nomination: Nomination) -> Nomination:
    """The nominator clicked the link: the nomination counts, and their address is no longer kept in clear.
    Confirming twice changes nothing."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.status != NominationStatus.PENDING:
        return nomination
    nomination.status = NominationStatus.CONFIRMED
    nomination.confirmed_at = timezone.now()
    nomination.nominator_email = ""
    nomination.full_clean()
    nomination.save()
    return nomination


def _moderated(nomination: Nomination, by) -> Nomination:
    nomination = Nomination.objects.select_for_update(of=("self",)).with_city().get(pk=nomination.pk)
    if not may_act_for_city(by, nomination):
        raise ValidationError(_("Seuls les agents de la ville de cette édition modèrent ses propositions."))
    if nomination.status == NominationStatus.PENDING:
        raise ValidationError(
            _("Cette proposition n'est pas confirmée par la personne qui l'a faite : elle ne compte pas encore."),
            code="not_confirmed",
        )
    if nomination.category.edition.results_published_at:
        raise ValidationError(_("Les résultats de cette édition sont publiés."), code="results_published")
    return nomination


@transaction.atomic
def nomination_accept(*, nomination: Nomination, by) -> Nomination:
    """Staff keep the nomination: it is shown, the jury scores it, the public may vote for it. Jurors who
    belong to its organisation are flagged at once."""
    nomination = _moderated(nomination, by)
    nomination.status = NominationStatus.ACCEPTED
    nomination.moderated_at = timezone.now()
    nomination.moderation_note = ""
    nomination.full_clean()
    nomination.save()
    from .jury import conflicts_refresh

    conflicts_refresh(edition=nomination.category.edition)
    return nomination


@transaction.atomic
def nomination_reject(*, nomination: Nomination, by, reason: str) -> Nomination:
    nomination = _moderated(nomination, by)
    if nomination.scores.exists() or nomination.votes.exists():
        raise ValidationError(
            _("Le jury ou le public s'est déjà prononcé sur cette proposition : elle ne peut plus être écartée."),
            code="already_scored",
        )
    nomination.status = NominationStatus.REJECTED
    nomination.moderated_at = timezone.now()
    nomination.moderation_note = (reason or "").strip()
    nomination.full_clean()
    nomination.save()
    return nomination
