"""Registration and the sessions admin refuse over-long input beside the field and change nothing."""

import pytest

from tests.factories import UserFactory
from tests.field_errors import field_error, form_data, length_error, too_long
from training.models import Registration

pytestmark = pytest.mark.django_db


def test_an_over_long_motivation_registers_nobody(client, paris_session):
    client.force_login(UserFactory())
    response = client.post(
        f"/fr/formations/sessions/{paris_session.pk}/inscription/",
        {"situation": "job_seeker_registered", "motivation": too_long(2000), "consent": "on"},
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "motivation") == length_error(2000)
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("practical_info_fr", too_long(3000), length_error(3000)),
        ("practical_info_en", too_long(3000), length_error(3000)),
        ("reference", "<b>WEB</b>", "Une référence ne contient que des lettres sans accent"),
    ],
)
def test_the_sessions_admin_refuses_over_long_texts_beside_the_field(client, paris_session, name, value, message):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/fr/admin/training/session/{paris_session.pk}/change/"
    data = form_data(client.get(url).content.decode())
    assert client.post(url, data).status_code == 302  # the page as it is saves
    paris_session.refresh_from_db()
    before = (paris_session.reference, paris_session.practical_info_fr, paris_session.practical_info_en)
    response = client.post(url, {**data, name: value})
    assert response.status_code == 200
    assert field_error(response.content.decode(), name).startswith(message)
    paris_session.refresh_from_db()
    assert (paris_session.reference, paris_session.practical_info_fr, paris_session.practical_info_en) == before
