"""Staff dashboard widget: the next sessions of the person's cities, with seats taken and waitlist."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from partnership.dashboard import Widget, WidgetRow

from .selectors import upcoming_sessions


def widgets(request) -> list[Widget]:
    if not request.user.has_perm("training.view_session"):
        return []
    sessions = upcoming_sessions().for_staff(request.user)[:8]
    rows = [
        WidgetRow(
            label=f"{session.programme.title} — {session.programme.initiative.partnership.city}, "
            f"{session.local_starts_at:%d/%m/%Y}",
            value=_("%(confirmed)s/%(capacity)s confirmés, %(waiting)s en attente")
            % {"confirmed": session.confirmed_count, "capacity": session.capacity, "waiting": session.waitlist_count},
            url=reverse("admin:training_session_change", args=[session.pk]),
        )
        for session in sessions
    ]
    return [
        Widget(
            title=_("Prochaines sessions de formation"),
            rows=rows,
            empty=_("Aucune session à venir."),
            more_url=reverse("admin:training_session_changelist"),
        )
    ]
