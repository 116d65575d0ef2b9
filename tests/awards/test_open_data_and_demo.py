"""Open data of the Lutèces d'Or: accepted nominations (public fields only) and laureates, each CSV valid against
its Table Schema; the demo loads an edition with categories and invented entries marked as examples."""

import json

import pytest
from frictionless import Resource, Schema

from awards.constants import NominationStatus
from awards.models import Category, Edition, Laureate, Nomination
from tests.awards.factories import CategoryFactory, EditionFactory, NominationFactory

pytestmark = pytest.mark.django_db


def _valid(client, csv_url: str, schema_url: str, tmp_path) -> list[dict]:
    response = client.get(csv_url)
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    (tmp_path / "data.csv").write_bytes(response.content)
    schema = client.get(schema_url).json()
    resource = Resource(path="data.csv", basepath=str(tmp_path), schema=Schema.from_descriptor(schema))
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    return resource.read_rows()


def test_only_accepted_nominations_are_published_and_no_personal_data(client, tmp_path):
    category = CategoryFactory()
    NominationFactory(category=category, name="Retenu", organisation="Coop")
    NominationFactory(
        category=category,
        name="En attente",
        status=NominationStatus.PENDING,
        confirmed_at=None,
        nominator_email="secret@example.org",
    )
    NominationFactory(category=category, name="À modérer", status=NominationStatus.CONFIRMED)
    rows = _valid(
        client, "/donnees/lutece-d-or-propositions.csv", "/donnees/lutece-d-or-propositions.schema.json", tmp_path
    )
    assert [row["nom"] for row in rows] == ["Retenu"]
    body = client.get("/donnees/lutece-d-or-propositions.json").content.decode()
    assert "secret@example.org" not in body and "digest" not in body and "Retenu" in body


def test_the_nominations_file_holds_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    edition = EditionFactory()
    NominationFactory.create_batch(3, category=CategoryFactory(edition=edition))
    with django_assert_max_num_queries(3) as few:
        client.get("/donnees/lutece-d-or-propositions.csv")
    NominationFactory.create_batch(60, category=CategoryFactory(edition=EditionFactory()))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/donnees/lutece-d-or-propositions.csv")


def test_the_demo_has_two_example_editions_with_laureates_valid_as_open_data(client, demo_data, tmp_path):
    editions = Edition.objects.filter(slug__startswith="lutece-d-or-")
    assert editions.count() == 2 and all(edition.is_example for edition in editions)
    assert editions.get(slug="lutece-d-or-2025").partnership.slug == "paris-logiciel-libre"
    assert Category.objects.filter(edition__in=editions).count() == 6
    assert not Nomination.objects.filter(is_example=False).exists()
    assert Laureate.objects.count() == 4
    rows = _valid(client, "/donnees/lutece-d-or-laureats.csv", "/donnees/lutece-d-or-laureats.schema.json", tmp_path)
    assert {row["prix"] for row in rows} == {"jury", "public"} and all(row["exemple"] for row in rows)
    page = client.get("/fr/lutece-d-or/lutece-d-or-2026/").content.decode()
    assert "Proposer un projet ou une entreprise" in page and "Édition d'exemple" in page
    from django.core.management import call_command

    call_command("load_demo", "--no-accounts", verbosity=0)  # again: the same rows
    assert Nomination.objects.count() == 12 and Laureate.objects.count() == 4
    assert json.loads(client.get("/donnees/lutece-d-or-laureats.json").content)["nombre"] == 4


def test_the_partnership_page_counts_confirmed_nominations_and_published_prizes(client):
    from awards.models import Laureate
    from partnership.transparency import partnership_figures

    edition = EditionFactory(phase="closed")
    category = CategoryFactory(edition=edition)
    winner = NominationFactory(category=category)
    NominationFactory(category=category, status=NominationStatus.PENDING, confirmed_at=None)
    Laureate.objects.create(category=category, nomination=winner, prize="jury")
    figures = {f.key: f.value for f in partnership_figures([edition.partnership])[edition.partnership.pk]}
    assert figures["award_nominations"] == 1 and figures["award_prizes"] == 0  # results not published yet
    Edition.objects.filter(pk=edition.pk).update(results_published_at=edition.results_announced_for)
    figures = {f.key: f.value for f in partnership_figures([edition.partnership])[edition.partnership.pk]}
    assert figures["award_prizes"] == 1
    page = client.get(edition.partnership.get_absolute_url()).content.decode()
    assert "Prix décernés aux Lutèces d" in page
