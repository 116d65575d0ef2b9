"""The catalogue search and the places admin refuse over-long input and change nothing."""

import pytest

from tests.factories import InitiativeFactory, UserFactory
from tests.field_errors import field_error, form_data, length_error, too_long

from .factories import InclusionPlaceFactory

pytestmark = pytest.mark.django_db


def test_an_over_long_search_is_refused_beside_the_field_and_the_catalogue_still_answers(client):
    InitiativeFactory(title="Atelier de réparation")
    response = client.get("/fr/initiatives/", {"q": too_long(200)})
    assert response.status_code == 200
    page = response.content.decode()
    assert field_error(page, "q") == length_error(200)
    assert "Atelier de réparation" in page  # the search is ignored, not applied to a cut text


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("description_fr", too_long(5000), length_error(5000)),
        ("accessibility_en", too_long(2000), length_error(2000)),
        ("phone", "<script>alert(1)</script>", "Saisissez un numéro de téléphone français"),
    ],
)
def test_the_places_admin_refuses_over_long_texts_and_odd_phones_beside_the_field(
    client, paris, paris_agent, name, value, message
):
    place = InclusionPlaceFactory(city=paris, description_fr="Un lieu ouvert à tous.", phone="01 23 45 67 89")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/fr/admin/initiatives/place/{place.pk}/change/"
    data = form_data(client.get(url).content.decode())
    assert client.post(url, data).status_code == 302  # the page as it is saves
    response = client.post(url, {**data, name: value})
    assert response.status_code == 200
    assert field_error(response.content.decode(), name).startswith(message)
    place.refresh_from_db()
    assert (place.description_fr, place.phone) == ("Un lieu ouvert à tous.", "+33123456789")  # saved once, normalised
