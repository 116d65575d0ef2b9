"""One date format per language wherever a person reads a date (common/dates.py): "mardi 1er décembre 2026 à
10 h" in French, "Tuesday 1 December 2026, 10:00" in English, on the cities' clock."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from common.dates import format_date, format_datetime, format_time

TUESDAY_0900_UTC = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)  # 10:00 in Paris (winter time)


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("fr", TUESDAY_0900_UTC, "mardi 1er décembre 2026 à 10 h"),
        ("fr", TUESDAY_0900_UTC + dt.timedelta(minutes=30), "mardi 1er décembre 2026 à 10 h 30"),
        ("fr", dt.datetime(2027, 2, 9, 12, 5, tzinfo=dt.UTC), "mardi 9 février 2027 à 13 h 05"),
        ("en", TUESDAY_0900_UTC, "Tuesday 1 December 2026, 10:00"),
        ("en", dt.datetime(2027, 2, 9, 12, 0, tzinfo=dt.UTC), "Tuesday 9 February 2027, 13:00"),
        ("fr", dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC), "mercredi 1er juillet 2026 à 10 h"),  # summer time
    ],
)
def test_an_instant_reads_the_same_way_everywhere_in_each_language(language, value, expected):
    with translation.override(language):
        assert format_datetime(value) == expected
        assert Template("{% load city_dates %}{{ value|city_datetime }}").render(Context({"value": value})) == expected


def test_a_day_and_a_time_alone():
    with translation.override("fr"):
        assert format_date(dt.date(2026, 12, 1)) == "mardi 1er décembre 2026"
        assert format_date(dt.date(2026, 12, 2)) == "mercredi 2 décembre 2026"
        assert format_time(dt.time(9, 0)) == "9 h"
        assert format_time(dt.time(18, 45)) == "18 h 45"
    with translation.override("en"):
        assert format_date(dt.date(2026, 12, 1)) == "Tuesday 1 December 2026"
        assert format_time(dt.time(9, 0)) == "09:00"
    assert format_datetime(None) == format_date(None) == format_time(None) == ""


def test_no_template_formats_a_date_its_own_way():
    """Pages and emails use the city_dates filters; `|date:"D j/m"` (a compact column header of the attendance
    grid) and the places' "ferme mardi 18:00" badges are the only short forms left."""
    allowed = {
        '|date:"D j/m"',
        '|date:"l H:i"',
        "|date:'Ymd'",
        "|date:'Y-m-d'",
    }  # and machine values (ids, form values)
    found = []
    for folder in [*settings.LOCAL_APPS, "templates"]:
        for path in (Path(settings.BASE_DIR) / folder).rglob("*"):
            if path.suffix not in {".html", ".txt"}:
                continue
            for match in re.findall(r"""\|(?:date|time)(?::"[^"]*"|:'[^']*')?(?![_\w])""", path.read_text()):
                if match not in allowed:
                    found.append(f"{path.relative_to(settings.BASE_DIR)}: {match}")
    assert found == []


@pytest.mark.django_db
def test_a_call_closing_date_reads_without_the_double_full_stop(client):
    from tests.startups.factories import CallFactory

    call = CallFactory(closes_at=dt.datetime(2027, 2, 9, 12, 0, tzinfo=dt.UTC))
    french = client.get(call.get_absolute_url()).content.decode()
    assert "mardi 9 février 2027 à 13 h" in french
    english = client.get(call.get_absolute_url().replace("/fr/", "/en/", 1)).content.decode()
    assert "Tuesday 9 February 2027, 13:00" in english
    assert "p.m.." not in english and "Feb. 9" not in english
