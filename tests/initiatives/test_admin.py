"""Admin of places: pages, schema fields, update date, opening hours."""

import datetime as dt

import pytest

from initiatives.constants import PlaceService
from initiatives.models import Place

from .factories import InclusionPlaceFactory

pytestmark = pytest.mark.django_db

ADMIN = "/fr/admin/initiatives"


def test_superuser_opens_the_list_and_add_pages(client, superuser):
    InclusionPlaceFactory()
    client.force_login(superuser)
    assert client.get(f"{ADMIN}/place/").status_code == 200
    assert client.get(f"{ADMIN}/place/add/").status_code == 200


def test_change_page_renders_with_the_schema_fields(client, superuser, paris):
    place = InclusionPlaceFactory(city=paris)
    client.force_login(superuser)
    html = client.get(f"{ADMIN}/place/{place.pk}/change/").content.decode()
    assert "Identification (schéma national)" in html and 'name="services"' in html and 'name="summary_en"' in html


def test_editing_a_place_refreshes_its_update_date(client, superuser, paris):
    place = InclusionPlaceFactory(city=paris, data_updated_on=dt.date(2020, 1, 1))
    client.force_login(superuser)
    response = client.get(f"{ADMIN}/place/{place.pk}/change/")
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list):
            data[name] = value
        elif hasattr(value, "pk"):
            data[name] = value.pk
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    data["services"] = [PlaceService.ACCESS, PlaceService.LEISURE]
    data["opening_hours"] = "Mo-Fr 10:00-17:00"
    response = client.post(f"{ADMIN}/place/{place.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    place.refresh_from_db()
    assert place.services == [PlaceService.ACCESS, PlaceService.LEISURE]
    assert place.data_updated_on > dt.date(2020, 1, 1)


def test_a_wrong_opening_hours_value_is_explained_in_the_form(client, superuser, paris):
    place = InclusionPlaceFactory(city=paris)
    client.force_login(superuser)
    response = client.post(f"{ADMIN}/place/{place.pk}/change/", {"opening_hours": "lundi 9h"})
    assert "OpenStreetMap" in str(response.context["adminform"].form.errors["opening_hours"])
    assert Place.objects.get(pk=place.pk).opening_hours == "Mo-Fr 09:00-18:00"
