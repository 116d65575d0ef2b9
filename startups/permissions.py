"""Who may see what. Views answer 404 (not 403) when this says no, so nobody learns a file exists."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.roles import REVIEWERS, group_names
from partnership.scoping import may_act_for_city

from .constants import ApplicationStatus

SCORABLE = (ApplicationStatus.UNDER_REVIEW, ApplicationStatus.SHORTLISTED)


def is_reviewer(user) -> bool:
    return user.is_authenticated and user.is_active and REVIEWERS in group_names(user)


def can_view_application(user, application) -> bool:
    """The applicant, a reviewer (still in the group) assigned to it who declared no conflict, or staff of its city."""
    if not (user.is_authenticated and user.is_active):
        return False
    if application.applicant_id == user.pk:
        return True
    if may_act_for_city(user, application, perm="startups.view_application"):
        return True
    # Removal from the reviewers group ends access at once, whatever assignments remain.
    return (
        is_reviewer(user)
        and application.assignments.filter(
            reviewer=user, no_conflict_declared_at__isnull=False, conflict_declared_at__isnull=True
        ).exists()
    )


def scoring_refusal(assignment, *, criterion_count: int | None = None) -> ValidationError | None:
    """Why this reviewer cannot score this application now (None: they can). The review page shows it in
    place of the form, before anything is typed; `review_score` raises it. `criterion_count` saves a query
    where the list already counted the criteria."""
    if assignment.conflict_declared_at is not None:
        return ValidationError(
            _("Vous avez déclaré un conflit d'intérêts : vous ne notez pas cette candidature."), code="conflict"
        )
    if assignment.no_conflict_declared_at is None:
        return ValidationError(_("Déclarez d'abord l'absence de conflit d'intérêts."), code="interests_not_declared")
    application = assignment.application
    if application.status not in SCORABLE:
        return ValidationError(
            _(
                "Cette candidature est « %(status)s » : elle se note quand elle est en cours d'examen ou "
                "présélectionnée. La ville la met en examen ; vous la retrouverez alors dans « Mes évaluations »."
            )
            % {"status": application.get_status_display()},
            code="not_under_review",
        )
    if criterion_count is None:
        criterion_count = application.call.criteria.count()
    if criterion_count == 0:
        return ValidationError(
            _("L'appel n'a pas encore de critères de notation : la ville doit les définir avant que vous notiez."),
            code="no_criteria",
        )
    return None
