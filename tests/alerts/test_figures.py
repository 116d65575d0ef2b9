"""The partnership page's figure: people following the city by email alerts."""

import pytest

from alerts.models import Subscription
from partnership.models import City

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
