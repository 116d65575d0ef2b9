"""The catalogue as open data: /donnees/initiatives.csv and .json give the same rows as the catalogue."""

import csv
import io

import pytest

from initiatives.constants import Technology
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    InitiativeFactory.create_batch(3, technology=Technology.VENDOR)
    InitiativeFactory.create_batch(3, technology=Technology.FREE_SOFTWARE)
    InitiativeFactory(is_published=False)


def test_open_data_csv_and_json_match_each_other_and_the_catalogue(client, catalogue):
    csv_response = client.get("/donnees/initiatives.csv")
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert "licence-ouverte" in csv_response["Link"]
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode())))
    data = client.get("/donnees/initiatives.json").json()
    assert data["licence"] == "Licence Ouverte 2.0 (Etalab)"
    assert data["nombre"] == len(rows) == 6
    assert [row["identifiant_url"] for row in rows] == [row["identifiant_url"] for row in data["donnees"]]
    catalogue = client.get("/fr/initiatives/")
    assert catalogue.context["page_obj"].paginator.count == len(rows)
