"""Staff dashboard: applications waiting for a decision in the person's cities."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnership.dashboard import Widget, WidgetRow

from .constants import ApplicationStatus
from .models import Application

WAITING = (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW, ApplicationStatus.SHORTLISTED)


def widgets(request) -> list[Widget]:
    if not request.user.has_perm("startups.view_application"):
        return []
    applications = Application.objects.for_staff(request.user).filter(status__in=WAITING)
    counts = dict(applications.order_by().values_list("status").annotate(n=Count("pk")))
    changelist = reverse("admin:startups_application_changelist")
    rows = [
        WidgetRow(
            label=str(status.label), value=counts.get(status.value, 0), url=f"{changelist}?status__exact={status.value}"
        )
        for status in WAITING
    ]
    return [Widget(title=str(_("Candidatures en attente d'une décision")), rows=rows)]
