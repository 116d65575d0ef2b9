"""Each list of the API: what it holds (published rows only, public fields), its filters (the public pages'
parameters, dates, bounding box), refused values (400 naming the parameter) and its pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from initiatives.constants import Audience, CategorySlug, InitiativeStatus, PlaceService
from partnership.constants import CommitmentStatus, PartnershipStatus
from startups.constants import CallState
from tests.factories import (
    CategoryFactory,
    CommitmentFactory,
    InitiativeFactory,
    OrganisationFactory,
    PartnerRoleFactory,
    PartnershipFactory,
    PlaceFactory,
)
from tests.startups.factories import CallFactory
from tests.training.factories import RegistrationFactory, SessionFactory

from .conftest import get

pytestmark = pytest.mark.django_db


def slugs(response, key="identifiant_url"):
    assert response.status_code == 200, response.content
    return [row[key] for row in response.json()["resultats"]]


# --- partnerships and commitments -------------------------------------------------------------------------------


def test_partnerships_are_filtered_by_city_and_status_and_name_their_partners(client, paris, lyon):
    signed = PartnershipFactory(city=paris, slug="paris-libre", status=PartnershipStatus.SIGNED)
    PartnershipFactory(city=paris, slug="paris-annonce", status=PartnershipStatus.ANNOUNCED)
    PartnershipFactory(city=lyon, slug="lyon-signe", status=PartnershipStatus.SIGNED)
    PartnerRoleFactory(partnership=signed, organisation=OrganisationFactory(name="Association du libre", slug="adl"))
    InitiativeFactory(partnership=signed)
    InitiativeFactory(partnership=signed, is_published=False)

    response = get(client, "/api/v1/partnerships?city=paris&status=signed")

    assert slugs(response) == ["paris-libre"]
    row = response.json()["resultats"][0]
    assert row["partenaires"] == [
        {
            "organisation": "Association du libre",
            "identifiant_url": "adl",
            "type": "vendor",
            "role": "partner",
            "site_web": "",
        }
    ]
    assert row["nombre_initiatives"] == 1
    assert row["url"] == "http://testserver/fr/partenariats/paris-libre/"


def test_partnerships_signed_between_two_dates(client, paris):
    PartnershipFactory(city=paris, slug="en-2024", signed_on=dt.date(2024, 5, 1))
    PartnershipFactory(city=paris, slug="en-2026", signed_on=dt.date(2026, 5, 1))
    response = get(client, "/api/v1/partnerships?signed_on_after=2025-01-01&signed_on_before=2026-12-31")
    assert slugs(response) == ["en-2026"]


def test_commitments_of_one_partnership_with_their_published_initiatives(client, paris):
    partnership = PartnershipFactory(city=paris, slug="paris-libre")
    commitment = CommitmentFactory(partnership=partnership, status=CommitmentStatus.DELIVERED, progress=100)
    commitment.initiatives.add(InitiativeFactory(partnership=partnership, slug="visible"))
    commitment.initiatives.add(InitiativeFactory(partnership=partnership, slug="brouillon", is_published=False))
    CommitmentFactory(partnership=partnership, status=CommitmentStatus.PLANNED)
    CommitmentFactory()

    response = get(client, "/api/v1/commitments?partnership=paris-libre&status=delivered")

    assert response.status_code == 200
    [row] = response.json()["resultats"]
    assert (row["id"], row["avancement"], row["initiatives"], row["ville"]) == (
        commitment.pk,
        100,
        ["visible"],
        "paris",
    )


# --- the catalogue ---------------------------------------------------------------------------------------------


def test_initiatives_take_the_catalogue_page_filters(client, paris, lyon):
    inclusion = CategoryFactory(slug=CategorySlug.DIGITAL_INCLUSION)
    InitiativeFactory(
        partnership__city=paris,
        category=inclusion,
        slug="ateliers",
        audience=Audience.EVERYONE,
        status=InitiativeStatus.RUNNING,
    )
    InitiativeFactory(partnership__city=paris, category=inclusion, slug="prevue", status=InitiativeStatus.PLANNED)
    InitiativeFactory(partnership__city=lyon, category=inclusion, slug="a-lyon")
    InitiativeFactory(partnership__city=paris, category=inclusion, slug="cachee", is_published=False)

    url = "/api/v1/initiatives?city=paris&category=inclusion-numerique&audience=everyone&status=running"
    assert slugs(get(client, url)) == ["ateliers"]
    assert slugs(get(client, "/api/v1/initiatives?city=paris")) == ["ateliers", "prevue"]


def test_initiatives_search_the_text_as_the_catalogue_does(client, paris):
    InitiativeFactory(slug="ateliers", title="Ateliers de réparation d'ordinateurs", summary="Réparer.")
    InitiativeFactory(slug="autre", title="Cours de cuisine", summary="Cuisiner.", description="Recettes.")
    assert slugs(get(client, "/api/v1/initiatives?q=ordinateurs")) == ["ateliers"]


def test_initiatives_by_start_date_and_changes_since(client):
    old = InitiativeFactory(slug="ancienne", starts_on=dt.date(2024, 1, 10))
    InitiativeFactory(slug="nouvelle", starts_on=dt.date(2026, 3, 1))
    assert slugs(get(client, "/api/v1/initiatives?starts_on_after=2025-01-01")) == ["nouvelle"]

    type(old).objects.filter(pk=old.pk).update(updated_at=timezone.now() - dt.timedelta(days=30))
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert slugs(get(client, "/api/v1/initiatives", data={"updated_since": since})) == ["nouvelle"]


def test_an_initiative_has_no_contact_person(client):
    InitiativeFactory(contact_name="Camille Martin", contact_email="camille.martin@example.org")
    response = get(client, "/api/v1/initiatives")
    assert response.status_code == 200
    assert b"Camille" not in response.content and b"camille.martin" not in response.content


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("city=atlantis", "city"),
        ("category=cuisine", "category"),
        ("audience=everybody", "audience"),
        ("status=done", "status"),
        ("starts_on_after=2026-02-30", "starts_on_after"),
        ("updated_since=yesterday", "updated_since"),
        ("citty=paris", "citty"),
        ("page=0", "page"),
        ("page=deux", "page"),
        ("page_size=101", "page_size"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_a_refused_value_answers_400_naming_the_parameter(client, query, parameter):
    response = get(client, f"/api/v1/initiatives?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["erreurs"]) == [parameter]
    assert response["Access-Control-Allow-Origin"] == "*"


# --- places -------------------------------------------------------------------------------------------------------


def test_places_filters_of_the_directory_and_the_national_field_names(client, paris, lyon):
    PlaceFactory(
        city=paris,
        slug="mediatheque",
        name="Médiathèque",
        postcode="75020",
        services=[PlaceService.ADMIN_PROCEDURES],
        fees=["gratuit"],
        phone="01 40 00 00 00",
        email="accueil@mediatheque.example",
        latitude=Decimal("48.87"),
        longitude=Decimal("2.40"),
    )
    PlaceFactory(city=paris, slug="payant", postcode="75011", services=["loisirs"], fees=["payant"])
    PlaceFactory(city=lyon, slug="a-lyon", postcode="69001", services=["demarches"], fees=["gratuit"])

    response = get(client, "/api/v1/places?city=paris&service=demarches&free=true&postcode=75020")

    assert slugs(response) == ["mediatheque"]
    row = response.json()["resultats"][0]
    assert (row["nom"], row["code_postal"], row["services"], row["frais_a_charge"]) == (
        "Médiathèque",
        "75020",
        ["demarches"],
        ["gratuit"],
    )
    # stored in the international form, the schema's
    assert (row["telephone"], row["courriels"]) == ("+33140000000", ["accueil@mediatheque.example"])
    assert (row["latitude"], row["longitude"]) == (48.87, 2.4)


def test_places_in_a_bounding_box_as_compact_geojson(client, paris):
    PlaceFactory(
        city=paris,
        slug="est",
        name="À l'est",
        latitude=Decimal("48.87"),
        longitude=Decimal("2.40"),
        address="8 rue du Borrégo",
        postcode="75020",
        town="Paris",
        opening_hours="24/7",
    )
    PlaceFactory(city=paris, slug="ouest", latitude=Decimal("48.85"), longitude=Decimal("2.25"))
    PlaceFactory(city=paris, slug="sans-coordonnees")

    for url in (
        "/api/v1/places.geojson?bbox=2.35,48.80,2.45,48.90",
        "/api/v1/places?format=geojson&bbox=2.35,48.80,2.45,48.90",
    ):
        response = get(client, url)
        assert response.status_code == 200
        body = response.json()
        assert body["type"] == "FeatureCollection"
        assert body["total"] == 1
        assert body["features"] == [
            {
                "type": "Feature",
                "id": "est",
                "geometry": {"type": "Point", "coordinates": [2.4, 48.87]},
                "properties": {
                    "identifiant_url": "est",
                    "nom": "À l'est",
                    "adresse": "8 rue du Borrégo, 75020 Paris",
                    "url": "http://testserver/fr/lieux/est/",
                    "ouvert_maintenant": True,
                },
            }
        ]
    assert slugs(get(client, "/api/v1/places?bbox=2.35,48.80,2.45,48.90")) == ["est"]
    assert get(client, "/api/v1/places.geojson").json()["total"] == 2  # a place without coordinates has no point


@pytest.mark.parametrize(
    "query",
    [
        "bbox=2,48,3",
        "bbox=2,48,3,abc",
        "bbox=3,48,2,49",
        "bbox=2,-91,3,49",
        "bbox=nan,1,2,3",
        "postcode=750",
        "open_now=maybe",
        "free=oui",
        "service=cuisine",
        "format=xml",
    ],
)
def test_places_refuse_a_value_they_cannot_read(client, query):
    response = get(client, f"/api/v1/places?{query}")
    assert response.status_code == 400
    assert list(response.json()["erreurs"]) == [query.split("=")[0]]


# --- training sessions ---------------------------------------------------------------------------------------------


def test_sessions_give_seats_left_and_no_one_registered(client, paris):
    session = SessionFactory(programme__initiative__partnership__city=paris, capacity=3, reference="WEB-PARIS-01")
    RegistrationFactory(session=session, person__email="inscrite@example.org")
    full = SessionFactory(programme__initiative__partnership__city=paris, capacity=1)
    RegistrationFactory(session=full)
    SessionFactory(programme__is_published=False)

    response = get(client, "/api/v1/training-sessions?city=paris")

    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["resultats"]}
    assert set(rows) == {session.pk, full.pk}
    assert (rows[session.pk]["places"], rows[session.pk]["places_restantes"]) == (3, 2)
    assert rows[full.pk]["places_restantes"] == 0
    assert b"inscrite@example.org" not in response.content and b"WEB-PARIS-01" not in response.content
    assert [row["id"] for row in get(client, "/api/v1/training-sessions?seats=true").json()["resultats"]] == [
        session.pk
    ]
    assert [row["id"] for row in get(client, "/api/v1/training-sessions?seats=false").json()["resultats"]] == [full.pk]


def test_sessions_by_trade_and_start_date(client):
    soon = SessionFactory(in_days=5, programme__trade="web_developer")
    SessionFactory(in_days=60, programme__trade="web_developer")
    SessionFactory(in_days=5, programme__trade="cloud_admin")
    before = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    response = get(client, f"/api/v1/training-sessions?trade=web_developer&starts_at_before={before}&upcoming=true")
    assert [row["id"] for row in response.json()["resultats"]] == [soon.pk]


# --- calls for applications -----------------------------------------------------------------------------------------


def test_calls_published_only_by_state(client):
    now = timezone.now()
    open_call = CallFactory(slug="ouvert")
    CallFactory(slug="a-venir", opens_at=now + dt.timedelta(days=3), closes_at=now + dt.timedelta(days=60))
    CallFactory(slug="clos", opens_at=now - dt.timedelta(days=30), closes_at=now - dt.timedelta(days=1))
    CallFactory(slug="pas-publie", published_at=None)

    assert slugs(get(client, "/api/v1/calls")) == ["clos", "ouvert", "a-venir"]
    response = get(client, f"/api/v1/calls?state={CallState.OPEN}&city={open_call.initiative.partnership.city.slug}")
    assert slugs(response) == ["ouvert"]
    assert response.json()["resultats"][0]["etat"] == "open"
    assert response.json()["resultats"][0]["propose"] == ["conseil"]


# --- pages ----------------------------------------------------------------------------------------------------------


def test_pages_follow_one_another_without_overlap_or_gap(client):
    InitiativeFactory.create_batch(7)
    seen, url = [], "/api/v1/initiatives?page_size=3"
    while url:
        body = get(client, url).json()
        assert (body["total"], body["pages"], body["par_page"]) == (7, 3, 3)
        seen += [row["id"] for row in body["resultats"]]
        url = body["suivante"]
    assert seen == sorted(seen) and len(set(seen)) == 7
    last = get(client, "/api/v1/initiatives?page_size=3&page=3").json()
    assert last["precedente"] == "http://testserver/api/v1/initiatives?page_size=3&page=2"


def test_a_page_past_the_last_answers_404_and_an_empty_list_answers_200(client):
    assert get(client, "/api/v1/calls").json() == {
        "total": 0,
        "page": 1,
        "pages": 0,
        "par_page": 50,
        "suivante": None,
        "precedente": None,
        "resultats": [],
    }
    response = get(client, "/api/v1/calls?page=2")
    assert response.status_code == 404
    assert list(response.json()["erreurs"]) == ["page"]


@pytest.mark.postgres
def test_on_postgresql_the_search_stems_french_orders_by_relevance_and_pages_stay_stable(client):
    InitiativeFactory(slug="titre", title="Réparation d'ordinateurs", summary="Des ateliers.", description="")
    InitiativeFactory(slug="resume", title="Ateliers", summary="On répare des ordinateurs.", description="")
    InitiativeFactory(slug="hors-sujet", title="Cuisine", summary="Recettes.", description="")

    found = []
    for page in (1, 2):
        found += slugs(get(client, f"/api/v1/initiatives?q=ordinateur&page_size=1&page={page}"))

    assert found == ["titre", "resume"]  # "ordinateur" finds "ordinateurs"; a word in the title ranks first
