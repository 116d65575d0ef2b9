"""Login limits, through the real forms: the attempt on which each one slows or locks, and what it says.

Figures (settings.LOGIN_LIMITS): an address is locked on its 21st attempt after 20 failures within 15
minutes, for 15 minutes; an account answers 429 on the attempt after its 10th failure (from any
address), for 1 minute, then 2, 4, 8, 16, 32 and at most 60 minutes after each further failure; the
reset form answers 429 on the 4th request for one address in an hour and the 11th from one address
in 15 minutes. The admin's login is the site's.
"""

import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import LoginThrottle
from accounts.throttling import account_cooldown, key_digest, login_throttles_purge
from tests.accounts.conftest import enter_code, give_totp, login, next_totp_period, time_passes, totp_code
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def account_row(email: str) -> LoginThrottle:
    return LoginThrottle.objects.get(scope="account", key_digest=key_digest("account", email))


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- Per address, across accounts ---------------------------------------------------------------


def test_one_address_is_locked_on_its_21st_attempt_whatever_the_accounts(client):
    victim = UserFactory(email="victime@example.org")
    for n in range(20):
        response = login(client, f"personne{n}@example.org", "mauvais-mot-de-passe")
        assert response.status_code == 200, n  # the form again, with its error
    response = login(client, victim.email, PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    page = response.content.decode()
    assert "<h1>Trop de tentatives</h1>" in page
    assert "Vous pourrez réessayer dans 15 minutes" in page
    assert 890 <= int(response["Retry-After"]) <= 900
    # Another address is not concerned.
    assert login(client, victim.email, PASSWORD, ip="198.51.100.2").status_code == 302


def test_the_lockout_page_speaks_the_pages_language(client):
    for n in range(20):
        login(client, f"personne{n}@example.org", "mauvais", language="en")
    response = login(client, "personne0@example.org", "mauvais", language="en")
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Too many attempts" in page
    assert "You can try again in 15 minutes" in page


def test_an_address_lock_ends_after_15_minutes_and_its_attempts_do_not_restart_it(client):
    user = UserFactory(email="camille@example.org")
    for n in range(20):
        login(client, f"personne{n}@example.org", "mauvais")
    row = LoginThrottle.objects.get(scope="ip")
    locked_until = row.locked_until
    for password in ("mauvais", PASSWORD, "autre", PASSWORD):
        assert login(client, user.email, password).status_code == 429
    row.refresh_from_db()
    assert row.locked_until == locked_until  # not pushed back by the attempts made during the lock
    assert row.failures == 0
    assert not LoginThrottle.objects.filter(scope="account", key_digest=key_digest("account", user.email)).exists()
    time_passes(14)
    assert login(client, user.email, PASSWORD).status_code == 429
    time_passes(1.01)
    assert login(client, user.email, PASSWORD).status_code == 302


# --- Per account, across addresses ---------------------------------------------------------------


def test_an_account_slows_down_after_10_failures_from_4_addresses_even_for_the_right_password(client):
    user = UserFactory(email="cible@example.org")
    addresses = ["203.0.113.1"] * 3 + ["203.0.113.2"] * 3 + ["203.0.113.3"] * 2 + ["203.0.113.4"] * 2
    for ip in addresses:
        assert login(client, user.email, "mauvais", ip=ip).status_code == 200
    response = login(client, user.email, PASSWORD, ip="203.0.113.5")
    assert response.status_code == 429
    assert not logged_in(client)
    assert "Si ce compte existe, son titulaire a été prévenu" in response.content.decode()
    row = account_row(user.email)
    assert row.failures == 10  # the refused attempt is not counted
    assert timedelta(seconds=55) < row.locked_until - timezone.now() <= timedelta(seconds=60)
    time_passes(1.01)
    assert login(client, user.email, PASSWORD, ip="203.0.113.5").status_code == 302
    assert logged_in(client)
    assert not LoginThrottle.objects.filter(scope="account").exists()  # success: the count starts again


def test_the_account_cooldown_doubles_after_each_further_failure_up_to_an_hour(client):
    assert [account_cooldown(n).total_seconds() for n in range(8, 18)] == [
        0,
        0,
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
        3600,
    ]
    assert account_cooldown(500) == timedelta(hours=1)
    user = UserFactory(email="cible@example.org")
    for n in range(10):
        login(client, user.email, "mauvais", ip=f"203.0.113.{n}")
    time_passes(1.01)
    assert login(client, user.email, "encore-faux", ip="203.0.113.50").status_code == 200  # 11th failure
    assert account_row(user.email).locked_until - timezone.now() > timedelta(seconds=110)
    time_passes(1.01)
    assert login(client, user.email, PASSWORD, ip="203.0.113.51").status_code == 429  # 2 minutes this time
    time_passes(1.01)
    assert login(client, user.email, PASSWORD, ip="203.0.113.51").status_code == 302


def test_attempts_during_a_cooldown_neither_count_nor_restart_it(client):
    user = UserFactory(email="cible@example.org")
    for n in range(10):
        login(client, user.email, "mauvais", ip=f"203.0.113.{n}")
    before = account_row(user.email)
    for n, password in enumerate(["mauvais", PASSWORD, "x", PASSWORD, "y"]):
        assert login(client, user.email, password, ip=f"192.0.2.{n}").status_code == 429
    after = account_row(user.email)
    assert (after.failures, after.locked_until) == (before.failures, before.locked_until)


def test_a_successful_login_resets_the_accounts_count(client):
    user = UserFactory(email="cible@example.org")
    for n in range(9):
        login(client, user.email, "mauvais", ip=f"203.0.113.{n}")
    assert login(client, user.email, PASSWORD).status_code == 302
    client.logout()
    for n in range(9):
        login(client, user.email, "mauvais", ip=f"203.0.113.{n}")
    assert login(client, user.email, PASSWORD).status_code == 302  # 9 + 9 failures, but never 10 in a row


def test_failures_older_than_a_day_are_forgotten(client):
    user = UserFactory(email="cible@example.org")
    for n in range(9):
        login(client, user.email, "mauvais", ip=f"203.0.113.{n}")
    time_passes(24 * 60)
    login(client, user.email, "mauvais", ip="203.0.113.20")
    assert account_row(user.email).failures == 1
    assert login(client, user.email, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("language", "subject", "phrase"),
    [
        ("fr", "Quelqu'un essaie votre mot de passe", "Si ce n'était pas vous"),
        ("en", "Someone is trying your password", "If it was not you"),
    ],
)
def test_the_owner_is_emailed_once_per_episode_in_their_language(
    client, mailoutbox, django_capture_on_commit_callbacks, language, subject, phrase
):
    user = UserFactory(email="cible@example.org", preferred_language=language)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(10):
            login(client, user.email, "mauvais", ip=f"203.0.113.{n}")
        time_passes(1.01)
        login(client, user.email, "mauvais", ip="203.0.113.30")  # 11th failure: same episode
        time_passes(2.01)
        login(client, user.email, "mauvais", ip="203.0.113.31")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [user.email]
    assert message.subject.endswith(subject)
    assert phrase in message.body
    assert "10" in message.body
    assert f"/{language}/compte/password/reset/" in message.body
    time_passes(60)
    assert login(client, user.email, PASSWORD).status_code == 302  # the episode ends
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(10):
            login(client, user.email, "mauvais", ip=f"203.0.113.{n}")
    assert len(mailoutbox) == 2  # a new episode, a new warning


def test_an_unknown_address_is_slowed_down_the_same_and_nobody_is_emailed(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(10):
            assert login(client, "inconnu@example.org", "mauvais", ip=f"203.0.113.{n}").status_code == 200
        assert login(client, "inconnu@example.org", "mauvais", ip="203.0.113.40").status_code == 429
    assert mailoutbox == []


# --- The admin, the reset form, the second factor, reauthentication ------------------------------


def test_the_admin_login_is_the_sites_login(client, staff):
    response = client.get("/fr/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == "/fr/compte/login/?next=/fr/admin/"
    # Posting a password to the admin's old form checks nothing and logs nobody in.
    response = client.post("/fr/admin/login/", {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/compte/login/")
    assert not logged_in(client)
    assert not LoginThrottle.objects.exists()


def test_the_admin_door_shares_the_address_limit(client, staff):
    for n in range(20):
        login(client, f"personne{n}@example.org", "mauvais")
    response = client.post(
        "/fr/compte/login/?next=/fr/admin/", {"login": staff.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.1"
    )
    assert response.status_code == 429


def test_a_logged_in_person_without_admin_access_gets_403_from_the_admin_login(client, user):
    client.force_login(user)
    response = client.get("/fr/admin/login/?next=/fr/admin/")
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


def _reset_emails(kind: str = "accounts.password_reset_key") -> int:
    """Reset emails recorded in the outbox (the task sends them after commit)."""
    from notifications.models import Notification

    return Notification.objects.filter(kind=kind).count()


def test_the_reset_form_refuses_the_4th_request_for_one_address_within_an_hour(client):
    user = UserFactory(email="oubli@example.org")
    for n in range(3):
        response = client.post("/fr/compte/password/reset/", {"email": user.email}, REMOTE_ADDR=f"203.0.113.{n}")
        assert response.status_code == 302
    assert _reset_emails() == 3
    response = client.post("/fr/compte/password/reset/", {"email": user.email}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "réinitialisation du mot de passe sont limitées" in response.content.decode()
    assert _reset_emails() == 3
    time_passes(61)
    assert client.post("/fr/compte/password/reset/", {"email": user.email}).status_code == 302


def test_the_reset_form_refuses_the_11th_request_from_one_address_within_15_minutes(client):
    for n in range(10):
        response = client.post("/fr/compte/password/reset/", {"email": f"personne{n}@example.org"})
        assert response.status_code == 302
    response = client.post("/fr/compte/password/reset/", {"email": "encore@example.org"})
    assert response.status_code == 429
    # "no account uses this address" emails: the form does not tell who exists
    assert _reset_emails("accounts.unknown_account") == 10


def test_an_invalid_reset_form_is_not_counted(client):
    for _ in range(15):
        assert client.post("/fr/compte/password/reset/", {"email": "pas-une-adresse"}).status_code == 200
    assert not LoginThrottle.objects.exists()


def test_wrong_second_factor_codes_slow_the_account_down_on_the_11th(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="deux@example.org")
    give_totp(user)
    assert login(client, user.email).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(10):
            response = enter_code(client, f"{n:06d}", ip=f"203.0.113.{n}")
            assert response.status_code == 200
            assert "Code incorrect" in response.content.decode()
    assert len(mailoutbox) == 1  # the owner hears of it: their password is known
    response = enter_code(client, totp_code(), ip="203.0.113.50")
    assert response.status_code == 429
    assert not logged_in(client)
    time_passes(1.01)
    assert enter_code(client, totp_code(), ip="203.0.113.50").status_code == 302
    assert logged_in(client)


def test_wrong_passwords_when_reauthenticating_are_limited_too(client, user):
    client.force_login(user)
    for n in range(10):
        response = client.post("/fr/compte/reauthenticate/", {"password": "mauvais"}, REMOTE_ADDR=f"203.0.113.{n}")
        assert response.status_code == 200
    response = client.post("/fr/compte/reauthenticate/", {"password": PASSWORD}, REMOTE_ADDR="203.0.113.20")
    assert response.status_code == 429


# --- The client address behind a proxy -----------------------------------------------------------


def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(client):
    for n in range(20):
        login(client, f"personne{n}@example.org", "mauvais", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = login(client, "personne0@example.org", "mauvais", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429  # every forged header still came from the same peer


def test_behind_one_trusted_proxy_each_client_has_its_own_limit(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    user = UserFactory(email="camille@example.org")
    for n in range(20):
        login(client, f"personne{n}@example.org", "mauvais", ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert login(client, user.email, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    # A spoofed address prepended by the client does not help: the proxy appended the real one.
    spoofed = "192.0.2.200, 203.0.113.7"
    assert login(client, user.email, ip=proxy, HTTP_X_FORWARDED_FOR=spoofed).status_code == 429
    # Everyone else behind the proxy still logs in.
    assert login(client, user.email, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302
    client.logout()
    # A request that did not come through the proxy counts as its peer, and gets no 500.
    assert login(client, user.email, ip="198.51.100.77").status_code == 302


def test_ipv6_clients_are_counted_by_their_64_prefix(client):
    for n in range(20):
        login(client, f"personne{n}@example.org", "mauvais", ip=f"2001:db8:1:2::{n + 1:x}")
    assert login(client, "personne0@example.org", "mauvais", ip="2001:db8:1:2:ffff::1").status_code == 429
    assert login(client, "personne0@example.org", "mauvais", ip="2001:db8:1:3::1").status_code == 200


def test_erasure_forgets_the_accounts_counters(client):
    from accounts.privacy import user_erase

    user = UserFactory(email="cible@example.org")
    for n in range(3):
        login(client, user.email, "mauvais", ip=f"203.0.113.{n}")
    client.post("/fr/compte/password/reset/", {"email": user.email})
    assert LoginThrottle.objects.filter(key_digest=key_digest("account", user.email)).exists()
    user_erase(user=user)
    digests = {key_digest("account", user.email), key_digest("reset_email", user.email)}
    assert not LoginThrottle.objects.filter(key_digest__in=digests).exists()
    assert LoginThrottle.objects.filter(scope="ip").exists()  # the addresses' counters name nobody


# --- Housekeeping and outages --------------------------------------------------------------------


def test_counters_idle_for_a_day_are_purged_unless_a_block_runs(client):
    for n in range(20):
        login(client, f"personne{n}@example.org", "mauvais")
    assert LoginThrottle.objects.count() == 21
    time_passes(23 * 60)
    assert login_throttles_purge() == 0
    time_passes(60)
    LoginThrottle.objects.filter(scope="ip").update(locked_until=timezone.now() + timedelta(minutes=5))
    assert login_throttles_purge() == 20
    assert list(LoginThrottle.objects.values_list("scope", flat=True)) == ["ip"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def dead_redis_cache(settings):
    """The default cache on a Redis of our own, stopped before the test runs."""
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (apt-get install redis-server)")
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    location = f"redis://127.0.0.1:{port}/0"
    try:
        for _ in range(50):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        settings.CACHES = {
            "default": {
                "BACKEND": "common.cache.FailOpenRedisCache",
                "LOCATION": location,
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            }
        }
        from django.core.cache import cache

        cache.set("alive", 1)
        assert cache.get("alive") == 1
    finally:
        server.terminate()
        server.wait(timeout=10)
    yield location


def test_logins_limits_and_the_second_factor_work_while_redis_is_down(client, dead_redis_cache):
    from django.core.cache.backends.redis import RedisCache
    from redis.exceptions import ConnectionError as RedisConnectionError

    with pytest.raises(RedisConnectionError):  # what the pages met before: Django's cache raises
        RedisCache(dead_redis_cache, {}).add("key", "value")
    user = UserFactory(email="deux@example.org")
    give_totp(user)
    assert client.get("/fr/compte/login/").status_code == 200
    assert login(client, user.email).status_code == 302
    assert enter_code(client, totp_code()).status_code == 302
    assert logged_in(client)
    client.logout()
    assert client.post("/fr/compte/password/reset/", {"email": user.email}).status_code == 302
    assert _reset_emails() == 1
    signup = {"email": "nouveau@example.org", "password1": PASSWORD, "password2": PASSWORD}
    assert client.post("/fr/compte/signup/", signup).status_code == 302
    client.logout()
    for n in range(20):  # the limits live in the database: they still hold
        login(client, f"personne{n}@example.org", "mauvais")
    assert login(client, user.email).status_code == 429
    next_totp_period()
