"""Staff dashboard: messages that could not be sent, in the person's cities."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnership.dashboard import Widget, WidgetRow

from .models import Notification


def widgets(request) -> list[Widget]:
    if not request.user.has_perm("notifications.view_notification"):
        return []
    failed = Notification.objects.for_staff(request.user).filter(status=Notification.Status.FAILED)
    changelist = reverse("admin:notifications_notification_changelist")
    rows = [
        WidgetRow(
            label=f"{n.kind} → {n.email}",
            value=(n.last_error or "")[:80],
            url=reverse("admin:notifications_notification_change", args=[n.pk]),
        )
        for n in failed.order_by("-updated_at")[:8]
    ]
    return [
        Widget(
            title=str(_("Messages en échec")),
            rows=rows,
            empty=str(_("Aucun message en échec.")),
            more_url=f"{changelist}?status__exact=failed",
        )
    ]
