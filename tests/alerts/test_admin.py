"""Staff: alert subscriptions seen only by the staff of the cities they ask about; the demo rows."""

import pytest
from django.urls import reverse

from tests import factories
from tests.alerts.factories import SubscriptionFactory

pytestmark = pytest.mark.django_db

SUBSCRIPTIONS = "admin:alerts_subscription_changelist"


def test_city_staff_see_the_subscriptions_that_include_their_city_once(client):
    paris, lyon, marseille = (factories.CityFactory(name=n) for n in ("Paris", "Lyon", "Marseille"))
    SubscriptionFactory(email="paris-lyon@example.org", cities=[paris, lyon])
    SubscriptionFactory(email="lyon@example.org", cities=[lyon])
    SubscriptionFactory(email="partout@example.org")
    agent = factories.city_agent(paris)
    marseille.staff.add(agent)
    client.force_login(agent)
    response = client.get(reverse(SUBSCRIPTIONS))
    assert response.status_code == 200
    assert [s.email for s in response.context["cl"].result_list] == ["paris-lyon@example.org"]
    assert "partout@example.org" not in response.content.decode()


def test_superusers_see_every_subscription(client, superuser):
    SubscriptionFactory(email="partout@example.org")
    SubscriptionFactory(email="lyon@example.org", cities=[factories.CityFactory(name="Lyon")])
    client.force_login(superuser)
    assert client.get(reverse(SUBSCRIPTIONS)).context["cl"].result_count == 2


def test_demo_subscriptions_load_twice_without_duplicates(demo_data):
    from django.core.management import call_command

    from alerts.models import Subscription

    call_command("load_demo", "--no-accounts", verbosity=0)
    assert Subscription.objects.active().count() == 3
    paris = Subscription.objects.get(email__startswith="exemple.alertes.paris")
    assert [c.slug for c in paris.cities.all()] == ["paris"]
