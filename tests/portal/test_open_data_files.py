"""Open-data files, one convention: every dataset has its CSV (UTF-8, comma), an Excel-friendly CSV (BOM,
";"), its JSON with the licence, and its Table Schema beside them, against which frictionless finds no
error; French column names; CORS on every file; formula-safe cells; the former URLs still answer; the
DCAT-AP catalogue lists every dataset as data.gouv.fr's harvester reads it (JSON-LD parsed with rdflib)."""

import csv
import io
import json
import re

import pytest
from django.utils import timezone
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from awards.constants import Prize
from awards.models import Laureate
from common.opendata import LICENCE_URL
from initiatives.constants import PlaceFee, PlaceService
from partnership.constants import CommitmentStatus
from partnership.opendata import FIGURE_COLUMNS
from partnership.transparency import figure_labels
from portal.opendata import DATASETS
from tests.awards.factories import CategoryFactory, EditionFactory, NominationFactory
from tests.factories import (
    CityFactory,
    CommitmentFactory,
    InitiativeFactory,
    PartnerRoleFactory,
    PartnershipFactory,
    PlaceFactory,
)
from tests.partnership.factories import ProcurementRecordFactory
from tests.table_schema import schema_errors

pytestmark = pytest.mark.django_db

DCAT = Namespace("http://www.w3.org/ns/dcat#")
NAMES = [dataset.name for dataset in DATASETS]
# Words of the code (English) that once leaked into the files' column names.
ENGLISH = {"title", "summary", "slug", "commitments", "partnership", "city", "status", "start", "end", "place"}


@pytest.fixture
def rows(db):
    """A few rows in every dataset, with values a spreadsheet would run and text that needs quoting."""
    paris = CityFactory(slug="paris", name="Paris", insee_code="75056")
    partnership = PartnershipFactory(city=paris, slug="paris-libre", title='=HYPERLINK("x"), "guillemets"')
    PartnerRoleFactory(partnership=partnership)
    place = PlaceFactory(
        city=paris, identifier="epn-1", services=[PlaceService.ACCESS], fees=[PlaceFee.FREE], summary="-5 °C"
    )
    initiative = InitiativeFactory(partnership=partnership, title="@réunion; ligne\nsuivante", place=place)
    InitiativeFactory(partnership=partnership, is_published=False, slug="brouillon")
    commitment = CommitmentFactory(partnership=partnership, title="+ d'ateliers", status=CommitmentStatus.DELIVERED)
    commitment.initiatives.add(initiative)
    CommitmentFactory(partnership=partnership, progress=100)
    edition = EditionFactory(partnership=partnership, phase="closed", results_published_at=timezone.now())
    category = CategoryFactory(edition=edition)
    nomination = NominationFactory(category=category, name='=cmd|" /C calc"!A0', organisation="-2+3")
    Laureate.objects.create(category=category, nomination=nomination, prize=Prize.JURY, jury_score=4.5)
    ProcurementRecordFactory(partnership=partnership, subject="=SUM(1;2) licences")
    from tests.commitments.factories import answered_question, attested_update

    attested_update(commitment, summary="=SUM(A1:A9) ateliers", note="-conforme")
    answered_question(commitment, text="@combien ?", answer="+ de 30")
    return partnership


def dataset(name):
    return next(item for item in DATASETS if item.name == name)


