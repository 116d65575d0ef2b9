"""Writes of the error reports on places and of the reminders to places' contacts.

- `place_report_create`: the public "report an error" form; the city's staff are told through the outbox.
- `place_report_handle`: staff mark a report handled (the admin's action).
- `place_update_reminders_send`: once a month, the contact address of each place whose data (`date_maj`)
  is older than six months gets a reminder with a link to report updates. The outbox key carries the month,
  so running it twice (or every day) sends one message per place and per month.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common.time import city_today

from .. import notifications
from ..models import Place, PlaceReport, PlaceReportStatus

STALE_AFTER_MONTHS = 6


def _months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    last_day = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    return dt.date(year, month, min(day.day, last_day[month - 1]))


def city_staff_of(place: Place):
    """The active staff accounts of the place's city: the people told about a report."""
    return get_user_model().objects.filter(is_active=True, is_staff=True, staff_cities=place.city_id).order_by("pk")


@transaction.atomic
def place_report_create(*, place: Place, topic: str, message: str, language: str) -> PlaceReport:
    report = PlaceReport(place=place, topic=topic, message=message.strip(), language=language)
    report.full_clean()
    report.save()
    for person in city_staff_of(place):
        notifications.place_report_received(report, person)
    return report


@transaction.atomic
def place_report_handle(*, report: PlaceReport, by) -> PlaceReport:
    report = PlaceReport.objects.select_for_update().get(pk=report.pk)
    if report.status == PlaceReportStatus.HANDLED:
        raise ValidationError(_("Ce signalement est déjà traité."), code="already_handled")
    report.status = PlaceReportStatus.HANDLED
    report.handled_at = timezone.now()
    report.handled_by = by
    report.full_clean()
    report.save()
    return report


def stale_places(today: dt.date | None = None):
    """The places with a contact address whose data was last updated more than six months ago (or never)."""
    limit = _months_before(today or city_today(), STALE_AFTER_MONTHS)
    return (
        Place.objects.inclusion_centres()
        .exclude(email="")
        .filter(Q(data_updated_on__lt=limit) | Q(data_updated_on__isnull=True, updated_at__date__lt=limit))
        .select_related("city")
        .order_by("pk")
    )


@transaction.atomic
def place_update_reminders_send(*, today: dt.date | None = None) -> int:
    """Queue this month's reminder to each stale place's contact; returns how many are pending."""
    today = today or city_today()
    return notifications.place_update_reminders(stale_places(today).iterator(chunk_size=1000), month=today)
