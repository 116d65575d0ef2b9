"""Each list asks the database the same number of times for 10 rows as for 500 (a page of 100, or all 500 in the
GeoJSON of places): no query per row."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from initiatives.models import Initiative, Place
from partnership.models import Commitment, PartnerRoleAssignment, Partnership
from startups.models import Call
from tests.factories import CityFactory, InitiativeFactory, OrganisationFactory, PartnershipFactory, PlaceFactory
from tests.startups.factories import CallFactory
from tests.training.factories import ProgrammeFactory, RegistrationFactory
from training.models import Session

pytestmark = pytest.mark.django_db


class Rows:
    """Adds rows in bulk to one list, each with the relations its answer shows."""

    def __init__(self):
        self.city = CityFactory(slug="paris")
        self.organisation = OrganisationFactory()
        self.partnership = PartnershipFactory(city=self.city)
        self.initiative = InitiativeFactory(partnership=self.partnership)
        self.place = PlaceFactory(city=self.city, latitude=Decimal("48.8"), longitude=Decimal("2.3"))
        self.count = 0

    def numbers(self, n: int) -> range:
        start, self.count = self.count, self.count + n
        return range(start, start + n)

    def partnerships(self, n: int) -> list[Partnership]:
        partnerships = Partnership.objects.bulk_create(
            Partnership(city=self.city, title=f"P {i}", slug=f"p-{i}", summary="Résumé") for i in self.numbers(n)
        )
        PartnerRoleAssignment.objects.bulk_create(
            PartnerRoleAssignment(partnership=p, organisation=self.organisation) for p in partnerships
        )
        return partnerships

    def initiatives(self, n: int) -> list[Initiative]:
        return Initiative.objects.bulk_create(
            Initiative(
                partnership=self.partnership,
                category=self.initiative.category,
                title=f"I {i}",
                slug=f"i-{i}",
                summary="R",
                place=self.place,
                is_published=True,  # a new initiative is a draft by default
            )
            for i in self.numbers(n)
        )

    def commitments(self, n: int) -> None:
        initiatives = self.initiatives(n)
        commitments = Commitment.objects.bulk_create(
            Commitment(partnership=self.partnership, title=f"E {i}") for i in range(n)
        )
        Commitment.initiatives.through.objects.bulk_create(
            Commitment.initiatives.through(commitment=c, initiative=i)
            for c, i in zip(commitments, initiatives, strict=True)
        )

    def places(self, n: int) -> None:
        Place.objects.bulk_create(
            Place(
                city=self.city,
                name=f"L {i}",
                slug=f"l-{i}",
                kind=self.place.kind,
                address="1 rue",
                postcode="75020",
                town="Paris",
                latitude=Decimal("48.8"),
                longitude=Decimal("2.3"),
                opening_hours="24/7",
                services=["demarches"],
                email="accueil@lieu.example",
            )
            for i in self.numbers(n)
        )

    def sessions(self, n: int) -> None:
        if not hasattr(self, "programme"):
            self.programme = ProgrammeFactory(initiative__partnership=self.partnership)
        start_at = timezone.now() + dt.timedelta(days=10)
        sessions = Session.objects.bulk_create(
            Session(
                programme=self.programme,
                starts_at=start_at,
                ends_at=start_at + dt.timedelta(hours=8),
                registration_deadline=start_at - dt.timedelta(days=1),
                place=self.place,
                capacity=10,
            )
            for _ in self.numbers(n)
        )
        RegistrationFactory(session=sessions[0])

    def calls(self, n: int) -> None:
        if not hasattr(self, "call"):
            self.call = CallFactory(initiative__partnership=self.partnership)
        Call.objects.bulk_create(
            Call(
                initiative=self.call.initiative,
                title=f"A {i}",
                slug=f"a-{i}",
                summary="R",
                eligibility="E",
                offer="O",
                opens_at=self.call.opens_at,
                closes_at=self.call.closes_at,
                published_at=self.call.published_at,
            )
            for i in self.numbers(n)
        )


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("partnerships", "/api/v1/partnerships?page_size=100"),
        ("commitments", "/api/v1/commitments?page_size=100"),
        ("initiatives", "/api/v1/initiatives?page_size=100&city=paris"),
        ("places", "/api/v1/places?page_size=100&open_now=true"),
        ("places", "/api/v1/places.geojson?page_size=1000&bbox=2,48,3,49"),
        ("sessions", "/api/v1/training-sessions?page_size=100&seats=true"),
        ("calls", "/api/v1/calls?page_size=100&state=open"),
    ],
)
def test_the_query_count_of_a_list_does_not_grow_with_its_rows(client, django_assert_max_num_queries, kind, url):
    rows = Rows()
    add = getattr(rows, kind)
    add(10)
    with CaptureQueriesContext(connection) as with_ten:
        assert client.get(url).status_code == 200
    add(490)

    with django_assert_max_num_queries(len(with_ten)):
        response = client.get(url)

    assert response.status_code == 200
    body = response.json()
    assert body["total"] >= 500
    assert len(body.get("resultats", body.get("features"))) >= 100
