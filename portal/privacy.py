"""Personal data in the accessibility reports: the name and address a person may leave to get an answer.

Exported and erased with the person's account (matched by address, as the report needs no account), and
erased from every report after REPORT_CONTACT_RETENTION_DAYS whatever happens; the report's text stays, for
the next accessibility statement. Found by `accounts.privacy` through `common.app_hooks.app_modules`."""

from __future__ import annotations

from datetime import datetime, timedelta

from .models import AccessibilityReport

REPORT_CONTACT_RETENTION_DAYS = 365


def _with_contact():
    return AccessibilityReport.objects.exclude(email="", name="")


def export(user) -> dict:
    reports = AccessibilityReport.objects.filter(email__iexact=user.email).order_by("pk")
    return {
        "accessibility_reports": [
            {
                "page_url": report.page_url,
                "description": report.description,
                "name": report.name,
                "created_at": report.created_at.isoformat(),
                "is_handled": report.is_handled,
            }
            for report in reports
        ]
    }


def erase(user) -> None:
    _with_contact().filter(email__iexact=user.email).update(email="", name="")


def apply_retention(now: datetime) -> int:
    old = now - timedelta(days=REPORT_CONTACT_RETENTION_DAYS)
    return _with_contact().filter(created_at__lt=old).update(email="", name="")
