import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.roles import CITY_STAFF, setup_roles
from partnership.models import City
from sports.constants import BookingStatus
from sports.models import Slot
from tests.factories import StaffFactory
from tests.sports.factories import BookingFactory

pytestmark = pytest.mark.django_db


def test_partnership_page_counts_bookings(client, demo_data):
    slot = Slot.objects.filter(resource__initiative__partnership__slug="paris-microsoft").first()
    first = BookingFactory(slot=slot, place_number=1, checked_in_at=timezone.now())
    BookingFactory(slot=slot, place_number=2)
    BookingFactory(slot=slot, place_number=None, status=BookingStatus.CANCELLED)
    assert first.pk
    figures = {f.key: f.value for f in client.get("/fr/partenariats/paris-microsoft/").context["figures"]}
    assert figures["bookings"] == 2
    assert figures["bookings_attended"] == 1


def test_dashboard_shows_todays_slots_of_the_staffs_city(client, demo_data):
    setup_roles()
    agent = StaffFactory()
    agent.groups.add(Group.objects.get(name=CITY_STAFF))
    City.objects.get(slug="lyon").staff.add(agent)
    client.force_login(agent)
    widgets = client.get("/fr/admin/").context["dashboard_widgets"]
    today = next(w for w in widgets if w.title == "Réservations du jour")
    assert today.rows == []  # the sports space is in Paris
    City.objects.get(slug="paris").staff.add(agent)
    agent._staff_city_ids = None
    widgets = client.get("/fr/admin/").context["dashboard_widgets"]
    today = next(w for w in widgets if w.title == "Réservations du jour")
    expected = Slot.objects.filter(starts_at__date=timezone.localdate()).count()
    assert len(today.rows) == min(expected, 12)
