"""Open data: places download in the national schema v1.0.2 (CSV and JSON), valid against La Mednum's
schema.json with frictionless (demo data, awkward generated places), and back in through the import; the
schema's official example goes in and comes back out identical in meaning."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from common.time import city_today
from initiatives.constants import (
    PlaceAccessMode,
    PlaceFee,
    PlaceKind,
    PlaceLabel,
    PlaceMobility,
    PlaceProgramme,
    PlacePublic,
    PlaceService,
    PlaceSpecificSupport,
    PlaceSupportMode,
)
from initiatives.demo import places as places_demo
from initiatives.mednum import COLUMNS, MULTI_COLUMNS, SCHEMA_FILE, split_values
from initiatives.models import Place
from partnership import demo as partnership_demo
from tests.factories import CityFactory, PlaceFactory
from tests.table_schema import schema_errors

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
    "mobility",
    "national_programmes",
    "labels",
    "other_labels",
    "email",
    "other_emails",
    "website",
    "other_websites",
    "typology",
    "acceslibre_url",
    "data_updated_on",
]
OFFICIAL_EXAMPLE = Path(__file__).resolve().parent / "data" / "mednum-exemple-valide.csv"


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
        fees=[PlaceFee.FREE_UNDER_CONDITIONS, PlaceFee.PAYING],
        support_modes=[PlaceSupportMode.REMOTE, PlaceSupportMode.WORKSHOP],
        mobility=[PlaceMobility.ITINERANT],
        national_programmes=[PlaceProgramme.AIDANTS_CONNECT],
        labels=[PlaceLabel.ETAPES_NUMERIQUES, PlaceLabel.DUPLEX],
        typology="TIERS_LIEUX;ASSO",
        phone="01 80 05 98 80",
        email="contact@belleville.example",
        other_emails="aide@belleville.example\nresponsable@belleville.example",
        website="https://belleville.example/",
        other_websites="https://social.example/belleville",
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
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response["Access-Control-Allow-Origin"] == "*"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert list(rows[0].keys()) == COLUMNS
    assert [row["id"] for row in rows] == ["epn-belleville", "sans-identifiant"]  # no sports space
    first = rows[0]
    assert first["nom"] == "EPN « Belleville », 2e étage"
    assert first["services"] == "Accès internet et matériel informatique|Aide aux démarches administratives"
    assert first["publics_specifiquement_adresses"] == "Seniors|Familles et/ou enfants"
    assert first["frais_a_charge"] == "Gratuit sous condition|Payant"
    assert first["modalites_accompagnement"] == "À distance|Dans un atelier collectif"
    assert first["itinerance"] == "Itinérant"
    assert first["dispositif_programmes_nationaux"] == "Aidants Connect"
    assert first["formations_labels"] == "Étapes numériques(La Poste)|Formé à « DUPLEX » (illettrisme)"
    assert first["typologie"] == "TIERS_LIEUX|ASSO"
    assert first["telephone"] == "+33180059880"
    assert first["courriels"] == "contact@belleville.example|aide@belleville.example|responsable@belleville.example"
    assert first["site_web"] == "https://belleville.example/|https://social.example/belleville"
    assert first["date_maj"] == "2026-11-20"
    assert rows[1]["pivot"] == "00000000000000"  # the schema's marker for an unknown SIRET
    assert rows[1]["latitude"] == ""


def test_json_download_holds_the_same_rows(client, places):
    csv_rows = list(csv.DictReader(io.StringIO(client.get(CSV_URL).content.decode())))
    document = json.loads(client.get(JSON_URL).content)
    assert document["licence"] == "Licence Ouverte 2.0 (Etalab)"
    assert document["schema"] == "http://testserver/donnees/lieux-mediation-numerique.schema.json"
    json_rows = document["donnees"]
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


def test_reimporting_an_export_changes_only_what_the_schema_spells_differently_then_nothing(client, places, tmp_path):
    path = tmp_path / "lieux.csv"
    path.write_bytes(client.get(CSV_URL).content)
    out = io.StringIO()
    call_command("import_places", str(path), stdout=out, stderr=io.StringIO())
    # The phone was stored in the international form already (common.fields.PhoneField): only the place without
    # identifier changes, taking its slug as one.
    assert "0 créée(s), 1 mise(s) à jour, 1 inchangée(s)" in out.getvalue()
    first, second = places
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.phone == "+33180059880" and second.identifier == "sans-identifiant"
    call_command("import_places", str(path), stdout=out, stderr=io.StringIO())
    assert "0 créée(s), 0 mise(s) à jour, 2 inchangée(s)" in out.getvalue()


def test_open_data_page_links_the_files_and_states_the_licence(client, places):
    html = client.get("/fr/lieux/donnees-ouvertes/").content.decode()
    assert CSV_URL in html and JSON_URL in html
    assert "Licence Ouverte 2.0" in html
    assert "standard-mediation-num" in html and "1.0.2" in html
    assert "2 lieux" in html
    assert "Open Licence" in client.get("/en/lieux/donnees-ouvertes/").content.decode()


@pytest.mark.parametrize("rows", [10, 200])
def test_export_query_count_does_not_grow_with_rows(client, paris, django_assert_max_num_queries, rows):
    InclusionPlaceFactory.create_batch(rows, city=paris)
    with django_assert_max_num_queries(3):
        response = client.get(CSV_URL)
    assert response.content.decode().count("\n") == rows + 1


# ------------------------------------------------------------------------ validity against schema v1.0.2


def test_the_export_of_the_demo_places_has_no_error_against_the_national_schema(client, db):
    partnership_demo.load()  # the cities
    places_demo.load_places()
    response = client.get(CSV_URL)
    assert response.content.decode().count("\n") > 10
    assert schema_errors(response.content, SCHEMA_FILE) == []


AWKWARD = [
    {"name": 'Le "Cyber", espace, numérique', "address": "1, rue des ; points-virgules | et barres"},
    {"name": '=HYPERLINK("https://evil.example")', "summary": "=" + "x" * 279, "address": "-2 rue du Moins"},
    {"name": "Lieu sur\ndeux lignes", "description": "Ligne 1\r\nLigne 2\n\n« guillemets » ‘’ — 🙂"},
    {"name": "@Arobase", "phone": "+33 (0)1 23 45 67 89", "source": "+Plus"},
    {"name": "Téléphone étrange", "phone": "12", "latitude": None, "longitude": None, "insee_code": "2A004"},
    {"name": "Sans date", "data_updated_on": None, "identifier": "", "slug": "sans-date"},
    {"name": "Tout", "services": list(PlaceService.values), "publics": list(PlacePublic.values)},
    {
        "name": "Tous les autres",
        "specific_support": list(PlaceSpecificSupport.values),
        "fees": list(PlaceFee.values),
        "access_modes": list(PlaceAccessMode.values),
        "support_modes": list(PlaceSupportMode.values),
        "mobility": list(PlaceMobility.values),
        "national_programmes": list(PlaceProgramme.values),
        "labels": list(PlaceLabel.values),
        "typology": "BIB;CCAS;MUNI",
        "email": "premier@b.example",
        "other_emails": "a@b.example\nc@d.example",
        "website": "https://premier.example/",
        "other_websites": "https://a.example/x?y=1;2\nhttps://b.example",
    },
    {"name": "Aucun vocabulaire", "services": [], "fees": [], "support_modes": [], "pivot": "W751234567"},
    {"name": "Coordonnées extrêmes", "latitude": Decimal("-90"), "longitude": Decimal("179.999999")},
]


def test_the_export_of_awkward_places_has_no_error_against_the_national_schema(client, paris):
    for values in AWKWARD:
        InclusionPlaceFactory(city=paris, **values)
    response = client.get(CSV_URL)
    assert schema_errors(response.content, SCHEMA_FILE) == []
    rows = {row["nom"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert rows['\'=HYPERLINK("https://evil.example")']["nom"].startswith("'=")  # formula-safe
    assert len(rows['\'=HYPERLINK("https://evil.example")']["presentation_resume"]) <= 280
    assert rows["'@Arobase"]["telephone"] == "+33123456789"
    assert rows["Téléphone étrange"]["telephone"] == ""  # not expressible in the schema's form
    assert rows["Sans date"]["date_maj"] == city_today().isoformat()  # the day of its last change
    assert rows["Lieu sur\ndeux lignes"]["presentation_detail"].startswith("Ligne 1")


def test_the_exported_awkward_places_import_back_unchanged(client, paris, tmp_path):
    for values in AWKWARD:
        InclusionPlaceFactory(city=paris, **{key: value for key, value in values.items() if key != "phone"})
    path = tmp_path / "lieux.csv"
    path.write_bytes(client.get(CSV_URL).content)
    out = io.StringIO()
    call_command("import_places", str(path), stdout=out, stderr=io.StringIO())
    # Two places change: the summary of 280 characters after "=" had to be shortened for the formula-safe
    # quote; the place without identifier or date takes its slug as identifier and the day as date.
    assert f"0 créée(s), 2 mise(s) à jour, {len(AWKWARD) - 2} inchangée(s), 0 ignorée(s)" in out.getvalue()
    assert Place.objects.filter(name='=HYPERLINK("https://evil.example")', address="-2 rue du Moins").exists()
    assert Place.objects.get(name="Tous les autres").websites == [
        "https://premier.example/",
        "https://a.example/x?y=1;2",
        "https://b.example",
    ]


# ------------------------------------------------------------------------ the schema's official example


def meaning(row: dict) -> dict:
    """What a row says, whatever its spelling: multi-valued cells as lists, numbers as numbers."""
    said = {}
    for column, value in row.items():
        if column in MULTI_COLUMNS or column in {"courriels", "site_web", "typologie"}:
            said[column] = split_values(value, urls=column == "site_web")
        elif column in {"latitude", "longitude"}:
            said[column] = float(value) if value else None
        else:
            said[column] = value
    return said


def test_the_official_example_imports_and_comes_back_out_identical_in_meaning(client, db, tmp_path):
    CityFactory(slug="reims", name="Reims", insee_code="51454")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_places", str(OFFICIAL_EXAMPLE), stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert "1 créée(s)" in out.getvalue()
    exported = client.get(CSV_URL).content
    assert schema_errors(exported, SCHEMA_FILE) == []
    [original] = list(csv.DictReader(io.StringIO(OFFICIAL_EXAMPLE.read_text(encoding="utf-8"))))
    [back] = list(csv.DictReader(io.StringIO(exported.decode())))
    assert list(back) == list(original)
    assert meaning(back) == meaning(original)
