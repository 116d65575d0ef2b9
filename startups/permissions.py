"""Who may see what. Views answer 404 (not 403) when this says no, so nobody learns a file exists."""

from __future__ import annotations

from accounts.roles import REVIEWERS
from partnership.admin_mixins import staff_city_ids


def is_city_staff(user, city_id: int) -> bool:
    """Staff of that city (or a superuser)."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    ids = staff_city_ids(user)
    return ids is None or city_id in ids


def is_reviewer(user) -> bool:
    return user.is_authenticated and user.is_active and user.groups.filter(name=REVIEWERS).exists()


def can_view_application(user, application) -> bool:
    """The applicant, a reviewer (still in the group) assigned to it who declared no conflict, or staff of its city."""
    if not (user.is_authenticated and user.is_active):
        return False
    if application.applicant_id == user.pk:
        return True
    if is_city_staff(user, application.call.initiative.partnership.city_id) and user.has_perm(
        "startups.view_application"
    ):
        return True
    # Removal from the reviewers group ends access at once, whatever assignments remain.
    return (
        is_reviewer(user)
        and application.assignments.filter(
            reviewer=user, no_conflict_declared_at__isnull=False, conflict_declared_at__isnull=True
        ).exists()
    )
