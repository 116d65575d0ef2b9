"""Demo data of the places and the sports space: loaded twice, one set of rows; all marked as examples."""

import pytest
from django.core.management import call_command

from initiatives.constants import PlaceKind
from initiatives.models import OpeningPeriod, Place, Slot, SportsResource

pytestmark = pytest.mark.django_db


def counts():
    return (Place.objects.count(), SportsResource.objects.count(), OpeningPeriod.objects.count(), Slot.objects.count())


def test_demo_loads_the_sports_space_and_places_and_is_idempotent(demo_data):
    first = counts()
    call_command("load_demo", "--no-accounts", verbosity=0)
    assert counts() == first
    resource = SportsResource.objects.get(slug="espace-sportif-porte-de-montreuil")
    assert resource.place.slug == "espace-sportif-porte-de-montreuil"
    assert resource.initiative.slug == "espace-sportif-numerique-porte-de-montreuil"
    assert resource.opening_periods.count() == 7
    assert resource.slots.count() > 0
    centres = Place.objects.inclusion_centres()
    assert centres.count() >= 12
    assert not centres.filter(is_example=False).exists()  # nothing here comes from a public source
    assert not centres.filter(services=[]).exists()  # every centre offers a service of the schema


def test_demo_directory_and_sports_pages_open(client, demo_data):
    assert client.get("/fr/lieux/").status_code == 200
    assert client.get("/fr/espace-sportif/", follow=True).status_code == 200
    place = Place.objects.filter(kind=PlaceKind.INCLUSION_CENTRE).first()
    assert client.get(place.get_absolute_url()).status_code == 200
