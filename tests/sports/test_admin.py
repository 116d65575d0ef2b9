"""Admin of the sports space: pages, city scoping, actions (block, check in, generate)."""

import datetime as dt

import pytest

from initiatives.constants import PlaceKind
from sports.constants import BookingStatus, SlotStatus
from sports.models import Slot, SportsResource
from tests.factories import InitiativeFactory, PlaceFactory, UserFactory

from .factories import BookingFactory, SlotFactory, SportsResourceFactory

pytestmark = pytest.mark.django_db

ADMIN = "/fr/admin/sports"


@pytest.fixture
def two_cities(paris, lyon):
    paris_slot = SlotFactory(resource=SportsResourceFactory(place__city=paris, name="Espace Paris"))
    lyon_slot = SlotFactory(resource=SportsResourceFactory(place__city=lyon, name="Espace Lyon"))
    return paris_slot, lyon_slot


@pytest.mark.parametrize("model", ["sportsresource", "slot", "booking"])
def test_superuser_opens_every_list_and_add_page(client, superuser, two_cities, model):
    BookingFactory(slot=two_cities[0])
    client.force_login(superuser)
    assert client.get(f"{ADMIN}/{model}/").status_code == 200
    if model == "sportsresource":
        assert client.get(f"{ADMIN}/{model}/add/").status_code == 200


def test_change_pages_render_with_the_inlines(client, superuser, two_cities):
    slot = two_cities[0]
    BookingFactory(slot=slot)
    client.force_login(superuser)
    html = client.get(f"{ADMIN}/sportsresource/{slot.resource.pk}/change/").content.decode()
    assert "opening_periods-TOTAL_FORMS" in html
    assert client.get(f"{ADMIN}/slot/{slot.pk}/change/").status_code == 200
    assert client.get(f"{ADMIN}/booking/{slot.bookings.get().pk}/change/").status_code == 200


def test_city_staff_see_only_their_citys_slots_and_bookings(client, paris_agent, two_cities):
    paris_slot, lyon_slot = two_cities
    BookingFactory(slot=paris_slot)
    BookingFactory(slot=lyon_slot)
    client.force_login(paris_agent)
    html = client.get(f"{ADMIN}/slot/").content.decode()
    assert "Espace Paris" in html and "Espace Lyon" not in html
    assert client.get(f"{ADMIN}/slot/{lyon_slot.pk}/change/").status_code in (302, 404)  # outside their scope
    assert client.get(f"{ADMIN}/booking/").context["cl"].result_count == 1
    assert client.get(f"{ADMIN}/sportsresource/").context["cl"].result_count == 1


def test_place_choices_of_a_resource_are_limited_to_the_staff_city(client, paris_agent, paris, lyon):
    PlaceFactory(city=paris, name="Gymnase Paris", kind=PlaceKind.SPORTS_SPACE)
    PlaceFactory(city=lyon, name="Gymnase Lyon", kind=PlaceKind.SPORTS_SPACE)
    client.force_login(paris_agent)
    response = client.get(f"{ADMIN}/sportsresource/add/")
    queryset = response.context["adminform"].form.fields["place"].queryset
    assert list(queryset.values_list("name", flat=True)) == ["Gymnase Paris"]


def test_staff_set_the_rules_and_hours_and_slots_follow(client, paris_agent, paris, django_capture_on_commit_callbacks):
    place = PlaceFactory(city=paris, kind=PlaceKind.SPORTS_SPACE)
    initiative = InitiativeFactory(partnership__city=paris)
    client.force_login(paris_agent)
    data = {
        "name_fr": "Salle numérique",
        "name_en": "Digital room",
        "slug": "salle-numerique",
        "place": place.pk,
        "initiative": initiative.pk,
        "description_fr": "",
        "description_en": "",
        "slot_minutes": 90,
        "capacity": 8,
        "horizon_weeks": 3,
        "cancellation_hours": 12,
        "max_bookings_per_week": 1,
        "is_active": "on",
        "opening_periods-TOTAL_FORMS": 1,
        "opening_periods-INITIAL_FORMS": 0,
        "opening_periods-MIN_NUM_FORMS": 0,
        "opening_periods-MAX_NUM_FORMS": 1000,
        "opening_periods-0-weekday": 3,
        "opening_periods-0-opens_at": "09:00",
        "opening_periods-0-closes_at": "12:00",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ADMIN}/sportsresource/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    resource = SportsResource.objects.get(slug="salle-numerique")
    assert resource.capacity == 8 and resource.cancellation_hours == 12
    slots = list(resource.slots.all())
    assert 2 <= len(slots) <= 3 * 2  # two 90-minute slots each Thursday, for three weeks ahead
    assert {slot.capacity for slot in slots} == {8}
    assert {(slot.ends_at - slot.starts_at) for slot in slots} == {dt.timedelta(minutes=90)}


def test_block_action_cancels_and_notifies(
    client, paris_agent, two_cities, mailoutbox, django_capture_on_commit_callbacks
):
    slot = two_cities[0]
    BookingFactory(slot=slot, person=UserFactory(email="y@example.org"))
    client.force_login(paris_agent)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ADMIN}/slot/", {"action": "block_slots", "_selected_action": [slot.pk]})
    assert response.status_code == 302
    slot.refresh_from_db()
    assert slot.status == SlotStatus.BLOCKED
    assert [m.to for m in mailoutbox] == [["y@example.org"]]
    client.post(f"{ADMIN}/slot/", {"action": "unblock_slots", "_selected_action": [slot.pk]})
    assert Slot.objects.get(pk=slot.pk).status == SlotStatus.OPEN


def test_block_action_cannot_reach_another_citys_slot(client, paris_agent, two_cities):
    lyon_slot = two_cities[1]
    client.force_login(paris_agent)
    client.post(f"{ADMIN}/slot/", {"action": "block_slots", "_selected_action": [lyon_slot.pk]})
    lyon_slot.refresh_from_db()
    assert lyon_slot.status == SlotStatus.OPEN


def test_check_in_action(client, paris_agent, two_cities):
    booking = BookingFactory(slot=two_cities[0])
    cancelled = BookingFactory(slot=two_cities[0], status=BookingStatus.CANCELLED, place_number=None)
    client.force_login(paris_agent)
    client.post(f"{ADMIN}/booking/", {"action": "check_in", "_selected_action": [booking.pk, cancelled.pk]})
    booking.refresh_from_db()
    cancelled.refresh_from_db()
    assert booking.checked_in_by == paris_agent
    assert cancelled.checked_in_at is None


def test_bookings_and_slots_are_never_added_by_hand(client, superuser):
    client.force_login(superuser)
    assert client.get(f"{ADMIN}/booking/add/").status_code == 403
    assert client.get(f"{ADMIN}/slot/add/").status_code == 403


def test_roles_give_city_staff_the_sports_space_permissions(paris_agent):
    assert paris_agent.has_perm("sports.change_sportsresource")
    assert paris_agent.has_perm("sports.change_booking")
    assert paris_agent.has_perm("sports.add_openingperiod")
    assert not paris_agent.has_perm("sports.add_booking")


def test_the_staff_day_page_refuses_an_impossible_day_with_a_message(client):
    from django.contrib.auth.models import Permission

    from tests.factories import StaffFactory

    agent = StaffFactory()
    agent.user_permissions.add(Permission.objects.get(content_type__app_label="sports", codename="view_booking"))
    client.force_login(agent)
    response = client.get("/fr/espace-sportif/accueil/?day=9999-12-31")
    assert response.status_code == 200
    assert "Assurez-vous que cette valeur est inférieure ou égale à" in response.content.decode()
