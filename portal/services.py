"""The portal's writes: an accessibility problem reported from the accessibility statement."""

from __future__ import annotations

from django.db import transaction

from .models import AccessibilityReport
from .notifications import accessibility_report_received


@transaction.atomic
def accessibility_report_create(
    *, description: str, page_url: str = "", name: str = "", email: str = "", language: str = ""
) -> AccessibilityReport:
    """Record a report and tell the staff who read reports (superusers and every city's staff), each in
    their own language, after commit."""
    report = AccessibilityReport(
        description=description.strip(),
        page_url=page_url.strip(),
        name=name.strip(),
        email=email.strip(),
        language=language,
    )
    report.full_clean()
    report.save()
    accessibility_report_received(report)
    return report
