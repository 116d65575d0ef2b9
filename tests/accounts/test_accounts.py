import re

import pytest
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _link(body: str) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", body).group(1)


def test_confirmation_link_then_login(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fr/compte/signup/", {"email": "lea@example.org", "password1": PASSWORD, "password2": PASSWORD})
    confirm = _link(mailoutbox[0].body)
    assert client.get(confirm).status_code == 200
    assert client.post(confirm).status_code == 302
    client.logout()
    response = client.post("/fr/compte/login/", {"login": "lea@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/fr/compte/profil/").status_code == 200


def test_login_is_refused_before_confirmation(client, mailoutbox, django_capture_on_commit_callbacks):
    UserFactory(email="nouveau@example.org", verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/compte/login/", {"login": "nouveau@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "confirm-email" in response.headers["Location"]
    assert [m.to for m in mailoutbox] == [["nouveau@example.org"]]  # the confirmation, sent again


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("court-1A", "Ce mot de passe est trop court"),
        ("motdepasse1", "trop court"),
        ("123456789012", "entièrement numérique"),
        ("qwerty123456", "trop courant"),
    ],
)
def test_weak_passwords_are_refused_next_to_the_field(client, password, message):
    response = client.post(
        "/fr/compte/signup/", {"email": "x@example.org", "password1": password, "password2": password}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(email="x@example.org").exists()


def test_logout(client, user):
    client.force_login(user)
    assert client.post("/fr/compte/logout/").status_code == 302
    assert client.get("/fr/compte/profil/").status_code == 302


def test_profile_changes_name_and_language(client, user):
    client.force_login(user)
    response = client.post(
        "/fr/compte/profil/", {"first_name": "Inès", "last_name": "Martin", "preferred_language": "en"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/compte/profil/"
    user.refresh_from_db()
    assert (user.first_name, user.preferred_language) == ("Inès", "en")
    page = client.get(response.headers["Location"]).content.decode()
    assert "Your profile has been saved." in page  # the message speaks the language just chosen
    assert "Votre profil a été enregistré." not in page


def test_switching_back_to_french_shows_the_message_in_french(client, user):
    user.preferred_language = "en"
    user.save()
    client.force_login(user)
    response = client.post(
        "/en/compte/profil/", {"first_name": "Inès", "last_name": "Martin", "preferred_language": "fr"}
    )
    assert response.headers["Location"] == "/fr/compte/profil/"
    assert "Votre profil a été enregistré." in client.get("/fr/compte/profil/").content.decode()


def test_profile_refuses_an_unknown_language(client, user):
    client.force_login(user)
    response = client.post("/fr/compte/profil/", {"first_name": "A", "last_name": "B", "preferred_language": "xx"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
