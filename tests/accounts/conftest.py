"""Helpers for the login tests: real form posts, second factors with known secrets, time passing."""

import time
from datetime import timedelta

import pytest
from django.db.models import F

from tests.factories import PASSWORD

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - a test secret


def totp_code(secret: str = TOTP_SECRET, *, periods_ago: int = 0) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 - periods_ago))


def next_totp_period() -> None:
    """allauth refuses a code already used in its 30-second period (kept in the cache): forget it, as if
    the next period had come."""
    from django.core.cache import cache

    cache.clear()


def login(client, email: str, password: str = PASSWORD, *, language: str = "fr", ip: str = "198.51.100.1", **extra):
    return client.post(f"/{language}/compte/login/", {"login": email, "password": password}, REMOTE_ADDR=ip, **extra)


def enter_code(client, code: str, *, language: str = "fr", ip: str = "198.51.100.1"):
    return client.post(f"/{language}/compte/2fa/authenticate/", {"code": code}, REMOTE_ADDR=ip)


def give_totp(user, secret: str = TOTP_SECRET, *, recovery_codes: bool = True) -> list[str]:
    """Set up an authenticator app for `user` (as after the activation page); returns the recovery codes."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)
    return RecoveryCodes.activate(user).generate_codes() if recovery_codes else []


def time_passes(minutes: float) -> None:
    """Move every login counter `minutes` into the past (the cooldowns and windows they hold end sooner)."""
    from accounts.models import LoginThrottle

    delta = timedelta(minutes=minutes)
    for field in ("window_started_at", "last_failure_at", "locked_until", "episode_started_at"):
        LoginThrottle.objects.filter(**{f"{field}__isnull": False}).update(**{field: F(field) - delta})


@pytest.fixture
def staff(db):
    from tests.factories import StaffFactory

    return StaffFactory(email="agent@example.org")
