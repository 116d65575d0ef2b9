"""The staff dashboard lists failed messages of the person's cities; the signed links inside a message stay hidden."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import CITY_STAFF, setup_roles
from notifications.models import Notification
from partnership.models import City
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


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
