"""The accounts' messages to their owners: a second factor added or removed, a login lockout, the warning
before an inactive account is erased. Templates: accounts/templates/notifications/email/accounts/."""

from __future__ import annotations

from datetime import date, datetime

from django.urls import reverse
from django.utils import formats, timezone

from notifications import kinds
from notifications.services import notify

SECOND_FACTOR_CHANGED = kinds.register("accounts.second_factor_changed")
LOGIN_THROTTLED = kinds.register("accounts.login_throttled")
INACTIVITY_WARNING = kinds.register("accounts.inactivity_warning")


def second_factor_changed(user, authenticator, change: str) -> None:
    """`change` is "added" or "removed": the owner hears of it, in case it was not them."""
    notify(
        kind=SECOND_FACTOR_CHANGED,
        key=f"accounts.second_factor_{change}:{authenticator.pk}",
        recipient=user,
        context=lambda language: {
            "change": change,
            "factor": authenticator.type,
            "when": formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT"),
            "security_path": reverse("mfa_index"),
        },
    )


def login_throttled(user, *, failures: int, started_at: datetime) -> None:
    """Someone is trying the account's password: told once per lockout episode."""
    notify(
        kind=LOGIN_THROTTLED,
        key=f"{LOGIN_THROTTLED}:{user.pk}:{started_at:%Y%m%d%H%M%S%f}",
        recipient=user,
        context=lambda language: {
            "failures": failures,
            "when": formats.date_format(timezone.localtime(started_at), "SHORT_DATETIME_FORMAT"),
            "reset_path": reverse("account_reset_password"),
            "security_path": reverse("mfa_index"),
        },
    )


def inactivity_warning(user, *, erase_on: date) -> None:
    """The account will be erased on `erase_on` unless its owner logs in (once per period of inactivity)."""
    notify(
        kind=INACTIVITY_WARNING,
        key=f"{INACTIVITY_WARNING}:{user.pk}:{user.last_seen:%Y%m%d%H%M%S}",
        recipient=user,
        context=lambda language: {"erase_on": erase_on.isoformat(), "login_path": reverse("account_login")},
    )
