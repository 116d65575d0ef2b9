import pytest

from accounts.roles import CITY_STAFF, setup_roles
from tests.factories import CityFactory, StaffFactory


@pytest.fixture
def paris(db):
    return CityFactory(slug="paris", name="Paris", name_en="Paris", insee_code="75056")


@pytest.fixture
def lyon(db):
    return CityFactory(slug="lyon", name="Lyon", name_en="Lyon", insee_code="69123")


def city_staff(city):
    groups = setup_roles()
    agent = StaffFactory()
    agent.groups.add(groups[CITY_STAFF])
    city.staff.add(agent)
    return agent


@pytest.fixture
def paris_agent(paris):
    return city_staff(paris)


@pytest.fixture
def lyon_agent(lyon):
    return city_staff(lyon)
