import csv
import io

import pytest

from initiatives.constants import Technology
from partnership.constants import CommitmentStatus
from partnership.opendata import FIGURE_COLUMNS
from tests.factories import CommitmentFactory, InitiativeFactory, PartnerRoleFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_partnerships():
    vendor = PartnershipFactory(title="Partenariat éditeur", slug="editeur")
    libre = PartnershipFactory(title="Partenariat libre", slug="libre")
    InitiativeFactory.create_batch(3, partnership=vendor, technology=Technology.VENDOR)
    InitiativeFactory(partnership=vendor, technology=Technology.FREE_SOFTWARE)
    InitiativeFactory(partnership=vendor, technology=Technology.VENDOR, is_published=False)
    InitiativeFactory.create_batch(2, partnership=libre, technology=Technology.FREE_SOFTWARE)
    CommitmentFactory(partnership=vendor, status=CommitmentStatus.DELIVERED, progress=100)
    CommitmentFactory(partnership=vendor, status=CommitmentStatus.IN_PROGRESS, progress=40)
    return vendor, libre


def _figures(response):
    return {figure.key: figure.value for figure in response.context["figures"]}


def test_partnership_page_shows_figures_computed_from_the_rows(client, two_partnerships):
    vendor, _libre = two_partnerships
    response = client.get(vendor.get_absolute_url())
    figures = _figures(response)
    assert figures["initiatives"] == 4  # the unpublished one is not counted
    assert figures["initiatives_vendor"] == 3
    assert figures["initiatives_free_software"] == 1
    assert figures["commitments"] == 2
    assert figures["commitments_delivered"] == 1
    assert figures["commitments_progress"] == 70
    assert "Ce que le partenariat a apporté" in response.content.decode()


def test_compare_page_gives_the_free_software_share_in_text_and_table(client, two_partnerships):
    html = client.get("/fr/partenariats/comparer/").content.decode()
    assert "Logiciel libre : 25 % · Produits d&#x27;un éditeur : 75 %" in html or "Logiciel libre : 25 %" in html
    assert "Logiciel libre : 100 %" in html
    assert "<caption>Part des initiatives par technologie (données du graphique)</caption>" in html
    en = client.get("/en/partenariats/comparer/").content.decode()
    assert "Free software: 100%" in en


@pytest.mark.parametrize("rows", [3, 40])
def test_compare_page_query_count_does_not_grow_with_partnerships(client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        partnership = PartnershipFactory()
        PartnerRoleFactory(partnership=partnership)
        InitiativeFactory(partnership=partnership)
    # 16: the partnerships' counts are one query of their own (kept in the cache in production, where the
    # page cache is on: partnership.selectors._counts); 3 more for the scorecards (partnership.selectors.scorecards).
    with django_assert_max_num_queries(19):
        assert client.get("/fr/partenariats/comparer/").status_code == 200


def test_open_data_figures_match_the_partnership_page(client, two_partnerships):
    vendor, _libre = two_partnerships
    rows = {
        row["partenariat"]: row
        for row in csv.DictReader(io.StringIO(client.get("/donnees/partenariats-chiffres.csv").content.decode()))
    }
    page = _figures(client.get(vendor.get_absolute_url()))
    assert {key: int(rows["editeur"][FIGURE_COLUMNS[key]]) for key in page} == page
    data = {row["partenariat"]: row for row in client.get("/donnees/partenariats-chiffres.json").json()["donnees"]}
    assert {key: data["editeur"][FIGURE_COLUMNS[key]] for key in page} == page


@pytest.mark.parametrize("language", ["fr", "en"])
def test_open_data_page_lists_the_datasets_with_the_licence(client, language):
    html = client.get(f"/{language}/donnees-ouvertes/").content.decode()
    assert "Licence Ouverte 2.0" in html
    assert "/donnees/initiatives.csv" in html
    assert "/donnees/partenariats-chiffres.json" in html
