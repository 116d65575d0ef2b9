import pytest

from initiatives.constants import Audience, CategorySlug, InitiativeStatus
from tests.factories import CategoryFactory, CityFactory, InitiativeFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

URL = "/fr/initiatives/"


def titles(response):
    return [initiative.title for initiative in response.context["page_obj"]]


@pytest.fixture
def catalogue():
    paris, lyon = CityFactory(slug="paris", name="Paris"), CityFactory(slug="lyon", name="Lyon")
    paris_ms = PartnershipFactory(city=paris, slug="paris-ms")
    lyon_ms = PartnershipFactory(city=lyon, slug="lyon-ms")
    sport = CategoryFactory(slug=CategorySlug.SPORTS_SPACE)
    startups = CategoryFactory(slug=CategorySlug.STARTUP_SUPPORT)
    return {
        "sport": InitiativeFactory(
            partnership=paris_ms, category=sport, title="Espace sportif", status=InitiativeStatus.PLANNED
        ),
        "advice": InitiativeFactory(
            partnership=paris_ms, category=startups, title="Conseils aux jeunes pousses", audience=Audience.STARTUPS
        ),
        "lyon": InitiativeFactory(
            partnership=lyon_ms,
            category=startups,
            title="Aides lyonnaises",
            audience=Audience.STARTUPS,
            description="Des aides aux entreprises innovantes recommandées par les acteurs régionaux.",
        ),
        "hidden": InitiativeFactory(partnership=lyon_ms, category=sport, title="Brouillon", is_published=False),
    }


def test_catalogue_lists_published_initiatives_with_a_count(client, catalogue):
    response = client.get(URL)
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Aides lyonnaises", "Conseils aux jeunes pousses", "Espace sportif"]
    assert "3 initiatives trouvées" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("city=paris", ["Conseils aux jeunes pousses", "Espace sportif"]),
        ("city=lyon", ["Aides lyonnaises"]),
        ("partnership=lyon-ms", ["Aides lyonnaises"]),
        (f"category={CategorySlug.SPORTS_SPACE}", ["Espace sportif"]),
        ("audience=startups", ["Aides lyonnaises", "Conseils aux jeunes pousses"]),
        ("status=planned", ["Espace sportif"]),
        ("city=paris&audience=startups", ["Conseils aux jeunes pousses"]),
    ],
)
def test_each_filter_narrows_the_list(client, catalogue, query, expected):
    assert sorted(titles(client.get(f"{URL}?{query}"))) == expected


def test_filters_stay_in_the_pagination_links(client):
    partnership = PartnershipFactory(city=CityFactory(slug="paris"))
    InitiativeFactory.create_batch(15, partnership=partnership)
    html = client.get(f"{URL}?city=paris").content.decode()
    assert "?city=paris&amp;page=2" in html
    assert 'value="paris" selected' in html


def test_search_finds_words_in_the_description(client, catalogue):
    assert titles(client.get(f"{URL}?q=acteurs")) == ["Aides lyonnaises"]


def test_search_in_english_texts(client, catalogue):
    catalogue["sport"].title_en = "Digital sports arena"
    catalogue["sport"].save()
    assert titles(client.get("/en/initiatives/?q=arena")) == ["Digital sports arena"]


@pytest.mark.postgres
def test_postgres_search_uses_french_stemming_and_ranks_titles_first(client, catalogue):
    # "aide" matches "Aides" by French stemming, which a substring search on "aide" also would;
    # "innovante" only matches "innovantes" through the stemmer.
    assert titles(client.get(f"{URL}?q=innovante")) == ["Aides lyonnaises"]
    InitiativeFactory(
        partnership=catalogue["advice"].partnership,
        title="Un programme",
        description="Parmi d'autres choses, des conseils.",
    )
    assert titles(client.get(f"{URL}?q=conseils"))[0] == "Conseils aux jeunes pousses"


@pytest.mark.parametrize(
    "query",
    [
        "page=999999",
        "page=abc",
        "city=<script>alert(1)</script>",
        "category=nope",
        "status=zzz",
        "q=%27%22--",
    ],
)
def test_nonsense_values_give_a_normal_page(client, catalogue, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_unknown_filter_value_is_explained_next_to_its_field(client, catalogue):
    html = client.get(f"{URL}?city=atlantide").content.decode()
    assert "Sélectionnez un choix valide" in html
    assert 'aria-invalid="true"' in html or "is-invalid" in html


@pytest.mark.parametrize("rows", [10, 200])
def test_catalogue_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, rows):
    partnership = PartnershipFactory()
    InitiativeFactory.create_batch(rows, partnership=partnership)
    # 8 for the page, one per app that offers actions on the cards (sports, training, calls, places)
    with django_assert_max_num_queries(12):
        response = client.get(f"{URL}?city={partnership.city.slug}")
    assert response.context["page_obj"].paginator.count == rows


def test_initiative_page_in_both_languages(client, demo_data):
    fr = client.get("/fr/initiatives/clique-sur-ta-ville/").content.decode()
    en = client.get("/en/initiatives/clique-sur-ta-ville/").content.decode()
    assert "recherche d&#x27;emploi" in fr
    assert "job search" in en
    assert "Lyon" in en


def test_unknown_initiative_gives_404(client, demo_data):
    assert client.get("/fr/initiatives/inconnue/").status_code == 404


def test_unpublished_initiative_gives_404(client, catalogue):
    assert client.get(catalogue["hidden"].get_absolute_url()).status_code == 404
