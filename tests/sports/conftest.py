import pytest

# The same Paris and Lyon, and their city agents, as the places' tests: resources hang on places.
from tests.initiatives.conftest import lyon, lyon_agent, paris, paris_agent  # noqa: F401

from .factories import SportsResourceFactory


@pytest.fixture
def resource(paris):  # noqa: F811
    return SportsResourceFactory(place__city=paris, capacity=3, max_bookings_per_week=2, cancellation_hours=24)
