"""The new pages and the calendar feed read in a fixed number of queries, whatever the number of rows."""

import pytest

from accounts.services import calendar_feed_issue
from sports.constants import BookingStatus
from sports.models import WaitlistEntry
from tests.factories import UserFactory
from tests.training.factories import RegistrationFactory

from .factories import BookingFactory, SlotFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [4, 40])
def test_my_bookings_with_waitlists_reads_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, resource, rows
):
    person = UserFactory()
    for _ in range(rows):
        BookingFactory(person=person, slot=SlotFactory(resource=resource), place_number=1)
        WaitlistEntry.objects.create(slot=SlotFactory(resource=resource), person=person)
    client.force_login(person)
    with django_assert_max_num_queries(8):
        response = client.get("/fr/espace-sportif/mes-reservations/")
    assert response.content.decode().count("Position dans la liste") == rows


@pytest.mark.parametrize("rows", [4, 40])
def test_the_week_of_slots_with_waitlists_reads_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, resource, rows
):
    person = UserFactory()
    resource.capacity = 1
    resource.save()
    for _ in range(rows):
        slot = SlotFactory(resource=resource, capacity=1)
        BookingFactory(slot=slot, place_number=1)
        WaitlistEntry.objects.create(slot=slot, person=person)
        WaitlistEntry.objects.create(slot=slot, person=UserFactory())
    client.force_login(person)
    with django_assert_max_num_queries(10):
        response = client.get(f"/fr/espace-sportif/{resource.slug}/?semaine=0")
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_the_calendar_feed_reads_in_a_fixed_number_of_queries(client, django_assert_max_num_queries, resource, rows):
    person = UserFactory()
    for _ in range(rows):
        BookingFactory(person=person, slot=SlotFactory(resource=resource), place_number=1)
        RegistrationFactory(person=person)
    BookingFactory(
        person=person, slot=SlotFactory(resource=resource), place_number=None, status=BookingStatus.CANCELLED
    )
    token = calendar_feed_issue(person=person)
    with django_assert_max_num_queries(6):
        response = client.get(f"/agenda/{token}.ics")
    assert response.content.count(b"BEGIN:VEVENT") == 2 * rows
