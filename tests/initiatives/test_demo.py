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


def test_demo_places_say_they_are_examples_in_the_visitors_language(client, demo_data):
    """The mark is a translated badge, not a French word in the place's name."""
    assert not Place.objects.filter(name__contains="(exemple)").exists()
    belleville = Place.objects.get(slug="epn-paris-20-belleville")
    english = client.get(f"/en/lieux/{belleville.slug}/").content.decode()
    assert '<span class="badge text-bg-warning">example</span>' in english
    assert "exemple" not in english.split("<h1>", 1)[1].split("</h1>", 1)[0]
    french = client.get(f"/fr/lieux/{belleville.slug}/").content.decode()
    assert '<span class="badge text-bg-warning">exemple</span>' in french
    assert '<span class="badge text-bg-warning">example</span>' in client.get("/en/lieux/?city=paris").content.decode()
