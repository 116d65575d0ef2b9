"""Demo data of the places: loaded twice, one set of rows; all marked as examples."""

import pytest
from django.core.management import call_command

from initiatives.constants import PlaceKind
from initiatives.models import Place

pytestmark = pytest.mark.django_db


def test_demo_loads_the_places_and_is_idempotent(demo_data):
    first = Place.objects.count()
    call_command("load_demo", "--no-accounts", verbosity=0)
    assert Place.objects.count() == first
    centres = Place.objects.inclusion_centres()
    assert centres.count() >= 12
    assert not centres.filter(is_example=False).exists()  # nothing here comes from a public source
    assert not centres.filter(services=[]).exists()  # every centre offers a service of the schema


def test_demo_directory_pages_open(client, demo_data):
    assert client.get("/fr/lieux/").status_code == 200
    place = Place.objects.filter(kind=PlaceKind.INCLUSION_CENTRE).first()
    assert client.get(place.get_absolute_url()).status_code == 200
