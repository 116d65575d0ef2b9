"""One way to write a date for each language, wherever a person reads one (pages, emails, calendar files'
summaries, the admin's history), in the cities' time (common.time):

    French   mardi 1er décembre 2026 à 10 h       (10 h 30; "1er" for the first of the month)
    English  Tuesday 1 December 2026, 10:00

`format_date`, `format_time` and `format_datetime` take an aware datetime (shown on the city's clock), a
naive one (already the city's clock) or a date; they follow the active language. Templates use the filters
of `{% load city_dates %}`: `|city_date`, `|city_time`, `|city_datetime`.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone, translation

from .time import city_localtime


def _french() -> bool:
    return (translation.get_language() or "fr").startswith("fr")


def _local(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return city_localtime(value)
    return value


def format_date(value: dt.date | dt.datetime | None) -> str:
    """mardi 1er décembre 2026 / Tuesday 1 December 2026."""
    if value is None:
        return ""
    value = _local(value)
    day = value.day
    weekday, month = formats.date_format(value, "l"), formats.date_format(value, "F")
    if _french():
        return f"{weekday} {'1er' if day == 1 else day} {month} {value.year}"
    return f"{weekday} {day} {month} {value.year}"


def format_time(value: dt.time | dt.datetime | None) -> str:
    """10 h, 10 h 30 / 10:00, 10:30."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value)
    if _french():
        return f"{value.hour} h" if value.minute == 0 else f"{value.hour} h {value.minute:02d}"
    return f"{value.hour:02d}:{value.minute:02d}"


def format_datetime(value: dt.datetime | None) -> str:
    """mardi 1er décembre 2026 à 10 h / Tuesday 1 December 2026, 10:00."""
    if value is None:
        return ""
    value = _local(value)
    if _french():
        return f"{format_date(value)} à {format_time(value)}"
    return f"{format_date(value)}, {format_time(value)}"
