import pytest

from tests.factories import CityFactory


@pytest.fixture
def paris(db):
    return CityFactory(slug="paris", name="Paris", name_en="Paris")


@pytest.fixture
def lyon(db):
    return CityFactory(slug="lyon", name="Lyon", name_en="Lyon")


def get(client, url, **headers):
    """A GET from another site's page, as a browser's fetch() sends it."""
    return client.get(url, HTTP_ORIGIN="https://carte.example.org", **headers)