@pytest.mark.parametrize("name", NAMES)
def test_each_csv_has_its_table_schema_beside_it_and_frictionless_finds_no_error(client, rows, name):
    response = client.get(f"/donnees/{name}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert not response.content.startswith(b"\xef\xbb\xbf")  # no BOM
    schema_response = client.get(f"/donnees/{name}.schema.json")
    assert schema_response.status_code == 200
    schema = schema_response.json()
    header = next(csv.reader(io.StringIO(response.content.decode())))
    assert header == [field["name"] for field in schema["fields"]]
    assert response.content.decode().count("\n") >= 2  # a header and rows
    assert schema_errors(response.content, schema) == []
    assert f'<http://testserver/donnees/{name}.schema.json>; rel="describedby"' in response["Link"]
    assert f'<{LICENCE_URL}>; rel="license"' in response["Link"]


@pytest.mark.parametrize("name", NAMES)
def test_the_excel_variant_holds_the_same_rows_with_a_bom_and_semicolons(client, rows, name):
    plain = client.get(f"/donnees/{name}.csv").content.decode()
    response = client.get(f"/donnees/{name}-excel.csv")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert "\r\n" in text
    assert list(csv.reader(io.StringIO(text), delimiter=";")) == list(csv.reader(io.StringIO(plain)))
    schema = client.get(f"/donnees/{name}.schema.json").json()
    assert schema_errors(text.encode(), schema, delimiter=";") == []


@pytest.mark.parametrize("name", NAMES)
def test_the_json_gives_the_licence_the_schema_and_the_same_rows(client, rows, name):
    document = client.get(f"/donnees/{name}.json").json()
    assert document["licence"] == "Licence Ouverte 2.0 (Etalab)"
    assert document["licence_url"] == LICENCE_URL
    assert document["schema"] == f"http://testserver/donnees/{name}.schema.json"
    csv_rows = list(csv.DictReader(io.StringIO(client.get(f"/donnees/{name}.csv").content.decode())))
    assert document["nombre"] == len(document["donnees"]) == len(csv_rows)
    assert list(document["donnees"][0]) == list(csv_rows[0])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("suffix", [".csv", "-excel.csv", ".json", ".schema.json"])
def test_every_open_data_file_can_be_read_from_another_origin(client, rows, name, suffix):
    response = client.get(f"/donnees/{name}{suffix}", HTTP_ORIGIN="https://reuse.example")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Licence Ouverte 2.0" in response["X-License"]


def test_column_names_follow_one_convention_in_french(client, rows):
    for name in NAMES:
        schema = client.get(f"/donnees/{name}.schema.json").json()
        for field in schema["fields"]:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", field["name"]), (name, field["name"])
            assert not set(field["name"].split("_")) & ENGLISH, (name, field["name"])
            assert field.get("title"), (name, field["name"])
        if name != "lieux-mediation-numerique":  # La Mednum's schema states its own licence
            assert schema["licenses"] == [
                {"name": "etalab-2.0", "title": "Licence Ouverte 2.0 (Etalab)", "path": LICENCE_URL}
            ]
    assert set(FIGURE_COLUMNS) >= {key for key, _label in figure_labels()}, "a figure has no French column name"


def test_the_places_schema_is_la_mednum_v1_0_2(client, db):
    schema = client.get("/donnees/lieux-mediation-numerique.schema.json").json()
    assert schema["name"] == "standard-mediation-num" and schema["version"] == "v1.0.2"


def test_cells_a_spreadsheet_would_run_are_text_in_both_csv_and_as_typed_in_json(client, rows):
    plain = list(csv.DictReader(io.StringIO(client.get("/donnees/initiatives.csv").content.decode())))
    excel = client.get("/donnees/initiatives-excel.csv").content.decode("utf-8-sig")
    assert plain[0]["titre"] == "'@réunion; ligne\nsuivante"
    assert list(csv.DictReader(io.StringIO(excel), delimiter=";"))[0]["titre"] == "'@réunion; ligne\nsuivante"
    assert client.get("/donnees/initiatives.json").json()["donnees"][0]["titre"] == "@réunion; ligne\nsuivante"
    figures = list(csv.DictReader(io.StringIO(client.get("/donnees/partenariats-chiffres.csv").content.decode())))
    assert figures[0]["titre"] == '\'=HYPERLINK("x"), "guillemets"'
    commitments = list(csv.DictReader(io.StringIO(client.get("/donnees/engagements.csv").content.decode())))
    assert [row["intitule"] for row in commitments][0] == "'+ d'ateliers"


def test_the_commitments_file_says_status_progress_and_published_initiatives(client, rows):
    commitments = list(csv.DictReader(io.StringIO(client.get("/donnees/engagements.csv").content.decode())))
    assert [(row["partenariat"], row["statut"], row["initiatives"]) for row in commitments] == [
        ("paris-libre", "delivered", rows.initiatives.get(is_published=True).slug),
        ("paris-libre", "planned", ""),
    ]
    assert commitments[1]["avancement"] == "100"


def test_initiative_columns_are_french_and_the_place_points_to_the_places_file(client, rows):
    [row] = list(csv.DictReader(io.StringIO(client.get("/donnees/initiatives.csv").content.decode())))
    assert list(row)[:6] == ["id", "identifiant_url", "titre", "titre_en", "resume", "resume_en"]
    assert row["lieu"] == "epn-1"
    assert "brouillon" not in client.get("/donnees/initiatives.csv").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/donnees/initiatives.csv",
        "/donnees/initiatives.json",
        "/donnees/partenariats-chiffres.csv",
        "/donnees/partenariats-chiffres.json",
        "/donnees/lieux-mediation-numerique.csv",
        "/donnees/lieux-mediation-numerique.json",
    ],
)
def test_the_addresses_published_before_still_answer(client, rows, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_the_commitments_file_query_count_does_not_grow_with_rows(client, rows, django_assert_max_num_queries, count):
    for _ in range(count):
        CommitmentFactory(partnership=rows).initiatives.add(*rows.initiatives.all())
    with django_assert_max_num_queries(3):
        assert client.get("/donnees/engagements.csv").status_code == 200


# ------------------------------------------------------------------------------------------ DCAT-AP catalogue


def test_the_catalogue_lists_every_dataset_in_dcat_ap_as_a_harvester_reads_it(client, rows):
    response = client.get("/donnees/catalogue.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    graph = Graph().parse(data=response.content.decode(), format="json-ld", publicID="http://testserver/")
    [catalogue] = graph.subjects(RDF.type, DCAT.Catalog)
    datasets = set(graph.objects(catalogue, DCAT.dataset))
    assert {graph.value(item, DCTERMS.identifier).toPython() for item in datasets} == set(NAMES)
    for item in datasets:
        name = graph.value(item, DCTERMS.identifier).toPython()
        assert (item, RDF.type, DCAT.Dataset) in graph
        titles = {title.language: title.toPython() for title in graph.objects(item, DCTERMS.title)}
        descriptions = {text.language for text in graph.objects(item, DCTERMS.description)}
        assert set(titles) == descriptions == {"fr", "en"}, name
        assert titles["fr"] != titles["en"]
        assert graph.value(item, DCTERMS.license) == URIRef(LICENCE_URL)
        assert isinstance(graph.value(item, DCTERMS.modified), Literal)
        schema = URIRef(f"http://testserver/donnees/{name}.schema.json")
        distributions = list(graph.objects(item, DCAT.distribution))
        assert len(distributions) == 3
        for distribution in distributions:
            download = graph.value(distribution, DCAT.downloadURL)
            assert client.get(str(download).removeprefix("http://testserver")).status_code == 200
            assert str(graph.value(distribution, DCAT.mediaType)).startswith("https://www.iana.org/assignments/")
            assert schema in set(graph.objects(distribution, DCTERMS.conformsTo))
            assert graph.value(distribution, DCTERMS.license) == URIRef(LICENCE_URL)
            assert graph.value(distribution, DCTERMS.modified) is not None
        assert client.get(str(schema).removeprefix("http://testserver")).status_code == 200
    english = {
        title.toPython() for item in datasets for title in graph.objects(item, DCTERMS.title) if title.language == "en"
    }
    assert "Digital-inclusion places" in english


def test_the_catalogue_and_each_file_build_links_from_the_request_host(client, rows):
    text = client.get("/donnees/catalogue.jsonld", HTTP_HOST="data.ville.example").content.decode()
    assert "http://data.ville.example/donnees/engagements.csv" in text
    assert json.loads(text)["@type"] == "dcat:Catalog"


# ------------------------------------------------------------------------------------------ the page


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_open_data_page_lists_every_file_the_csv_flavours_and_the_catalogue(client, rows, language):
    html = client.get(f"/{language}/donnees-ouvertes/").content.decode()
    for name in NAMES:
        for suffix in (".csv", "-excel.csv", ".json", ".schema.json"):
            assert f'href="/donnees/{name}{suffix}"' in html
    assert 'href="/donnees/catalogue.jsonld"' in html
    if language == "fr":
        assert "UTF-8 sans BOM, séparateur virgule" in html
        assert "UTF-8 avec BOM, séparateur point-virgule" in html
        assert "DCAT-AP" in html
    else:
        assert "UTF-8 without BOM, comma-separated" in html
        assert "UTF-8 with BOM, semicolon-separated" in html


@pytest.mark.parametrize("url", ["/donnees/engagements.csv", "/donnees/catalogue.jsonld"])
def test_a_link_checker_may_ask_for_the_headers_only_and_nothing_else_is_accepted(client, rows, url):
    head = client.head(url)
    assert head.status_code == 200 and head["Access-Control-Allow-Origin"] == "*"
    assert client.post(url).status_code == 405


def test_schemas_and_json_stay_in_french_for_an_english_browser(client, rows):
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    assert client.get("/donnees/engagements.schema.json", **english).json()["title"] == (
        "Engagements des partenariats numériques"
    )
    assert client.get("/donnees/initiatives.json", **english).json()["titre"] == (
        "Catalogue des initiatives des partenariats numériques"
    )


@pytest.mark.parametrize(("language", "heading"), [("fr", "API de consultation"), ("en", "Query API")])
def test_the_open_data_page_leads_to_the_api_documentation_and_its_openapi_document(client, language, heading):
    body = client.get(f"/{language}/donnees-ouvertes/").content.decode()
    assert heading in body
    assert 'href="/api/v1/docs">documentation</a>' in body
    assert 'href="/api/v1/openapi.json">OpenAPI</a>' in body
    assert client.get("/api/v1/docs").status_code == 200
