"""The catalogue's search: accents folded on both databases; on PostgreSQL a stored vector kept by the database
(whatever writes the row) and read through its GIN index (initiatives/search.py)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from initiatives.models import Initiative
from initiatives.search import fold
from initiatives.selectors import initiative_list, initiative_search
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def found(text):
    return sorted(i.title for i in initiative_search(initiative_list(), text))


def test_fold_removes_accents_and_case():
    assert fold("Numérique ÉTÉ Œuvre ça") == "numerique ete œuvre ca"


def test_a_search_without_accents_finds_the_accented_title_and_the_reverse():
    InitiativeFactory(title="Médiation numérique", summary="Ateliers", description="")
    InitiativeFactory(title="Cafe reparation", summary="Velos", description="")
    assert found("numerique") == ["Médiation numérique"]
    assert found("NUMÉRIQUE") == ["Médiation numérique"]
    assert found("café") == ["Cafe reparation"]


@pytest.mark.postgres
def test_the_vector_is_written_by_the_database_on_insert_update_and_bulk_create():
    initiative = InitiativeFactory(title="Atelier", summary="Rien", description="")
    Initiative.objects.filter(pk=initiative.pk).update(summary_fr="Imprimantes tridimensionnelles")
    Initiative.objects.bulk_create(
        [
            InitiativeFactory.build(
                partnership=initiative.partnership, category=initiative.category, slug="masse", title="Fablab solidaire"
            )
        ]
    )
    assert found("imprimante") == ["Atelier"]
    assert found("solidaires") == ["Fablab solidaire"]
    call_command("refresh_search_vectors", stdout=io.StringIO())
    assert found("fablab") == ["Fablab solidaire"]


@pytest.mark.postgres
def test_titles_rank_before_summaries_and_descriptions():
    InitiativeFactory(title="Un atelier", summary="Autre", description="On y parle de robotique.")
    InitiativeFactory(title="Robotique pour tous", summary="Autre", description="")
    InitiativeFactory(title="Club", summary="Robotique le mercredi", description="")
    assert [i.title for i in initiative_search(initiative_list(), "robotique")] == [
        "Robotique pour tous",
        "Club",
        "Un atelier",
    ]


@pytest.mark.postgres
def test_the_search_query_can_use_the_gin_index():
    InitiativeFactory(title="Médiation numérique")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        sql, params = initiative_search(Initiative.objects.all(), "numerique").query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "initiative_search_gin" in plan
