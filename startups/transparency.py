"""Figures of the partnership pages: calls opened, applications received (submitted at least once) and accepted."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .constants import ApplicationStatus
from .models import Application, Call

FIGURES = [
    ("calls", _("Appels à candidatures")),
    ("applications_received", _("Candidatures reçues")),
    ("applications_accepted", _("Candidatures acceptées")),
]


def compute(partnership_ids: list[int]) -> dict[str, dict[int, int]]:
    result: dict[str, dict[int, int]] = {key: {} for key, _label in FIGURES}
    calls = (
        Call.objects.filter(initiative__partnership_id__in=partnership_ids)
        .order_by()
        .values("initiative__partnership_id")
        .annotate(total=Count("pk"))
    )
    for row in calls:
        result["calls"][row["initiative__partnership_id"]] = row["total"]
    applications = (
        Application.objects.filter(call__initiative__partnership_id__in=partnership_ids, submitted_at__isnull=False)
        .order_by()
        .values("call__initiative__partnership_id")
        .annotate(received=Count("pk"), accepted=Count("pk", filter=Q(status=ApplicationStatus.ACCEPTED)))
    )
    for row in applications:
        pk = row["call__initiative__partnership_id"]
        result["applications_received"][pk] = row["received"]
        result["applications_accepted"][pk] = row["accepted"]
    return result
