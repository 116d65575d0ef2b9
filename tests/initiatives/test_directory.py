"""The directory of digital-inclusion places: every filter, the map data, the page per place, query bounds."""

import datetime as dt
import json
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from initiatives.constants import PlaceFee, PlaceKind, PlacePublic, PlaceService
from initiatives.selectors import postcode_label
from tests.factories import PlaceFactory

from .factories import InclusionPlaceFactory

pytestmark = pytest.mark.django_db

URL = "/fr/lieux/"
TUESDAY_NOON = dt.datetime(2026, 11, 24, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))
SUNDAY_NOON = dt.datetime(2026, 11, 29, 12, 0, tzinfo=ZoneInfo("Europe/Paris"))


def names(response):
    return sorted(place.name for place in response.context["page_obj"])


def map_data(response):
    match = re.search(r'<script id="places-data" type="application/json">(.*?)</script>', response.content.decode())
    return json.loads(match.group(1))


@pytest.fixture
def at(monkeypatch):
    """Freeze `timezone.now()` (what the directory calls 'now') at a given instant."""

    def freeze(instant):
        monkeypatch.setattr(timezone, "now", lambda: instant)

    return freeze


@pytest.fixture
def places(paris, lyon):
    return {
        "belleville": InclusionPlaceFactory(
            city=paris,
            name="EPN Belleville",
            postcode="75020",
            services=[PlaceService.ACCESS, PlaceService.EVERYDAY_TOOLS],
            publics=[PlacePublic.SENIORS],
            fees=[PlaceFee.FREE],
            opening_hours="Mo-Fr 10:00-18:00",
        ),
        "goutte": InclusionPlaceFactory(
            city=paris,
            name="Centre social Goutte d'Or",
            postcode="75018",
            services=[PlaceService.ADMIN_PROCEDURES],
            publics=[PlacePublic.FAMILIES],
            fees=[PlaceFee.FREE_UNDER_CONDITIONS],
            opening_hours="Sa,Su 10:00-18:00",
        ),
        "night": InclusionPlaceFactory(
            city=paris,
            name="Cyber-espace du soir",
            postcode="75011",
            services=[PlaceService.ACCESS],
            fees=[PlaceFee.PAYING],
            opening_hours="Sa 20:00-02:00",
            latitude=None,
            longitude=None,
        ),
        "lyon": InclusionPlaceFactory(
            city=lyon,
            name="Espace Guillotière",
            postcode="69007",
            town="Lyon",
            services=[PlaceService.ADMIN_PROCEDURES, PlaceService.EMPLOYMENT],
            publics=[PlacePublic.YOUNG, PlacePublic.SENIORS],
            fees=[PlaceFee.FREE],
            opening_hours="",
            latitude=Decimal("45.755300"),
            longitude=Decimal("4.842600"),
        ),
        "sport": PlaceFactory(city=paris, name="Espace sportif", kind=PlaceKind.SPORTS_SPACE),
    }


def test_directory_lists_inclusion_centres_only_with_a_count(client, places):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == [
        "Centre social Goutte d'Or",
        "Cyber-espace du soir",
        "EPN Belleville",
        "Espace Guillotière",
    ]
    assert "4 lieux trouvés" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("city=paris", ["Centre social Goutte d'Or", "Cyber-espace du soir", "EPN Belleville"]),
        ("city=lyon", ["Espace Guillotière"]),
        ("postcode=75020", ["EPN Belleville"]),
        ("postcode=69007", ["Espace Guillotière"]),
        (f"service={PlaceService.ADMIN_PROCEDURES}", ["Centre social Goutte d'Or", "Espace Guillotière"]),
        (f"service={PlaceService.ACCESS}", ["Cyber-espace du soir", "EPN Belleville"]),
        (f"service={PlaceService.SOLIDARITY_EQUIPMENT}", []),
        (f"public={PlacePublic.SENIORS}", ["EPN Belleville", "Espace Guillotière"]),
        (f"public={PlacePublic.FAMILIES}", ["Centre social Goutte d'Or"]),
        # "Free" means free for everyone: "free under conditions" is another code, not a prefix match.
        ("free=on", ["EPN Belleville", "Espace Guillotière"]),
        (f"city=paris&service={PlaceService.ACCESS}&free=on", ["EPN Belleville"]),
    ],
)
def test_each_filter_narrows_the_list(client, places, query, expected):
    assert names(client.get(f"{URL}?{query}")) == expected


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (TUESDAY_NOON, ["EPN Belleville"]),
        (SUNDAY_NOON, ["Centre social Goutte d'Or"]),  # the weekday centre is closed on Sunday
        (dt.datetime(2026, 11, 29, 1, 30, tzinfo=ZoneInfo("Europe/Paris")), ["Cyber-espace du soir"]),  # past midnight
        (dt.datetime(2026, 11, 24, 20, 0, tzinfo=ZoneInfo("Europe/Paris")), []),
    ],
)
def test_open_now_filter_at_given_instants(client, places, at, instant, expected):
    at(instant)
    assert names(client.get(f"{URL}?open_now=on")) == expected


