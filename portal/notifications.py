"""The portal's messages: a new accessibility report, to the staff who read them in the admin (superusers and
every city's staff), in each person's language. Templates: portal/templates/notifications/email/portal/."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from accounts.models import User
from notifications import kinds
from notifications.services import notify

from .models import AccessibilityReport

ACCESSIBILITY_REPORT = kinds.register("portal.accessibility_report")


def report_readers():
    """Active staff accounts that read accessibility reports: superusers and staff of at least one city."""
    return (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(staff_cities__isnull=False))
        .distinct()
        .order_by("pk")
    )


def accessibility_report_received(report: AccessibilityReport) -> None:
    for reader in report_readers():
        notify(
            kind=ACCESSIBILITY_REPORT,
            key=f"{ACCESSIBILITY_REPORT}:{report.pk}:{reader.pk}",
            recipient=reader,
            context=lambda language: {
                "page_url": report.page_url,
                "description": report.description,
                "reply_to": report.email,
                "admin_path": reverse("admin:portal_accessibilityreport_change", args=[report.pk]),
            },
        )
