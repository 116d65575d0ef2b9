import pytest
from django.contrib.auth.models import Group

from accounts.roles import CITY_STAFF, setup_roles
from notifications.models import Notification, Subscription
from partnership.models import City
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def _subscription(email, cities=(), confirmed=True):
    from django.utils import timezone

    subscription = Subscription.objects.create(
        email=email, is_confirmed=confirmed, confirmed_at=timezone.now() if confirmed else None
    )
    subscription.cities.set(cities)
    return subscription


def _subscribers(client):
    figures = client.get("/fr/partenariats/paris-microsoft/").context["figures"]
    return next(f.value for f in figures if f.key == "alert_subscribers")


def test_subscribers_of_the_city_and_of_every_city_are_counted(client, demo_data):
    paris, lyon = City.objects.get(slug="paris"), City.objects.get(slug="lyon")
    before = _subscribers(client)  # the demo data's own subscribers
    _subscription("a@example.org", [paris])
    _subscription("b@example.org", [paris, lyon])
    _subscription("c@example.org", [lyon])
    _subscription("d@example.org")  # every city
    _subscription("e@example.org", [paris], confirmed=False)  # never confirmed: not counted
    assert _subscribers(client) - before == 3


def test_dashboard_lists_failed_messages_of_the_staffs_city(client, demo_data):
    setup_roles()
    paris, lyon = City.objects.get(slug="paris"), City.objects.get(slug="lyon")
    for city, email in ((paris, "paris@example.org"), (lyon, "lyon@example.org")):
        Notification.objects.create(
            email=email,
            kind="training.reminder",
            idempotency_key=email,
            status="failed",
            last_error="550 refusé",
            city=city,
        )
    agent = StaffFactory()
    agent.groups.add(Group.objects.get(name=CITY_STAFF))
    lyon.staff.add(agent)
    client.force_login(agent)
    widget = next(w for w in client.get("/fr/admin/").context["dashboard_widgets"] if w.title == "Messages en échec")
    assert [row.label for row in widget.rows] == ["training.reminder → lyon@example.org"]
    assert widget.rows[0].value == "550 refusé"


def test_city_staff_do_not_see_the_signed_links_inside_a_message(client, demo_data):
    setup_roles()
    paris = City.objects.get(slug="paris")
    notification = Notification.objects.create(
        email="acteur@example.org",
        kind="startups.recommendation_request",
        idempotency_key="secret-link",
        city=paris,
        context={"respond_path": "/fr/candidatures/recommandation/JETON-SECRET/"},
    )
    agent = StaffFactory()
    agent.groups.add(Group.objects.get(name=CITY_STAFF))
    paris.staff.add(agent)
    client.force_login(agent)
    page = client.get(f"/fr/admin/notifications/notification/{notification.pk}/change/")
    assert page.status_code == 200
    assert "JETON-SECRET" not in page.content.decode()
    assert "acteur@example.org" in page.content.decode()
