import re

import pytest
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _link(body: str) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", body).group(1)


@pytest.mark.parametrize(
    ("language", "subject_word"),
    [("fr", "Confirm"), ("en", "Please Confirm")],
)
def test_sign_up_sends_a_confirmation_in_the_page_language(client, mailoutbox, language, subject_word):
    response = client.post(
        f"/{language}/compte/signup/",
        {"email": "Camille@Example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email__iexact="camille@example.org")
    assert user.preferred_language == language
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["Camille@Example.org"] or mailoutbox[0].to == ["camille@example.org"]
    if language == "fr":
        assert "Confirmer" in mailoutbox[0].subject or "confirmer" in mailoutbox[0].body
    else:
        assert subject_word in mailoutbox[0].subject


def test_confirmation_link_then_login(client, mailoutbox):
    client.post("/fr/compte/signup/", {"email": "lea@example.org", "password1": PASSWORD, "password2": PASSWORD})
    confirm = _link(mailoutbox[0].body)
    assert client.get(confirm).status_code == 200
    assert client.post(confirm).status_code == 302
    client.logout()
    response = client.post("/fr/compte/login/", {"login": "lea@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/fr/compte/profil/").status_code == 200


def test_login_is_refused_before_confirmation(client, mailoutbox):
    UserFactory(email="nouveau@example.org", verified=False)
    response = client.post("/fr/compte/login/", {"login": "nouveau@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "confirm-email" in response.headers["Location"]
    assert len(mailoutbox) == 1


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


def test_password_reset_by_email(client, mailoutbox):
    user = UserFactory(email="reset@example.org", preferred_language="en")
    client.post("/fr/compte/password/reset/", {"email": "reset@example.org"})
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["reset@example.org"]
    assert "Password Reset" in mailoutbox[0].subject  # the person's language, not the page's
    reset_url = _link(mailoutbox[0].body)
    response = client.get(reset_url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    new_password = "un-tout-nouveau-mot-de-passe"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


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


def test_profile_refuses_an_unknown_language(client, user):
    client.force_login(user)
    response = client.post("/fr/compte/profil/", {"first_name": "A", "last_name": "B", "preferred_language": "xx"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
