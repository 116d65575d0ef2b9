"""A place's page (initiatives) links to booking each active resource of the place (the sports app's hook)."""

import pytest

from tests.factories import PlaceFactory

from .factories import SportsResourceFactory

pytestmark = pytest.mark.django_db


def test_a_place_page_offers_to_book_each_active_resource_in_the_visitors_language(client, paris):
    place = PlaceFactory(city=paris, name="Gymnase des Lilas")
    open_room = SportsResourceFactory(place=place, name="Salle de danse", name_en="Dance room")
    SportsResourceFactory(place=place, name="Salle fermée", is_active=False)
    SportsResourceFactory(place__city=paris, name="Salle d'un autre lieu")

    french = client.get(place.get_absolute_url()).content.decode()
    assert (
        f'<a class="btn btn-primary" href="{open_room.get_absolute_url()}">Réserver un créneau : Salle de danse</a>'
        in french
    )
    assert "Salle fermée" not in french and "Salle d&#x27;un autre lieu" not in french

    english = client.get("/en" + place.get_absolute_url()[3:]).content.decode()
    assert "Book a slot: Dance room" in english


def test_a_place_without_resources_offers_no_booking(client, paris):
    place = PlaceFactory(city=paris)
    assert "Réserver un créneau" not in client.get(place.get_absolute_url()).content.decode()
