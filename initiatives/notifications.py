"""Messages about digital-inclusion places: a report of an error (to the city's staff, in their language) and the
monthly reminder to a place's contact address when its data is older than six months (in French: the place has
no language of its own). Templates: initiatives/templates/notifications/email/initiatives/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse

from notifications import kinds
from notifications.services import Message, notify, notify_many

from .models import Place, PlaceReport

PLACE_REPORT_RECEIVED = kinds.register("initiatives.place_report_received")
PLACE_UPDATE_REMINDER = kinds.register("initiatives.place_update_reminder")


def place_report_received(report: PlaceReport, person) -> None:
    place = report.place
    notify(
        kind=PLACE_REPORT_RECEIVED,
        key=f"{PLACE_REPORT_RECEIVED}:{report.pk}:{person.pk}",
        recipient=person,
        city=place.city_id,
        context=lambda language: {
            "place_name": place.name,
            "topic": str(report.get_topic_display()),
            "message": report.message,
            "report_path": reverse("admin:initiatives_placereport_change", args=[report.pk]),
            "history_path": reverse("admin:initiatives_place_history", args=[place.pk]),
        },
    )


def place_update_reminders(places: Iterable[Place], *, month: dt.date) -> int:
    """One reminder per place and per month (the key carries the month)."""
    stamp = month.strftime("%Y-%m")
    messages = [
        Message(
            kind=PLACE_UPDATE_REMINDER,
            key=f"{PLACE_UPDATE_REMINDER}:{place.pk}:{stamp}",
            email=place.email,
            language="fr",
            city=place.city_id,
            context=lambda language, place=place: {
                "place_name": place.name,
                "updated_on": place.data_updated_on.isoformat() if place.data_updated_on else "",
                "place_path": place.get_absolute_url(),
                "report_path": reverse("places:report", kwargs={"slug": place.slug}),
            },
        )
        for place in places
    ]
    return len(notify_many(messages))
