import pytest

from initiatives.models import Place

pytestmark = pytest.mark.django_db


def test_partnership_page_counts_the_inclusion_places_of_its_city(client, demo_data):
    figures = {f.key: f.value for f in client.get("/fr/partenariats/paris-microsoft/").context["figures"]}
    assert figures["inclusion_places"] == Place.objects.inclusion_centres().filter(city__slug="paris").count() > 0
