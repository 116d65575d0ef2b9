"""Two-factor authentication: required of staff, reviewers and partner viewers, open to everyone.

These tests log in through the real forms (password, then code); `client.force_login` elsewhere in the
suite stands for a session that has done both (tests/conftest.py).
"""

import json
import re

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from accounts.roles import PARTNER_VIEWERS, REVIEWERS, setup_roles
from tests.a11y.validators import nu_errors, require_vnu
from tests.accounts.conftest import TOTP_SECRET, enter_code, give_totp, login, next_totp_period, totp_code
from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def activation_secret(client, language: str = "fr") -> str:
    """The secret shown on the activation page, after the password is confirmed again (allauth asks for it
    before any change to the second factors)."""
    response = client.get(f"/{language}/compte/2fa/totp/activate/")
    if response.status_code == 302:
        assert response["Location"].startswith(f"/{language}/compte/reauthenticate/")
        client.post(response["Location"], {"password": PASSWORD})
    page = client.get(f"/{language}/compte/2fa/totp/activate/").content.decode()
    return re.search(r'id="authenticator_secret" type="text" value="([A-Z2-7]+)"', page).group(1)


# --- Required for staff -------------------------------------------------------------------------


def test_staff_with_a_password_only_are_sent_to_set_up_a_second_factor(client, staff):
    response = login(client, staff.email)
    assert response.status_code == 302
    assert logged_in(client)  # the password was right...
    response = client.get("/fr/admin/")
    assert response.status_code == 302  # ...but the admin stays closed
    assert response["Location"] == "/fr/compte/double-authentification/?next=%2Ffr%2Fadmin%2F"
    page = client.get(response["Location"]).content.decode()
    assert "<h1>Double authentification requise</h1>" in page
    assert 'href="/fr/compte/2fa/totp/activate/"' in page
    for url in ("/fr/admin/partnership/partnership/", "/fr/candidatures/evaluations/", "/fr/compte/profil/", "/fr/"):
        assert client.get(url)["Location"].startswith("/fr/compte/double-authentification/"), url
    assert client.post("/fr/admin/partnership/partnership/add/", {}).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_after_setting_up_totp_with_a_code_staff_reach_the_admin(client, mailoutbox):
    staff = StaffFactory(email="agent@example.org", preferred_language="en")
    login(client, staff.email)
    client.get("/fr/compte/double-authentification/?next=/fr/admin/")
    secret = activation_secret(client)
    response = client.post("/fr/compte/2fa/totp/activate/", {"code": "000000"})
    assert response.status_code == 200  # a wrong code: the error is tied to the field
    assert 'aria-describedby="id_code_error"' in response.content.decode()
    assert client.get("/fr/admin/").status_code == 302
    response = client.post("/fr/compte/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/fr/compte/2fa/recovery-codes/"
    page = client.get(response["Location"]).content.decode()
    assert 'href="/fr/admin/">Continuer vers la page demandée</a>' in page
    assert client.get("/fr/admin/").status_code == 200
    assert Authenticator.objects.filter(user=staff, type="totp").exists()
    assert Authenticator.objects.filter(user=staff, type="recovery_codes").exists()
    # The owner hears of the new factor, in their language (in case it was not them).
    assert [m.subject.split("] ")[-1] for m in mailoutbox] == ["A second factor was added to your account"]
    # Next time, the code is asked for at login.
    client.logout()
    next_totp_period()
    assert login(client, staff.email)["Location"] == "/fr/compte/2fa/authenticate/"
    assert not logged_in(client)
    assert enter_code(client, totp_code(secret)).status_code == 302
    assert client.get("/fr/admin/").status_code == 200


def test_staff_who_have_a_factor_but_did_not_use_it_in_this_session_are_asked_for_a_code(client, staff):
    give_totp(staff)
    client.force_login_password_only(staff)  # e.g. a session opened before the second factor was required
    response = client.get("/fr/admin/")
    assert response["Location"] == "/fr/compte/2fa/reauthenticate/?next=%2Ffr%2Fadmin%2F"
    response = client.post("/fr/compte/2fa/reauthenticate/?next=/fr/admin/", {"code": totp_code()})
    assert response.status_code == 302
    assert client.get("/fr/admin/").status_code == 200


def test_staff_log_in_with_password_and_code_through_the_admin_door(client, staff):
    give_totp(staff)
    response = client.get("/fr/admin/login/?next=/fr/admin/")
    assert response["Location"] == "/fr/compte/login/?next=/fr/admin/"
    response = client.post(response["Location"], {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == "/fr/compte/2fa/authenticate/"
    response = enter_code(client, totp_code())
    assert response["Location"] == "/fr/admin/"
    assert client.get("/fr/admin/").status_code == 200


def test_recovery_codes_work_once_each(client, staff):
    codes = give_totp(staff)
    login(client, staff.email)
    assert enter_code(client, codes[0]).status_code == 302
    assert client.get("/fr/admin/").status_code == 200
    client.logout()
    login(client, staff.email)
    response = enter_code(client, codes[0])
    assert response.status_code == 200
    assert "Code incorrect" in response.content.decode()
    assert not logged_in(client)
    assert enter_code(client, codes[1]).status_code == 302
    assert client.get("/fr/admin/").status_code == 200


def test_a_code_is_accepted_once(client, staff):
    give_totp(staff)
    code = totp_code()
    login(client, staff.email)
    assert enter_code(client, code).status_code == 302
    client.logout()
    login(client, staff.email)
    assert enter_code(client, code).status_code == 200  # replayed within its 30 seconds


def test_a_code_typed_just_after_its_30_seconds_still_works_but_not_an_older_one(client, staff):
    give_totp(staff)
    login(client, staff.email)
    response = enter_code(client, totp_code(periods_ago=2))
    assert response.status_code == 200
    assert "Code incorrect" in response.content.decode()
    assert not logged_in(client)
    assert enter_code(client, totp_code(periods_ago=1))["Location"] == "/fr/mon-espace/"
    assert logged_in(client)


@pytest.mark.parametrize("group", [REVIEWERS, PARTNER_VIEWERS])
def test_reviewers_and_partner_viewers_need_a_second_factor_too(client, group):
    person = UserFactory(email="role@example.org")
    person.groups.add(setup_roles()[group])
    login(client, person.email)
    response = client.get("/fr/candidatures/evaluations/")
    assert response["Location"].startswith("/fr/compte/double-authentification/")


def test_staff_cannot_remove_their_last_second_factor(client, staff):
    give_totp(staff)
    login(client, staff.email)
    enter_code(client, totp_code())
    client.post("/fr/compte/reauthenticate/", {"password": PASSWORD})
    response = client.post("/fr/compte/2fa/totp/deactivate/")
    assert response.status_code == 200
    assert "Vous ne pouvez pas désactiver" in response.content.decode()
    assert Authenticator.objects.filter(user=staff, type="totp").exists()


# --- Available to everyone ----------------------------------------------------------------------


def test_a_citizen_is_not_asked_for_a_second_factor(client, user):
    login(client, user.email)
    assert client.get("/fr/compte/profil/").status_code == 200
    assert "Double authentification</a> (non activée)" in client.get("/fr/compte/profil/").content.decode()


def test_a_citizen_may_turn_on_totp_and_is_then_asked_for_a_code(client, user):
    login(client, user.email)
    page = client.get("/fr/compte/2fa/").content.decode()
    assert 'href="/fr/compte/2fa/totp/activate/"' in page
    secret = activation_secret(client)
    assert client.post("/fr/compte/2fa/totp/activate/", {"code": totp_code(secret)}).status_code == 302
    assert "(activée)" in client.get("/fr/compte/profil/").content.decode()
    client.logout()
    next_totp_period()
    assert login(client, user.email)["Location"] == "/fr/compte/2fa/authenticate/"
    assert enter_code(client, totp_code(secret))["Location"] == "/fr/mon-espace/"
    # A citizen may turn it off again (allauth asks for the password again first).
    client.post("/fr/compte/reauthenticate/", {"password": PASSWORD})
    assert client.post("/fr/compte/2fa/totp/deactivate/").status_code == 302
    assert not Authenticator.objects.filter(user=user, type="totp").exists()


def test_the_second_factor_pages_exist_in_english(client, user):
    login(client, user.email, language="en")
    activation_secret(client, "en")
    page = client.get("/en/compte/2fa/totp/activate/").content.decode()
    assert "<h1>Set up an authenticator app</h1>" in page
    assert "Secret key (to type if you cannot scan the QR code)" in page
    assert 'alt="QR code of the secret key' in page
    page = client.get("/en/compte/2fa/").content.decode()
    assert "<h1>Two-factor authentication</h1>" in page


# --- Secrets, personal data, the admin ----------------------------------------------------------


def test_second_factor_secrets_are_stored_encrypted(user):
    give_totp(user)
    stored = Authenticator.objects.get(user=user, type="totp").data["secret"]
    assert TOTP_SECRET not in stored
    from allauth.mfa.utils import decrypt

    assert decrypt(stored) == TOTP_SECRET


def test_the_data_export_says_which_factor_is_on_but_holds_no_secret(client, user):
    give_totp(user)
    recovery = Authenticator.objects.get(user=user, type="recovery_codes")
    client.force_login(user)
    response = client.get("/fr/compte/mes-donnees/telecharger/")
    body = response.content.decode()
    rows = json.loads(body)["records"]["mfa.Authenticator.user"]
    assert sorted(row["type"] for row in rows) == ["recovery_codes", "totp"]
    assert all(set(row) == {"id", "user", "type", "created_at", "last_used_at"} for row in rows)
    from allauth.mfa.utils import decrypt

    for secret in (TOTP_SECRET, recovery.data["seed"], decrypt(recovery.data["seed"])):
        assert secret not in body


def test_erasure_deletes_the_second_factors(client, user):
    give_totp(user)
    client.force_login(user)
    response = client.post("/fr/compte/mes-donnees/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user_id=user.pk).exists()


def test_wrong_passwords_on_the_account_deletion_form_count_as_failures(client, user):
    client.force_login(user)
    for n in range(10):
        response = client.post(
            "/fr/compte/mes-donnees/", {"password": "mauvais", "confirm": "on"}, REMOTE_ADDR=f"203.0.113.{n}"
        )
        assert response.status_code == 200
    response = client.post(
        "/fr/compte/mes-donnees/", {"password": PASSWORD, "confirm": "on"}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429
    user.refresh_from_db()  # still there


def test_superusers_see_who_uses_a_second_factor_never_the_secret_and_may_remove_one(client, superuser, staff):
    give_totp(staff)
    client.force_login(superuser)
    totp = Authenticator.objects.get(user=staff, type="totp")
    page = client.get(f"/fr/admin/mfa/authenticator/{totp.pk}/change/").content.decode()
    assert str(staff) in page
    assert totp.data["secret"] not in page
    assert TOTP_SECRET not in page
    assert client.get("/fr/admin/mfa/authenticator/add/").status_code == 403
    response = client.post(f"/fr/admin/mfa/authenticator/{totp.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=staff).exists()  # recovery codes alone would be useless


# --- Demo accounts ------------------------------------------------------------------------------


def test_demo_staff_log_into_the_admin_with_the_code_printed_by_demo_totp(client, capsys):
    call_command("load_demo", verbosity=0)
    printed = capsys.readouterr().out
    assert "PARTENARIATSNUMERIQUESDEMOTOTPXX" in printed
    call_command("demo_totp", "agent.paris@demo.partenariats.example")
    code = capsys.readouterr().out.strip()
    assert re.fullmatch(r"\d{6}", code)
    response = client.post(
        "/fr/compte/login/?next=/fr/admin/",
        {"login": "agent.paris@demo.partenariats.example", "password": "demo-partenariats-2026"},
    )
    assert response["Location"] == "/fr/compte/2fa/authenticate/"
    assert enter_code(client, code)["Location"] == "/fr/admin/"
    assert client.get("/fr/admin/").status_code == 200


def test_demo_totp_refuses_other_accounts(user, staff):
    give_totp(staff)
    for email in (user.email, staff.email, "personne@nulle-part.example"):
        with pytest.raises(CommandError):
            call_command("demo_totp", email)
    impostor = StaffFactory(email="faux@demo.partenariats.example")
    give_totp(impostor)  # a demo address, but its own secret
    with pytest.raises(CommandError, match="its own authenticator"):
        call_command("demo_totp", impostor.email)


def test_after_a_secret_key_change_the_secrets_are_reencrypted_with_the_new_key(settings, user):
    from allauth.mfa.utils import decrypt
    from django.core.exceptions import ImproperlyConfigured

    codes = give_totp(user)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a-new-key-" + "x" * 50, [old_key]
    call_command("reencrypt_second_factors", verbosity=0)
    settings.SECRET_KEY_FALLBACKS = []
    totp = Authenticator.objects.get(user=user, type="totp")
    assert decrypt(totp.data["secret"]) == TOTP_SECRET
    recovery = Authenticator.objects.get(user=user, type="recovery_codes")
    assert recovery.wrap().generate_codes() == codes
    settings.SECRET_KEY = "yet-another-key-" + "y" * 50
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY_FALLBACKS"):
        decrypt(totp.data["secret"])


def test_second_factor_and_lockout_pages_are_valid_html(client, staff):
    require_vnu()
    pages = {}
    login(client, staff.email)
    pages["setup"] = client.get("/fr/compte/double-authentification/").content.decode()
    client.post("/fr/compte/reauthenticate/", {"password": PASSWORD})
    pages["activate"] = client.get("/fr/compte/2fa/totp/activate/").content.decode()
    pages["activate-error"] = client.post("/en/compte/2fa/totp/activate/", {"code": "12"}).content.decode()
    pages["add-key"] = client.get("/fr/compte/2fa/webauthn/add/").content.decode()
    pages["index"] = client.get("/en/compte/2fa/").content.decode()
    client.logout()
    give_totp(staff)
    login(client, staff.email)
    pages["authenticate"] = client.get("/fr/compte/2fa/authenticate/").content.decode()
    enter_code(client, totp_code())
    client.post("/fr/compte/reauthenticate/", {"password": PASSWORD})
    pages["recovery"] = client.get("/fr/compte/2fa/recovery-codes/").content.decode()
    pages["keys"] = client.get("/fr/compte/2fa/webauthn/").content.decode()
    client.logout()
    for n in range(20):
        login(client, f"personne{n}@example.org", "mauvais", ip="192.0.2.1")
    response = login(client, staff.email, ip="192.0.2.1")
    assert response.status_code == 429
    pages["429"] = response.content.decode()
    assert "<h1>" in pages["authenticate"] and "<h1>" in pages["keys"]
    assert nu_errors(pages) == []


def test_the_setup_page_keeps_only_a_local_next_page(client, staff):
    from accounts.mfa import SECOND_FACTOR_NEXT

    client.force_login_password_only(staff)
    client.get("/fr/compte/double-authentification/?next=https://ailleurs.example/piege")
    assert SECOND_FACTOR_NEXT not in client.session
    client.get("/fr/compte/double-authentification/?next=/fr/admin/")
    assert client.session[SECOND_FACTOR_NEXT] == "/fr/admin/"


def test_a_security_keys_name_is_escaped_where_it_is_listed(client, user):
    Authenticator.objects.create(
        user=user, type="webauthn", data={"name": "<script>alert(1)</script>", "credential": {}}
    )
    client.force_login(user)
    page = client.get("/fr/compte/2fa/webauthn/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "1 clé de sécurité enregistrée." in client.get("/fr/compte/2fa/").content.decode()
