"""Applications: drafts, the pitch deck, and the lifecycle (one transition table, one service)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.dates import format_datetime
from common.uploads import safe_file_name
from partnership.scoping import may_act_for_city

from .. import notifications
from ..constants import DRAFT_HISTORY_VERSIONS, CallState
from ..constants import ApplicationStatus as S
from ..models import Application, Call, StatusChange
from ..steps import RECOMMENDATION, missing_steps
from ..storage import private_storage
from ..validators import validate_pitch_deck

APPLICANT = "applicant"
STAFF = "staff"


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    by: str  # APPLICANT or STAFF
    needs_reason: bool = False


# The only moves an application can make. Anything else is refused by application_transition().
TRANSITIONS: dict[tuple[str, str], Transition] = {
    (t.source, t.target): t
    for t in (
        Transition(S.DRAFT, S.SUBMITTED, APPLICANT),
        Transition(S.SUBMITTED, S.UNDER_REVIEW, STAFF),
        Transition(S.UNDER_REVIEW, S.SHORTLISTED, STAFF),
        Transition(S.SHORTLISTED, S.ACCEPTED, STAFF),
        Transition(S.SUBMITTED, S.REJECTED, STAFF, needs_reason=True),  # not eligible
        Transition(S.UNDER_REVIEW, S.REJECTED, STAFF, needs_reason=True),
        Transition(S.SHORTLISTED, S.REJECTED, STAFF, needs_reason=True),
        Transition(S.DRAFT, S.WITHDRAWN, APPLICANT),
        Transition(S.SUBMITTED, S.WITHDRAWN, APPLICANT),
        Transition(S.UNDER_REVIEW, S.WITHDRAWN, APPLICANT),
        Transition(S.SHORTLISTED, S.WITHDRAWN, APPLICANT),
    )
}

DUPLICATE_SIRET = "duplicate_siret"


def staff_targets(status: str) -> list[str]:
    """The statuses staff may move an application to from `status`, in lifecycle order."""
    return [t.target for t in TRANSITIONS.values() if t.source == status and t.by == STAFF]


def _when(value) -> str:
    return format_datetime(value)


def call_closed_message(call: Call) -> str:
    """Why this call refuses applications now (in the current language)."""
    state = call.state()
    if call.published_at is None or call.published_at > timezone.now():
        return _("Cet appel n'est pas publié : il n'accepte pas de candidatures.")
    if state == CallState.UPCOMING:
        return _("Cet appel n'est pas encore ouvert : les candidatures seront possibles à partir du %(date)s.") % {
            "date": _when(call.opens_at)
        }
    return _("Cet appel est clos depuis le %(date)s : il n'accepte plus de candidatures.") % {
        "date": _when(call.closes_at)
    }


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .with_city()
        .select_related("call__initiative__category", "applicant")
        .get(pk=application.pk)
    )


def _save(application: Application) -> None:
    """full_clean() then save(); the database constraint has the last word on duplicate SIRETs.
    A duplicate SIRET is reported on the SIRET field, where the person can correct it."""
    try:
        application.full_clean()
    except ValidationError as exc:
        errors = exc.update_error_dict({})
        general = errors.pop(NON_FIELD_ERRORS, [])
        duplicates = [e for e in general if getattr(e, "code", None) == DUPLICATE_SIRET]
        if duplicates:
            errors.setdefault("siret", []).extend(duplicates)
        remaining = [e for e in general if e not in duplicates]
        if remaining:
            errors[NON_FIELD_ERRORS] = remaining
        raise ValidationError(errors) from exc
    try:
        with transaction.atomic():
            application.save()
            if application.is_draft:
                _keep_latest_draft_versions(application)
    except IntegrityError as exc:
        if "one_application_per_siret_per_call" in str(exc) or "UNIQUE" in str(exc).upper():
            raise ValidationError(
                {
                    "siret": ValidationError(
                        _(
                            "Une candidature existe déjà pour ce SIRET à cet appel : une seule candidature par entreprise."
                        ),
                        code=DUPLICATE_SIRET,
                    )
                }
            ) from exc
        raise


def _keep_latest_draft_versions(application: Application) -> None:
    """A draft saved again and again keeps its DRAFT_HISTORY_VERSIONS latest versions; older ones are
    deleted in the same transaction. Unchanged saves write none (common.history)."""
    versions = Application.history.filter(id=application.pk)
    latest = versions.order_by("-history_date", "-history_id").values_list("history_id", flat=True)
    versions.exclude(history_id__in=list(latest[:DRAFT_HISTORY_VERSIONS])).delete()


def _check_editable(application: Application, actor) -> None:
    if actor.pk != application.applicant_id:
        raise ValidationError(_("Seule la personne qui a créé cette candidature peut la modifier."))
    if not application.is_draft:
        raise ValidationError(_("Cette candidature a été déposée : elle ne peut plus être modifiée."))
    if not application.call.is_open:
        raise ValidationError(call_closed_message(application.call))


@transaction.atomic
def application_create(*, call: Call, applicant, data: dict[str, Any]) -> Application:
    """Start a draft with the first section's answers."""
    if not call.is_open:
        raise ValidationError(call_closed_message(call))
    application = Application(call=call, applicant=applicant, status=S.DRAFT, **data)
    _save(application)
    return application


