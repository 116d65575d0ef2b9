"""Two-factor authentication (allauth.mfa): who must use it, whether this session did, the demo accounts' factor.

City staff, reviewers, partner viewers and superusers (anyone with `is_staff` or in a role group) must
have a second factor and have used it in the current session before any other page answers them
(`accounts.middleware.SecondFactorRequiredMiddleware`). Everyone else may turn it on from "Mon compte".
"""

from __future__ import annotations

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.http import HttpRequest

from .roles import CITY_STAFF, PARTNER_VIEWERS, REVIEWERS, group_names

ROLE_GROUPS = (CITY_STAFF, REVIEWERS, PARTNER_VIEWERS)
FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)

# The demo accounts' authenticator-app secret, printed by `load_demo` (demo data only, like their password).
DEMO_TOTP_SECRET = "PARTENARIATSNUMERIQUESDEMOTOTPXX"  # noqa: S105
DEMO_EMAIL_DOMAIN = "@demo.partenariats.example"
# Session key: the page a person was going to when sent to set up their second factor.
SECOND_FACTOR_NEXT = "accounts_second_factor_next"


def second_factor_required(user) -> bool:
    """Staff, superusers and members of a role group must use a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return not group_names(user).isdisjoint(ROLE_GROUPS)


def second_factor_used(request: HttpRequest) -> bool:
    """Whether this session was authenticated with a second factor (as allauth records it: at login, at
    reauthentication, or when the person has just set one up and typed its first code)."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type__in=FACTOR_TYPES).exists()


def record_second_factor(request: HttpRequest, authenticator: Authenticator) -> None:
    """Mark the session as authenticated with `authenticator`, the way allauth does after a code."""
    from allauth.account.internal.flows.login import record_authentication  # allauth 65.x, pinned

    record_authentication(request, authenticator.user, "mfa", id=authenticator.pk, type=authenticator.type)


def is_demo_account(user) -> bool:
    return user.email.lower().endswith(DEMO_EMAIL_DOMAIN)


@transaction.atomic
def demo_totp_enable(*, user) -> Authenticator:
    """Give a demo account the published demo TOTP secret (kept if it already has one)."""
    from allauth.mfa.totp.internal.auth import TOTP  # allauth 65.x, pinned

    if not is_demo_account(user):
        raise ValueError(f"{user.email} is not a demo account.")
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, DEMO_TOTP_SECRET).instance


def demo_totp_code(*, user) -> tuple[str, int]:
    """The current code of a demo account whose authenticator holds the demo secret, and the seconds it
    stays valid. Refuses any other account."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value  # allauth 65.x, pinned
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if not is_demo_account(user) or authenticator is None:
        raise ValueError(f"{user.email} is not a demo account with the demo authenticator.")
    if decrypt(authenticator.data["secret"]) != DEMO_TOTP_SECRET:
        raise ValueError(f"{user.email} uses its own authenticator, not the demo one.")
    now = int(time.time())
    counter, elapsed = divmod(now, app_settings.TOTP_PERIOD)
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)), app_settings.TOTP_PERIOD - elapsed
