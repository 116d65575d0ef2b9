import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from accounts.privacy import apply_retention, personal_data_export, personal_relations, user_erase
from tests.factories import PASSWORD, CityFactory, UserFactory

pytestmark = pytest.mark.django_db


def _text_fields(model):
    return [
        f.name
        for f in model._meta.get_fields()
        if isinstance(f, models.CharField | models.TextField | models.EmailField | models.JSONField)
        and not f.auto_created
    ]


def rows_mentioning(value: str) -> list[str]:
    """Every row of every model with `value` in a text field: the proof that nothing personal is left."""
    found = []
    for model in apps.get_models():
        for name in _text_fields(model):
            lookup = f"{name}__icontains"
            if model._default_manager.filter(**{lookup: value}).exists():
                found.append(f"{model._meta.label}.{name}")
    return found


def test_every_model_pointing_to_a_person_is_in_the_export():
    user = UserFactory()
    exported = personal_data_export(user=user)["records"]
    expected = {f"{model._meta.label}.{field.name}" for model, field in personal_relations()}
    assert set(exported) == expected
    assert "partnership.City.staff" in expected  # a many-to-many is found too


def test_export_contains_the_persons_rows_and_no_password(client):
    user = UserFactory(email="export@example.org", first_name="Aïcha")
    city = CityFactory()
    city.staff.add(user)
    client.force_login(user)
    response = client.get("/fr/compte/mes-donnees/telecharger/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == "export@example.org"
    assert data["account"]["first_name"] == "Aïcha"
    assert "password" not in data["account"]
    assert [row["id"] for row in data["records"]["partnership.City.staff"]] == [city.pk]


def test_export_needs_login(client):
    response = client.get("/fr/compte/mes-donnees/telecharger/")
    assert response.status_code == 302
    assert "/compte/login/" in response.headers["Location"]


def test_deleting_the_account_needs_the_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/fr/compte/mes-donnees/", {"password": "mauvais", "confirm": "on"})
    assert response.status_code == 200
    assert "Ce mot de passe n&#x27;est pas le bon." in response.content.decode()
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_deleting_the_account_leaves_no_personal_data(client):
    user = UserFactory(email="efface@example.org", first_name="Zéphyrine", last_name="Quenouille")
    client.force_login(user)
    client.post(
        "/fr/compte/profil/", {"first_name": "Zéphyrine", "last_name": "Quenouille", "preferred_language": "fr"}
    )
    response = client.post("/fr/compte/mes-donnees/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    for value in ("efface@example.org", "Zéphyrine", "Quenouille"):
        assert rows_mentioning(value) == [], value
    assert client.get("/fr/compte/profil/").status_code == 302  # logged out


def test_erasure_keeps_the_audit_trail_without_the_person(staff_user):
    city = CityFactory()
    city.name = "Ville renommée"
    city._history_user = staff_user
    city.save()
    history = city.history.first()
    assert history.history_user == staff_user
    user_erase(user=staff_user)
    history.refresh_from_db()
    assert history.history_user is None
    assert history.name == "Ville renommée"


def test_inactive_accounts_are_warned_a_month_before_then_erased(mailoutbox, django_capture_on_commit_callbacks):
    now = timezone.now()
    old = UserFactory(email="dormant@example.org", preferred_language="en")
    old.last_login = now - timezone.timedelta(days=720)
    old.save()
    recent = UserFactory(email="actif@example.org")
    recent.last_login = now - timezone.timedelta(days=10)
    recent.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert apply_retention(now=now) == {"warned": 1, "erased": 0, "purged": 0}
    with django_capture_on_commit_callbacks(execute=True):
        assert apply_retention(now=now)["warned"] == 0  # run twice: one warning
    assert [m.to for m in mailoutbox] == [["dormant@example.org"]]
    assert "will be anonymised" in mailoutbox[0].subject or "anonymised" in mailoutbox[0].body

    later = now + timezone.timedelta(days=31)
    assert apply_retention(now=later)["erased"] == 1
    assert not get_user_model().objects.filter(email="dormant@example.org").exists()
    assert get_user_model().objects.filter(email="actif@example.org").exists()


def test_logging_in_after_the_warning_keeps_the_account(mailoutbox, django_capture_on_commit_callbacks):
    now = timezone.now()
    user = UserFactory()
    user.last_login = now - timezone.timedelta(days=720)
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        apply_retention(now=now)
    user.last_login = now + timezone.timedelta(days=5)
    user.save()
    assert apply_retention(now=now + timezone.timedelta(days=40))["erased"] == 0
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_staff_accounts_are_never_erased_for_inactivity(staff_user):
    staff_user.last_login = timezone.now() - timezone.timedelta(days=2000)
    staff_user.save()
    now = timezone.now()
    apply_retention(now=now)
    apply_retention(now=now + timezone.timedelta(days=40))
    assert get_user_model().objects.filter(pk=staff_user.pk).exists()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_privacy_and_legal_pages(client, language):
    privacy = client.get(f"/{language}/confidentialite/").content.decode()
    legal = client.get(f"/{language}/mentions-legales/").content.decode()
    assert ("Politique de confidentialité" if language == "fr" else "Privacy notice") in privacy
    assert ("Mentions légales" if language == "fr" else "Legal notice") in legal
    assert "Licence Ouverte 2.0" in legal
