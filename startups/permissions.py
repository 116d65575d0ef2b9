"""Who may see what. Views answer 404 (not 403) when this says no, so nobody learns a file exists."""

from __future__ import annotations

from accounts.roles import REVIEWERS
from partnership.scoping import may_act_for_city


def is_reviewer(user) -> bool:
    return user.is_authenticated and user.is_active and user.groups.filter(name=REVIEWERS).exists()


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
