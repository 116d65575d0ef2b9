"""The public vote: one vote per confirmed address and category. Nothing is stored until the voter clicks the
link sent to the address; then only a keyed hash of the address is kept, and a second vote with the same
address in the same category is not counted."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import notifications
from ..constants import NominationStatus
from ..models import Category, Nomination, Vote
from .links import email_digest, invalid_link, normalize_email, sign, unsign

_SALT = "awards.vote"


def _voter_digest(category: Category, email: str) -> str:
    return email_digest(f"voter:{category.edition_id}", email)


def vote_token(*, nomination: Nomination, digest: str) -> str:
    return sign(_SALT, {"n": nomination.pk, "d": digest})


def vote_from_token(token: str) -> tuple[Nomination, str]:
    payload = unsign(_SALT, token)
    digest = payload.get("d")
    try:
        nomination = Nomination.objects.select_related("category__edition").get(pk=payload.get("n"))
    except (ValueError, TypeError, ObjectDoesNotExist) as exc:
        raise invalid_link() from exc
    if not isinstance(digest, str) or len(digest) != 64:
        raise invalid_link()
    return nomination, digest


def _check_open(nomination: Nomination, category: Category) -> None:
    edition = category.edition
    if not (category.public_vote and edition.vote_open()):
        raise ValidationError(_("Le vote du public n'est pas ouvert dans cette catégorie."), code="vote_closed")
    if nomination.category_id != category.pk or nomination.status != NominationStatus.ACCEPTED:
        raise ValidationError({"nomination": _("Choisissez une des propositions de cette catégorie.")})


def vote_request(*, category: Category, nomination: Nomination, email: str, language: str) -> None:
    """Send the link that records the vote. Stores nothing: the address goes only to the outbox."""
    category = Category.objects.select_related("edition").get(pk=category.pk)
    _check_open(nomination, category)
    email = normalize_email(email)
    digest = _voter_digest(category, email)
    with transaction.atomic():
        notifications.vote_confirm(
            nomination, email=email, language=language, token=vote_token(nomination=nomination, digest=digest)
        )


@transaction.atomic
def vote_confirm(*, nomination: Nomination, digest: str) -> tuple[Vote, bool]:
    """Count the vote. Returns (the vote counted for this address, whether it is this one): a second vote
    from the same address in the category is not counted, the first stays."""
    category = Category.objects.select_for_update().select_related("edition").get(pk=nomination.category_id)
    _check_open(nomination, category)
    existing = Vote.objects.filter(category=category, voter_digest=digest).first()
    if existing is not None:
        return existing, False
    vote = Vote(category=category, nomination=nomination, voter_digest=digest)
    vote.full_clean()
    try:
        with transaction.atomic():
            vote.save()
    except IntegrityError:
        return Vote.objects.get(category=category, voter_digest=digest), False
    return vote, True
