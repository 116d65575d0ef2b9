"""Staff dashboard widgets of this app, and the Widget shape every app's dashboard.py returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .constants import CommitmentStatus
from .models import Commitment


@dataclass
class WidgetRow:
    label: str
    value: str | int = ""
    url: str = ""


@dataclass
class Widget:
    title: str
    rows: list[WidgetRow] = field(default_factory=list)
    empty: str = ""
    more_url: str = ""


def widgets(request) -> list[Widget]:
    if not request.user.has_perm("partnership.view_commitment"):
        return []
    commitments = (
        Commitment.objects.for_staff(request.user)
        .with_city()
        .exclude(status__in=[CommitmentStatus.DELIVERED, CommitmentStatus.ABANDONED])
    )
    rows = [
        WidgetRow(
            label=f"{c.title} — {c.partnership.city}",
            value=f"{c.progress} %",
            url=reverse("admin:partnership_commitment_change", args=[c.pk]),
        )
        for c in commitments.order_by("progress", "pk")[:8]
    ]
    return [
        Widget(
            title=str(_("Engagements à faire avancer")),
            rows=rows,
            empty=str(_("Tous les engagements sont tenus.")),
            more_url=reverse("admin:partnership_commitment_changelist") + "?status__exact=in_progress",
        )
    ]
