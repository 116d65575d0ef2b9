"""Review: staff assign reviewers; a reviewer declares their interests, then scores each criterion."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import REVIEWERS
from partnership.scoping import may_act_for_city

from .. import notifications
from ..constants import SCORE_MAX, SCORE_MIN
from ..constants import ApplicationStatus as S
from ..models import Application, Criterion, ReviewAssignment, Score
from ..permissions import scoring_refusal

ASSIGNABLE = (S.SUBMITTED, S.UNDER_REVIEW, S.SHORTLISTED)


@transaction.atomic
def review_assign(*, application: Application, reviewer, assigned_by) -> ReviewAssignment:
    application = Application.objects.with_city().get(pk=application.pk)
    if not may_act_for_city(assigned_by, application):
        raise ValidationError(_("Seuls les agents de la ville de cet appel peuvent assigner des évaluateurs."))
    if not reviewer.is_active or not reviewer.groups.filter(name=REVIEWERS).exists():
        raise ValidationError(
            {"reviewer": _("Cette personne n'est pas membre du groupe « %(group)s ».") % {"group": REVIEWERS}}
        )
    if reviewer.pk == application.applicant_id:
        raise ValidationError({"reviewer": _("Le candidat ne peut pas évaluer sa propre candidature.")})
    if application.status not in ASSIGNABLE:
        raise ValidationError(
            _("Une candidature « %(status)s » ne peut pas recevoir d'évaluateur.")
            % {"status": application.get_status_display()}
        )
    assignment = ReviewAssignment(application=application, reviewer=reviewer, assigned_by=assigned_by)
    assignment.full_clean()
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as exc:
        raise ValidationError({"reviewer": _("Cette personne évalue déjà cette candidature.")}) from exc
    notifications.review_assigned(assignment)
    return assignment


@transaction.atomic
def review_unassign(*, assignment: ReviewAssignment, by) -> None:
    """Staff withdraw a reviewer from an application still under review. Refused once the reviewer has
    scored it (their notes count in the average the decision reads: the panel stays as it scored) and once
    the application is decided. A reviewer who declared a conflict of interest has no score: they are
    withdrawn, and staff assign someone else. Locks the assignment as scoring does, so a score saved at
    the same moment is either seen here (refused) or never written."""
    assignment = (
        ReviewAssignment.objects.select_for_update(of=("self",))
        .select_related("application", "reviewer")
        .get(pk=assignment.pk)
    )
    application = assignment.application
    if not may_act_for_city(by, application):
        raise ValidationError(
            _("Seuls les agents de la ville de cet appel peuvent retirer des évaluateurs."), code="not_city_staff"
        )
    if application.status not in ASSIGNABLE:
        raise ValidationError(
            _("La candidature est « %(status)s » : ses évaluateurs ne changent plus."),
            code="application_decided",
            params={"status": application.get_status_display()},
        )
    if assignment.scores.exists():
        raise ValidationError(
            _(
                "%(reviewer)s a déjà noté cette candidature : ses notes comptent dans la moyenne, "
                "l'évaluation ne peut plus être retirée."
            ),
            code="already_scored",
            params={"reviewer": assignment.reviewer or _("Un évaluateur")},
        )
    assignment.delete()


def _locked_assignment(assignment: ReviewAssignment, reviewer) -> ReviewAssignment:
    assignment = (
        ReviewAssignment.objects.select_for_update(of=("self",))
        .select_related("application__call")
        .get(pk=assignment.pk)
    )
    if assignment.reviewer_id != reviewer.pk:
        raise ValidationError(_("Cette évaluation est assignée à une autre personne."))
    return assignment


@transaction.atomic
def review_declare_interests(*, assignment: ReviewAssignment, reviewer, has_conflict: bool) -> ReviewAssignment:
    """Declared once: no conflict opens the file; a conflict withdraws the reviewer from it for good."""
    assignment = _locked_assignment(assignment, reviewer)
    if assignment.no_conflict_declared_at or assignment.conflict_declared_at:
        raise ValidationError(_("Vous avez déjà fait votre déclaration pour cette candidature."))
    if has_conflict:
        assignment.conflict_declared_at = timezone.now()
    else:
        assignment.no_conflict_declared_at = timezone.now()
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def review_score(*, assignment: ReviewAssignment, reviewer, scores: dict[int, tuple[int, str]]) -> list[Score]:
    """Record (or correct) the reviewer's score, 0 to 5, and comment for each criterion of the call."""
    assignment = _locked_assignment(assignment, reviewer)
    refusal = scoring_refusal(assignment)  # the same reason the review page shows in place of the form
    if refusal is not None:
        raise refusal
    criteria = {c.pk: c for c in Criterion.objects.filter(call_id=assignment.application.call_id)}
    saved = []
    for criterion_id, (value, comment) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError(_("Ce critère n'appartient pas à cet appel."))
        if value is None or not SCORE_MIN <= value <= SCORE_MAX:
            raise ValidationError(_("Chaque note va de 0 à 5."))
        score = Score.objects.filter(assignment=assignment, criterion=criterion).first() or Score(
            assignment=assignment, criterion=criterion
        )
        score.score = value
        score.comment = (comment or "").strip()
        score.full_clean()
        score.save()
        saved.append(score)
    return saved