def test_open_now_combines_with_other_filters(client, places, at):
    at(TUESDAY_NOON)
    assert names(client.get(f"{URL}?open_now=on&city=lyon")) == []  # Lyon's hours are unknown: never "open"
    assert names(client.get(f"{URL}?open_now=on&free=on")) == ["EPN Belleville"]


def test_unchecked_boxes_do_not_filter(client, places):
    assert len(names(client.get(f"{URL}?open_now=&free=&city="))) == 4


def test_each_place_says_whether_it_is_open_and_until_when(client, places, at):
    at(TUESDAY_NOON)
    html = client.get(f"{URL}?city=paris").content.decode()
    assert "Ouvert maintenant" in html and "ferme mardi 18:00" in html
    assert "ouvre samedi 10:00" in html
    assert "Horaires non renseignés" in client.get(f"{URL}?city=lyon").content.decode()


def test_postcode_choices_name_the_arrondissement(client, places):
    html = client.get(URL).content.decode()
    assert "75020 (Paris 20e)" in html
    assert "69007 (Lyon 7e)" in html
    assert postcode_label("75116") == "75116 (Paris 16e)"
    assert postcode_label("75001") == "75001 (Paris 1er)"
    assert postcode_label("93100") == "93100"


@pytest.mark.parametrize(
    "query",
    ["city=atlantide", "postcode=99999", "service=nope", "open_now=peut-etre", "page=abc", "page=999"],
)
def test_nonsense_values_give_a_normal_page(client, places, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200


def test_an_unknown_filter_value_is_explained_next_to_its_field(client, places):
    html = client.get(f"{URL}?service=nope").content.decode()
    assert "Sélectionnez un choix valide" in html
    assert "is-invalid" in html


def test_map_gets_the_filtered_places_with_coordinates_as_json(client, places, at):
    at(TUESDAY_NOON)
    data = map_data(client.get(f"{URL}?city=paris"))
    # The night place has no coordinates: it is in the list, not on the map.
    assert sorted(item["name"] for item in data) == ["Centre social Goutte d'Or", "EPN Belleville"]
    belleville = next(item for item in data if item["name"] == "EPN Belleville")
    assert belleville["open"] is True
    assert belleville["url"] == f"/fr/lieux/{places['belleville'].slug}/"
    assert belleville["lat"] == pytest.approx(48.86)


def test_map_is_hidden_until_javascript_starts_it_and_tiles_come_from_the_setting(client, places, settings):
    html = client.get(URL).content.decode()
    assert re.search(r'<div id="places-map" class="places-map" hidden', html)
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    assert "js/places-map.js" in html and "vendor/leaflet/leaflet.js" in html
    assert "<script>" not in html  # no inline script: data travels in a JSON block


def test_the_map_data_cannot_break_out_of_its_script_block(client, paris):
    InclusionPlaceFactory(city=paris, name="</script><script>alert(1)</script>")
    html = client.get(URL).content.decode()
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("rows", [10, 200])
def test_directory_query_count_does_not_grow_with_rows(client, paris, django_assert_max_num_queries, rows, at):
    at(TUESDAY_NOON)
    InclusionPlaceFactory.create_batch(rows, city=paris)
    with django_assert_max_num_queries(9):
        response = client.get(f"{URL}?city=paris&open_now=on&free=on")
    assert response.context["page_obj"].paginator.count == rows
    assert len(map_data(response)) == rows


def test_place_page_shows_the_schema_fields_and_the_week(client, places, at):
    at(TUESDAY_NOON)
    place = places["belleville"]
    place.acceslibre_url = "https://acceslibre.beta.gouv.fr/app/exemple/"
    place.booking_url = "https://rdv.example/belleville"
    place.pivot = "73282932000074"
    place.save()
    response = client.get(place.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>EPN Belleville</h1>" in html
    assert "Accès internet et matériel informatique" in html
    assert "Accompagnement individuel" in html
    assert "Fiche Acceslibre du lieu" in html and "Prendre rendez-vous en ligne" in html
    assert "73282932000074" in html
    assert "Ouvert maintenant" in html
    assert "10:00–18:00" in html  # the schedule of the coming days
    assert "Tout public" not in html and "Seniors" in html


def test_place_page_in_english(client, places):
    html = client.get(f"/en/lieux/{places['lyon'].slug}/").content.decode()
    assert "Help with online procedures" in html
    assert "Opening hours not given" in html


def test_unknown_place_gives_404(client, places):
    assert client.get("/fr/lieux/nulle-part/").status_code == 404
