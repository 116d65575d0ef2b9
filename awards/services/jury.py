"""The jury: staff seat a person; the juror declares their interests before seeing any nomination; conflicts
are found automatically (the juror's address domain, or an organisation they declared, matches a nomination)
or declared by the juror on one nomination; a conflicted juror cannot score that nomination.

The same pattern as the start-ups' reviewers (startups.services.reviews: a declaration recorded by a service,
nothing visible before it), built here because a feature app does not import another one, and because a jury
declares once for a whole edition where a reviewer declares per application."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnership.scoping import may_act_for_city

from .. import notifications
from ..constants import PUBLIC_MAIL_DOMAINS, SCORE_MAX, SCORE_MIN, ConflictSource, NominationStatus
from ..models import Conflict, Criterion, Edition, Juror, Nomination, Score
from ..validators import domain_of


def normalise_name(value: str) -> str:
    """ "Société Éxemple, SAS" -> "societe exemple sas": accents, case and punctuation do not matter."""
    text = unicodedata.normalize("NFKD", value or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _email_domain(juror: Juror) -> str:
    email = (juror.user.email if juror.user_id else "") or ""
    domain = email.rpartition("@")[2].lower()
    return "" if domain in PUBLIC_MAIL_DOMAINS else domain


def _domain_matches(juror_domain: str, nomination_domain: str) -> bool:
    return bool(juror_domain and nomination_domain) and (
        juror_domain == nomination_domain
        or juror_domain.endswith("." + nomination_domain)
        or nomination_domain.endswith("." + juror_domain)
    )


def automatic_conflict(juror: Juror, nomination: Nomination) -> tuple[str, str] | None:
    """(source, detail) when the juror belongs to the nominated organisation, else None."""
    juror_domain = _email_domain(juror)
    for domain in filter(None, {nomination.organisation_domain.lower(), domain_of(nomination.website)}):
        if _domain_matches(juror_domain, domain):
            return ConflictSource.EMAIL_DOMAIN, juror_domain
    names = {normalise_name(nomination.organisation), normalise_name(nomination.name)} - {""}
    for line in juror.declared_organisations.splitlines():
        if normalise_name(line) in names:
            return ConflictSource.ORGANISATION, line.strip()[:300]
    return None


@transaction.atomic
def conflicts_refresh(*, edition: Edition, jurors=None) -> int:
    """Flag every juror of the edition (who has declared) against every accepted nomination. Adds what is
    found; a conflict once recorded stays. Returns the number added."""
    jurors = list(
        (jurors if jurors is not None else edition.jurors.all())
        .select_related("user")
        .filter(declared_at__isnull=False)
    )
    nominations = list(Nomination.objects.filter(category__edition=edition, status=NominationStatus.ACCEPTED))
    known = set(
        Conflict.objects.filter(juror__in=jurors, nomination__in=nominations).values_list("juror_id", "nomination_id")
    )
    new = []
    for juror in jurors:
        for nomination in nominations:
            if (juror.pk, nomination.pk) in known:
                continue
            found = automatic_conflict(juror, nomination)
            if found:
                new.append(Conflict(juror=juror, nomination=nomination, source=found[0], detail=found[1]))
    for conflict in new:  # one by one: each is recorded in the history (few rows: jurors × their organisations)
        Conflict.objects.get_or_create(
            juror=conflict.juror,
            nomination=conflict.nomination,
            defaults={"source": conflict.source, "detail": conflict.detail},
        )
    return len(new)


@transaction.atomic
def juror_add(*, edition: Edition, user, by, role: str = "") -> Juror:
    edition = Edition.objects.with_city().get(pk=edition.pk)
    if not may_act_for_city(by, edition):
        raise ValidationError(_("Seuls les agents de la ville de cette édition composent son jury."))
    if not user.is_active:
        raise ValidationError({"user": _("Ce compte est désactivé.")})
    juror = Juror(edition=edition, user=user, role=role)
    juror.full_clean()
    try:
        with transaction.atomic():
            juror.save()
    except IntegrityError as exc:
        raise ValidationError({"user": _("Cette personne fait déjà partie du jury.")}) from exc
    notifications.juror_invited(juror)
    return juror


def _own_juror(juror: Juror, user) -> Juror:
    juror = Juror.objects.select_for_update(of=("self",)).select_related("edition", "user").get(pk=juror.pk)
    if juror.user_id is None or juror.user_id != user.pk:
        raise ValidationError(_("Ce siège de juré est celui d'une autre personne."), code="not_this_juror")
    return juror


@transaction.atomic
def juror_declare(*, juror: Juror, user, organisations: str, declaration: str) -> Juror:
    """The juror's declaration of interests, made once, before any nomination is shown to them. Conflicts
    with the nominations already accepted are flagged at once."""
    juror = _own_juror(juror, user)
    if juror.declared_at is not None:
        raise ValidationError(_("Vous avez déjà fait votre déclaration d'intérêts."), code="already_declared")
    lines = [line.strip() for line in (organisations or "").splitlines() if line.strip()]
    juror.declared_organisations = "\n".join(lines)
    juror.declaration = (declaration or "").strip()
    juror.declared_at = timezone.now()
    juror.full_clean()
    juror.save()
    conflicts_refresh(edition=juror.edition, jurors=Juror.objects.filter(pk=juror.pk))
    return juror


@transaction.atomic
def juror_declare_conflict(*, juror: Juror, user, nomination: Nomination, detail: str = "") -> Conflict:
    juror = _own_juror(juror, user)
    if nomination.category.edition_id != juror.edition_id:
        raise ValidationError(_("Cette proposition n'est pas de cette édition."))
    conflict, _created = Conflict.objects.get_or_create(
        juror=juror,
        nomination=nomination,
        defaults={"source": ConflictSource.DECLARED, "detail": (detail or "").strip()[:300]},
    )
    return conflict


@transaction.atomic
def juror_score(*, juror: Juror, user, nomination: Nomination, scores: dict[int, int]) -> list[Score]:
    """Record (or correct) the juror's score, 0 to 5, for each criterion of the edition."""
    juror = _own_juror(juror, user)
    if juror.declared_at is None:
        raise ValidationError(_("Faites d'abord votre déclaration d'intérêts."), code="not_declared")
    edition = juror.edition
    if nomination.category.edition_id != edition.pk or nomination.status != NominationStatus.ACCEPTED:
        raise ValidationError(_("Cette proposition n'est pas soumise au jury."), code="not_in_competition")
    if not edition.jury_open():
        raise ValidationError(_("Le jury ne délibère pas en ce moment."), code="jury_closed")
    conflicts_refresh(edition=edition, jurors=Juror.objects.filter(pk=juror.pk))
    if Conflict.objects.filter(juror=juror, nomination=nomination).exists():
        raise ValidationError(
            _("Vous avez un conflit d'intérêts avec cette proposition : vous ne la notez pas."), code="conflict"
        )
    criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(edition=edition)}
    if set(scores) != set(criteria):
        raise ValidationError(_("Notez chacun des critères."), code="criteria")
    existing = {score.criterion_id: score for score in Score.objects.filter(juror=juror, nomination=nomination)}
    saved = []
    for criterion_id, value in scores.items():
        if value is None or not SCORE_MIN <= value <= SCORE_MAX:
            raise ValidationError(_("Chaque note va de 0 à 5."), code="score_range")
        score = existing.get(criterion_id) or Score(juror=juror, nomination=nomination, criterion_id=criterion_id)
        score.value = value
        score.full_clean()
        score.save()
        saved.append(score)
    return saved
