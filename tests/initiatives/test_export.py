"""Open data: places download in the national schema (CSV and JSON) and parse back."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from initiatives.constants import PlaceKind, PlacePublic, PlaceService
from initiatives.mednum import COLUMNS
from initiatives.models import Place
from tests.factories import PlaceFactory

from .factories import InclusionPlaceFactory

pytestmark = pytest.mark.django_db

CSV_URL = "/donnees/lieux-mediation-numerique.csv"
JSON_URL = "/donnees/lieux-mediation-numerique.json"
FIELDS = [
    "identifier",
    "pivot",
    "name",
    "town",
    "postcode",
    "insee_code",
    "address",
    "latitude",
    "longitude",
    "opening_hours",
    "summary_fr",
    "services",
    "publics",
    "fees",
    "support_modes",
    "acceslibre_url",
    "data_updated_on",
]


@pytest.fixture
def places(paris):
    first = InclusionPlaceFactory(
        city=paris,
        name="EPN « Belleville », 2e étage",
        identifier="epn-belleville",
        pivot="73282932000074",
        insee_code="75120",
        services=[PlaceService.ACCESS, PlaceService.ADMIN_PROCEDURES],
        publics=[PlacePublic.SENIORS, PlacePublic.FAMILIES],
        opening_hours="Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00",
        acceslibre_url="https://acceslibre.beta.gouv.fr/app/exemple/",
    )
    second = InclusionPlaceFactory(city=paris, identifier="", slug="sans-identifiant", latitude=None, longitude=None)
    PlaceFactory(city=paris, kind=PlaceKind.SPORTS_SPACE, name="Espace sportif")
    return first, second


def snapshot():
    return {
        place.open_data_id: [getattr(place, field) for field in FIELDS] for place in Place.objects.inclusion_centres()
    }


def test_csv_download_is_the_schema_with_one_row_per_inclusion_place(client, places):
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert list(rows[0].keys()) == COLUMNS
    assert [row["id"] for row in rows] == ["epn-belleville", "sans-identifiant"]  # no sports space
    first = rows[0]
    assert first["nom"] == "EPN « Belleville », 2e étage"
    assert first["services"] == "Accès internet et matériel informatique;Aide aux démarches administratives"
    assert first["publics_specifiquement_adresses"] == "Seniors;Familles et/ou enfants"
    assert first["frais_a_charge"] == "Gratuit : Je peux accéder gratuitement au lieu et à ses services"
    assert first["date_maj"] == "2026-11-20"
    assert rows[1]["pivot"] == "00000000000000"  # the schema's marker for an unknown SIRET
    assert rows[1]["latitude"] == ""


def test_json_download_holds_the_same_rows(client, places):
    csv_rows = list(csv.DictReader(io.StringIO(client.get(CSV_URL).content.decode())))
    json_rows = json.loads(client.get(JSON_URL).content)
    assert [row["id"] for row in json_rows] == [row["id"] for row in csv_rows]
    assert json_rows[0]["latitude"] == pytest.approx(48.86)
    assert json_rows[0]["services"] == csv_rows[0]["services"]
    assert set(json_rows[0]) == set(COLUMNS)


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_an_export_imports_back_to_the_same_places(client, places, tmp_path, url):
    before = snapshot()
    path = tmp_path / url.rsplit("/", 1)[-1]
    path.write_bytes(client.get(url).content)
    Place.objects.inclusion_centres().delete()
    call_command("import_places", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    after = snapshot()
    before["sans-identifiant"][0] = "sans-identifiant"  # the slug stood in for the missing identifier
    assert after == before


def test_reimporting_an_export_updates_the_places_in_place(client, places, tmp_path):
    path = tmp_path / "lieux.csv"
    path.write_bytes(client.get(CSV_URL).content)
    out = io.StringIO()
    call_command("import_places", str(path), stdout=out, stderr=io.StringIO())
    assert "0 créée(s), 2 mise(s) à jour, 0 rejetée(s)" in out.getvalue()


def test_open_data_page_links_the_files_and_states_the_licence(client, places):
    html = client.get("/fr/lieux/donnees-ouvertes/").content.decode()
    assert CSV_URL in html and JSON_URL in html
    assert "Licence Ouverte 2.0" in html
    assert "standard-mediation-num" in html
    assert "2 lieux" in html
    assert "Open Licence" in client.get("/en/lieux/donnees-ouvertes/").content.decode()


@pytest.mark.parametrize("rows", [10, 200])
def test_export_query_count_does_not_grow_with_rows(client, paris, django_assert_max_num_queries, rows):
    InclusionPlaceFactory.create_batch(rows, city=paris)
    with django_assert_max_num_queries(3):
        response = client.get(CSV_URL)
    assert response.content.decode().count("\n") == rows + 1
