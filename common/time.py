"""The time zone of the cities: one source for opening hours, slots, sessions, calendar files and emails."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone


def city_zone() -> ZoneInfo:
    """The zone in which a city's hours and dates are read and written.

    Every city of the portal is in metropolitan France, which is also the site's zone
    (`TIME_ZONE` in settings, the one place it is named). A city in another zone would get a field
    on City, read here.
    """
    return timezone.get_default_timezone()


def city_localtime(value: dt.datetime) -> dt.datetime:
    """`value` (an aware datetime, in any zone) as a city's clock shows it."""
    return timezone.localtime(value, city_zone())


def city_today() -> dt.date:
    """Today's date on a city's calendar."""
    return city_localtime(timezone.now()).date()


def city_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    """The instant a city's clock shows `time` on `day`."""
    return dt.datetime.combine(day, time, tzinfo=city_zone())


def city_datetime_text(value: dt.datetime) -> str:
    """An instant as the city's clock shows it, in the current language's one format (common/dates.py)."""
    from .dates import format_datetime

    return format_datetime(value)
