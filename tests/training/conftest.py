import pytest

from accounts.roles import CITY_STAFF, setup_roles
from tests.factories import CityFactory, StaffFactory

from .factories import JobTrainingInitiativeFactory, ProgrammeFactory, SessionFactory


@pytest.fixture
def paris(db):
    return CityFactory(slug="paris", name="Paris", name_en="Paris")


@pytest.fixture
def lyon(db):
    return CityFactory(slug="lyon", name="Lyon", name_en="Lyon")


@pytest.fixture
def paris_session(paris):
    initiative = JobTrainingInitiativeFactory(partnership__city=paris)
    return SessionFactory(programme=ProgrammeFactory(initiative=initiative, title="Développement web à Paris"))


@pytest.fixture
def lyon_session(lyon):
    initiative = JobTrainingInitiativeFactory(partnership__city=lyon)
    return SessionFactory(programme=ProgrammeFactory(initiative=initiative, title="Cloud à Lyon"))


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
