"""One source for the cities' time zone (common.time.city_zone, from TIME_ZONE): hours, slots and calendars
all follow it."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from icalendar import Calendar

from common.time import city_datetime, city_zone
from initiatives import hours
from sports.services import slots_generate
from tests.sports.factories import OpeningPeriodFactory, SportsResourceFactory
from tests.training.factories import SessionFactory
from training.ics import session_ics

CAYENNE = "America/Cayenne"  # UTC-3 all year: no summer time to blur the figures
TUESDAY_1230_UTC = dt.datetime(2026, 11, 24, 12, 30, tzinfo=dt.UTC)  # 13:30 in Paris, 09:30 in Cayenne


def test_the_zone_is_named_once_in_the_settings():
    zone_name = re.compile(r"""["'](Europe|America|Africa|Asia|Pacific|Indian|Atlantic)/[A-Za-z_]+["']""")
    found = []
    for folder in [*settings.LOCAL_APPS, "common", "config"]:
        for path in (Path(settings.BASE_DIR) / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            found += [
                f"{path.relative_to(settings.BASE_DIR)}: {line.strip()}"
                for line in path.read_text().splitlines()
                if zone_name.search(line)
            ]
    assert found == ['config/settings/base.py: TIME_ZONE = "Europe/Paris"']
    assert city_zone().key == "Europe/Paris"


def test_opening_hours_are_read_in_the_city_zone():
    assert not hours.is_open_at("Mo-Su 09:00-10:00", TUESDAY_1230_UTC)  # 13:30 in Paris
    with override_settings(TIME_ZONE=CAYENNE):
        assert hours.is_open_at("Mo-Su 09:00-10:00", TUESDAY_1230_UTC)
        assert city_datetime(dt.date(2026, 11, 24), dt.time(9, 30)) == TUESDAY_1230_UTC


@pytest.mark.django_db
def test_slots_and_calendar_files_follow_the_city_zone():
    with override_settings(TIME_ZONE=CAYENNE):
        resource = SportsResourceFactory(horizon_weeks=1, slot_minutes=60)
        OpeningPeriodFactory(resource=resource, weekday=2, opens_at=dt.time(10), closes_at=dt.time(11))
        slots_generate(resource=resource, now=TUESDAY_1230_UTC)
        assert [slot.starts_at for slot in resource.slots.all()] == [dt.datetime(2026, 11, 25, 13, 0, tzinfo=dt.UTC)]

        session = SessionFactory()
        calendar = Calendar.from_ical(session_ics(session, days=[]))
        assert calendar["x-wr-timezone"] == CAYENNE
        assert calendar.walk("VEVENT")[0]["dtstart"].params["TZID"] == CAYENNE
