"""The partnership admin refuses an over-long summary beside the field and keeps the saved one."""

import pytest

from tests.factories import PartnershipFactory, UserFactory
from tests.field_errors import field_error, form_data, length_error, too_long

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_over_long_summary_is_refused_beside_the_field(client, language):
    partnership = PartnershipFactory(summary_fr="Un accord de trois ans.", summary_en="A three-year agreement.")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/{language}/admin/partnership/partnership/{partnership.pk}/change/"
    data = form_data(client.get(url).content.decode())
    assert client.post(url, data).status_code == 302  # the page as it is saves
    response = client.post(url, {**data, "summary_fr": too_long(1000)})
    assert response.status_code == 200
    assert field_error(response.content.decode(), "summary_fr") == length_error(1000, language)
    partnership.refresh_from_db()
    assert partnership.summary_fr == "Un accord de trois ans."
