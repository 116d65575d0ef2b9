"""The directory's map beyond a few hundred places (markers by area from the API), the "near a postcode or a
commune" field that works without JavaScript, and the query bound of the page with both."""

import json
import re
from decimal import Decimal

import pytest

from initiatives.selectors import near_point
from initiatives.views.places import MAP_EMBED_MAX

from .factories import InclusionPlaceFactory

pytestmark = pytest.mark.django_db

URL = "/fr/lieux/"


def script_json(response, name):
    match = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', response.content.decode())
    return json.loads(match.group(1)) if match else None


@pytest.fixture
def quarter(paris, lyon):
    """Three places in Paris 11e/20e and one in Lyon, at known coordinates."""
    return {
        "oberkampf": InclusionPlaceFactory(
            city=paris,
            name="EPN Oberkampf",
            postcode="75011",
            town="Paris",
            latitude=Decimal("48.865000"),
            longitude=Decimal("2.375000"),
        ),
        "voltaire": InclusionPlaceFactory(
            city=paris,
            name="Médiathèque Voltaire",
            postcode="75011",
            town="Paris",
            latitude=Decimal("48.857000"),
            longitude=Decimal("2.380000"),
        ),
        "belleville": InclusionPlaceFactory(
            city=paris,
            name="Atelier Belleville",
            postcode="75020",
            town="Paris",
            latitude=Decimal("48.872000"),
            longitude=Decimal("2.390000"),
        ),
        "lyon": InclusionPlaceFactory(
            city=lyon,
            name="Espace Part-Dieu",
            postcode="69003",
            town="Lyon",
            latitude=Decimal("45.760000"),
            longitude=Decimal("4.860000"),
        ),
    }


def listed(response):
    return [place.name for place in response.context["page_obj"]]


def test_a_postcode_orders_places_by_distance_from_its_centre_and_shows_the_distance(client, quarter):
    response = client.get(URL, {"pres_de": "75020"})
    assert response.status_code == 200
    assert listed(response) == ["Atelier Belleville", "EPN Oberkampf", "Médiathèque Voltaire"]  # Lyon is too far
    html = response.content.decode()
    assert "Du plus proche au plus loin du centre de 75020, à moins de 30 km." in html
    assert "à 0,0 km" in html  # the only place of 75020 is its centre
    assert re.search(r"EPN Oberkampf.*?à 1,[0-9] km", html, re.S)


def test_a_commune_or_an_address_with_a_postcode_is_understood_without_javascript(client, quarter):
    assert listed(client.get(URL, {"pres_de": "lyon"})) == ["Espace Part-Dieu"]
    assert listed(client.get(URL, {"pres_de": "12 rue Oberkampf, 75011 PARIS"}))[:2] == [
        "EPN Oberkampf",
        "Médiathèque Voltaire",
    ] or listed(client.get(URL, {"pres_de": "12 rue Oberkampf, 75011 PARIS"}))[:2] == [
        "Médiathèque Voltaire",
        "EPN Oberkampf",
    ]
    point = near_point("Paris")
    assert point.label == "Paris"
    assert round(point.latitude, 3) == round((48.865 + 48.857 + 48.872) / 3, 3)


def test_an_unknown_postcode_says_so_next_to_the_field_and_keeps_the_whole_list(client, quarter):
    response = client.get(URL, {"pres_de": "29200"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nous ne connaissons aucun lieu à ce code postal ou dans cette commune." in html
    assert 'aria-invalid="true"' in html or "is-invalid" in html
    assert len(listed(response)) == 4
    assert len(listed(client.get(URL, {"pres_de": "Atlantide"}))) == 4


def test_the_near_field_combines_with_the_filters_and_escapes_what_is_typed(client, quarter):
    quarter["voltaire"].fees = []
    quarter["voltaire"].save()
    assert listed(client.get(URL, {"pres_de": "75011", "free": "on"})) == ["EPN Oberkampf", "Atelier Belleville"]
    html = client.get(URL, {"pres_de": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in html


def test_up_to_the_limit_the_markers_come_with_the_page(client, quarter):
    response = client.get(URL)
    assert len(script_json(response, "places-data")) == 4
    assert "data-api-url" not in response.content.decode()
    assert {row["slug"] for row in script_json(response, "places-data")} == {p.slug for p in quarter.values()}


def test_beyond_the_limit_the_map_loads_the_places_of_its_area_from_the_api(client, paris, settings):
    InclusionPlaceFactory.create_batch(MAP_EMBED_MAX + 1, city=paris, latitude=Decimal("48.85"))
    InclusionPlaceFactory(city=paris, latitude=Decimal("48.90"), longitude=Decimal("2.30"))
    response = client.get(URL, {"city": "paris", "free": "on"})
    html = response.content.decode()
    assert script_json(response, "places-data") == []
    assert script_json(response, "places-bounds") == [[48.85, 2.3], [48.9, 2.38]]
    api_url = re.search(r'data-api-url="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert api_url == "/api/v1/places.geojson?city=paris&free=true"
    answer = client.get(f"{api_url}&bbox=2.29,48.89,2.31,48.91&page_size=1000").json()
    assert answer["total"] == 1  # the API gives the area's places only


@pytest.mark.parametrize("rows", [10, 200])
def test_the_directory_with_a_postcode_keeps_its_query_bound(client, paris, django_assert_max_num_queries, rows):
    InclusionPlaceFactory.create_batch(rows, city=paris, postcode="75011")
    with django_assert_max_num_queries(11):
        response = client.get(URL, {"city": "paris", "free": "on", "pres_de": "75011"})
    assert response.context["page_obj"].paginator.count == rows


@pytest.mark.parametrize("rows", [MAP_EMBED_MAX + 10, MAP_EMBED_MAX + 200])
def test_the_directory_by_area_keeps_its_query_bound(client, paris, django_assert_max_num_queries, rows):
    InclusionPlaceFactory.create_batch(rows, city=paris)
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"city": "paris"})
    assert response.context["page_obj"].paginator.count == rows


def test_only_the_directory_lets_the_page_ask_for_the_position(client, quarter):
    policy = client.get(URL)["Permissions-Policy"]
    assert "geolocation=(self)" in policy
    assert "camera=()" in policy
    assert "geolocation=()" in client.get(quarter["lyon"].get_absolute_url())["Permissions-Policy"]
