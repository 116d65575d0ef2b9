"""Demo data of the sports space: loaded twice, one set of rows, on the catalogue's place and initiative."""

import pytest
from django.core.management import call_command

from sports.models import OpeningPeriod, Slot, SportsResource

pytestmark = pytest.mark.django_db


def counts():
    return (SportsResource.objects.count(), OpeningPeriod.objects.count(), Slot.objects.count())


def test_demo_loads_the_sports_space_and_is_idempotent(demo_data):
    first = counts()
    call_command("load_demo", "--no-accounts", verbosity=0)
    assert counts() == first
    resource = SportsResource.objects.get(slug="espace-sportif-porte-de-montreuil")
    assert resource.place.slug == "espace-sportif-porte-de-montreuil"
    assert resource.initiative.slug == "espace-sportif-numerique-porte-de-montreuil"
    assert resource.opening_periods.count() == 7
    assert resource.slots.count() > 0


def test_demo_sports_pages_open(client, demo_data):
    assert client.get("/fr/espace-sportif/", follow=True).status_code == 200
