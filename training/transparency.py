"""Figures of the partnership pages: trainees registered and trainees who completed their session."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .constants import RegistrationStatus
from .models import Registration

FIGURES = [
    ("trainees_registered", _("Stagiaires inscrits")),
    ("trainees_completed", _("Stagiaires ayant achevé leur formation")),
]


def compute(partnership_ids: list[int]) -> dict[str, dict[int, int]]:
    rows = (
        Registration.objects.filter(session__programme__initiative__partnership_id__in=partnership_ids)
        .order_by()
        .values("session__programme__initiative__partnership_id")
        .annotate(
            registered=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            completed=Count("pk", filter=Q(completed=True)),
        )
    )
    result: dict[str, dict[int, int]] = {"trainees_registered": {}, "trainees_completed": {}}
    for row in rows:
        pk = row["session__programme__initiative__partnership_id"]
        result["trainees_registered"][pk] = row["registered"]
        result["trainees_completed"][pk] = row["completed"]
    return result
