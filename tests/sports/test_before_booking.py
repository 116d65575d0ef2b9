"""What a person reads before booking: the weekly limit and what is left of it for the week shown, and each
slot's online-cancellation deadline (or that a slot too close can no longer be cancelled online), in French
and in English."""

import datetime as dt
import html

import pytest
from django.utils import timezone

from common.dates import format_datetime
from sports.services import booking_create
from tests.factories import UserFactory

from .factories import SlotFactory, in_days, week_url

pytestmark = pytest.mark.django_db


def page(client, slot, language="fr"):
    """The resource's page at the week holding `slot` (tests run on any day of the week)."""
    response = client.get(week_url(slot, language))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def starting_in(resource, hours):
    return SlotFactory(resource=resource, starts_at=timezone.now() + dt.timedelta(hours=hours))


def test_a_signed_in_person_sees_how_many_bookings_are_left_this_week(client, resource):
    resource.horizon_weeks = 4
    resource.save()
    person = UserFactory()
    client.force_login(person)
    first = SlotFactory(resource=resource, starts_at=in_days(3, 10))
    assert "Cette semaine, il vous reste 2 réservations sur 2." in page(client, first)
    booking_create(slot=first, person=person)
    assert "Cette semaine, il vous reste 1 réservation sur 2." in page(client, first)
    booking_create(slot=SlotFactory(resource=resource, starts_at=in_days(3, 12)), person=person)
    seen = page(client, first)
    assert "Cette semaine, vous avez utilisé vos 2 réservations." in seen
    assert "une place ne vous sera attribuée que si vous annulez une réservation de cette semaine" in seen
    other_week = SlotFactory(resource=resource, starts_at=in_days(10, 10))
    assert "Cette semaine, il vous reste 2 réservations sur 2." in page(client, other_week)


def test_each_slot_says_until_when_it_can_be_cancelled_online(client, resource):
    later = starting_in(resource, 30)
    soon = starting_in(resource, 5)
    client.force_login(UserFactory())
    deadline = later.starts_at - dt.timedelta(hours=24)
    assert f"Annulable en ligne jusqu'au {format_datetime(deadline)}" in page(client, later)
    assert "Annulation en ligne impossible : le créneau est trop proche" in page(client, soon)


def test_the_same_in_english(client, resource):
    client.force_login(UserFactory(preferred_language="en"))
    later = starting_in(resource, 30)
    soon = starting_in(resource, 5)
    assert "This week you have 2 bookings left out of 2." in page(client, later, "en")
    assert "Can be cancelled online until" in page(client, later, "en")
    assert "Cannot be cancelled online: the slot is too close" in page(client, soon, "en")


def test_a_visitor_is_asked_to_sign_in_and_sees_the_rules_but_no_count(client, resource):
    seen = page(client, starting_in(resource, 30))
    assert "2 réservations par personne et par semaine." in seen
    assert "il vous reste" not in seen
