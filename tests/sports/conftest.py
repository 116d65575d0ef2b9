import pytest

from tests.factories import CityFactory, city_agent

from .factories import SportsResourceFactory


@pytest.fixture
def paris(db):
    return CityFactory(slug="paris", name="Paris", name_en="Paris", insee_code="75056")


@pytest.fixture
def lyon(db):
    return CityFactory(slug="lyon", name="Lyon", name_en="Lyon", insee_code="69123")


@pytest.fixture
def paris_agent(paris):
    return city_agent(paris)


@pytest.fixture
def lyon_agent(lyon):
    return city_agent(lyon)


@pytest.fixture
def resource(paris):
    return SportsResourceFactory(place__city=paris, capacity=3, max_bookings_per_week=2, cancellation_hours=24)