@transaction.atomic
def application_update(*, application: Application, actor, data: dict[str, Any]) -> Application:
    """Save one section of a draft."""
    application = _locked(application)
    _check_editable(application, actor)
    for name, value in data.items():
        setattr(application, name, value)
    _save(application)
    return application


@transaction.atomic
def application_attach_pitch_deck(*, application: Application, actor, upload) -> Application:
    """Store the pitch deck after checking its content; the previous file is removed once this commits."""
    application = _locked(application)
    _check_editable(application, actor)
    try:
        validate_pitch_deck(upload)
    except ValidationError as exc:
        raise ValidationError({"pitch_deck": exc.error_list}) from exc
    previous = application.pitch_deck.name
    application.pitch_deck.save("presentation.pdf", upload, save=False)
    application.pitch_deck_name = safe_file_name(upload.name or "", default_stem="presentation")
    stored = application.pitch_deck.name
    try:
        _save(application)
    except Exception:
        _delete_file(stored)
        raise
    if previous:
        transaction.on_commit(partial(_delete_file, previous))
    return application


def _delete_file(name: str) -> None:
    if name:
        private_storage().delete(name)


def _check_actor(application: Application, rule: Transition, actor) -> None:
    if rule.by == APPLICANT and (actor is None or actor.pk != application.applicant_id):
        raise ValidationError(_("Seule la personne qui a déposé la candidature peut faire cela."), code="not_applicant")
    if rule.by == STAFF and (actor is None or not may_act_for_city(actor, application)):
        raise ValidationError(_("Seuls les agents de la ville de cet appel peuvent faire cela."), code="not_staff")


def _check_submission(application: Application) -> None:
    call = application.call
    if not call.is_open:
        raise ValidationError(call_closed_message(call), code="call_closed")
    problems = []
    for step in missing_steps(application):
        recommendation = getattr(application, "recommendation", None)
        if step.slug == RECOMMENDATION and recommendation is not None:
            problems.append(
                _("La recommandation demandée à %(actor)s a été déclinée : demandez-la à un autre acteur.")
                % {"actor": recommendation.organisation.name}
            )
        elif step.slug == RECOMMENDATION:
            problems.append(_("Cet appel exige la recommandation d'un acteur régional de l'innovation : demandez-la."))
        else:
            problems.append(_("La section « %(section)s » est incomplète.") % {"section": step.title})
    if application.consent_given_at is None:
        problems.append(_("Votre accord sur le traitement de vos données est nécessaire pour déposer."))
    if problems:
        raise ValidationError([ValidationError(problem, code="incomplete") for problem in problems])


def _check_acceptance(application: Application) -> None:
    if not application.call.requires_recommendation:
        return
    recommendation = getattr(application, "recommendation", None)
    if recommendation is None or not recommendation.is_confirmed:
        raise ValidationError(
            _(
                "Cet appel exige une recommandation confirmée : elle ne l'est pas encore, la candidature ne peut être acceptée."
            ),
            code="recommendation_not_confirmed",
        )


@transaction.atomic
def application_transition(*, application: Application, to_status: str, actor, message: str = "") -> StatusChange:
    """Move an application along its lifecycle, record who did it, when and why, and tell the applicant.

    Raises ValidationError when the move is not in TRANSITIONS (code `not_allowed`), when the actor may
    not make it (`not_applicant`, `not_staff`), or when its conditions are not met: a reason to reject
    (`reason_required`, on the `message` field), an open call (`call_closed`) and a complete file
    (`incomplete`) to submit, a confirmed recommendation to accept where the call requires one
    (`recommendation_not_confirmed`).
    """
    application = _locked(application)
    source = application.status
    rule = TRANSITIONS.get((source, to_status))
    if rule is None:
        raise ValidationError(
            _("Une candidature « %(source)s » ne peut pas passer à « %(target)s ».")
            % {"source": S(source).label, "target": S(to_status).label if to_status in S.values else to_status},
            code="not_allowed",
        )
    _check_actor(application, rule, actor)
    message = (message or "").strip()
    if rule.needs_reason and not message:
        raise ValidationError(
            {
                "message": ValidationError(
                    _("Indiquez le motif du refus : il est envoyé au candidat."), code="reason_required"
                )
            }
        )
    if to_status == S.SUBMITTED:
        _check_submission(application)
    if to_status == S.ACCEPTED:
        _check_acceptance(application)

    now = timezone.now()
    application.status = to_status
    if to_status == S.SUBMITTED:
        application.submitted_at = now
    if to_status in (S.ACCEPTED, S.REJECTED, S.WITHDRAWN):
        application.decided_at = now
    _save(application)
    change = StatusChange(
        application=application, from_status=source, to_status=to_status, actor=actor, message=message, created_at=now
    )
    change.full_clean()
    change.save()
    notifications.status_changed(application, change)
    return change


@transaction.atomic
def application_submit(*, application: Application, actor, consent: bool) -> StatusChange:
    """The applicant's consent is recorded with the submission, in the same transaction."""
    application = _locked(application)
    if not consent:
        raise ValidationError(
            {
                "consent": ValidationError(
                    _("Cochez la case pour accepter le traitement de vos données : sans cela, pas de dépôt."),
                    code="consent_required",
                )
            }
        )
    if actor.pk == application.applicant_id and application.is_draft:
        application.consent_given_at = timezone.now()
        application.save(update_fields=["consent_given_at", "updated_at"])
    return application_transition(application=application, to_status=S.SUBMITTED, actor=actor)
