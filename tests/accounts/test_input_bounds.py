"""The profile and the account deletion form refuse over-long input beside the field and change nothing."""

import pytest

from accounts.models import User
from tests.field_errors import field_error, length_error, too_long

pytestmark = pytest.mark.django_db


def test_an_over_long_name_in_the_profile_is_refused_and_the_saved_name_is_kept(client, user):
    User.objects.filter(pk=user.pk).update(first_name="Inès", last_name="Martin")
    client.force_login(user)
    response = client.post(
        "/fr/compte/profil/", {"first_name": too_long(150), "last_name": "Martin", "preferred_language": "fr"}
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "first_name") == length_error(150)
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Inès", "Martin")


def test_the_profile_message_is_in_english_on_the_english_page(client, user):
    client.force_login(user)
    response = client.post(
        "/en/compte/profil/", {"first_name": "Inès", "last_name": too_long(150), "preferred_language": "en"}
    )
    assert field_error(response.content.decode(), "last_name") == length_error(150, "en")


def test_an_over_long_password_on_the_deletion_form_deletes_nothing(client, user):
    client.force_login(user)
    response = client.post("/fr/compte/mes-donnees/", {"password": "x" * 4097, "confirm": "on"})
    assert response.status_code == 200
    assert field_error(response.content.decode(), "password") == length_error(4096)
    assert User.objects.filter(pk=user.pk).exists()
