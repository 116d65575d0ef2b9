"""Login limits, kept in the database so that they hold when the cache (Redis) is down.

Failures are wrong passwords (sign-in and reauthentication forms) and wrong second-factor codes.
Three counters, settings in `settings.LOGIN_LIMITS`:

- per client address, across accounts: the `ip_failures`-th failure within `ip_window_minutes` locks the
  address for `ip_lockout_minutes`;
- per account, across addresses: failures are counted until a successful login (forgotten
  `account_memory_hours` after the last one); from the `account_failures`-th on, each failure starts a
  cooldown of `account_cooldown_seconds`, doubled at each further failure up to
  `account_cooldown_max_seconds`. The owner is emailed once per episode (the failure that starts it);
- password reset requests, per address and per email address typed.

While an address is locked or an account cools down, the forms answer 429 without checking anything:
the right password is refused and nothing is counted, so the lock never restarts by itself.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from . import notifications
from .models import LoginThrottle

logger = logging.getLogger(__name__)
Scope = LoginThrottle.Scope


@dataclass(frozen=True)
class Block:
    scope: str
    until: datetime

    def retry_after(self, now: datetime | None = None) -> int:
        """Seconds until the block ends (for the `Retry-After` header), at least one."""
        return max(1, int((self.until - (now or timezone.now())).total_seconds() + 0.999))


def limits() -> dict[str, int]:
    return settings.LOGIN_LIMITS


def client_ip(request: HttpRequest) -> str:
    """The client's address: the TCP peer, or the address our trusted proxies saw
    (`DJANGO_TRUSTED_PROXY_COUNT`); an IPv6 address stands for its /64, as one machine usually holds one."""
    from allauth.account.adapter import get_adapter

    ip = get_adapter(request).get_client_ip(request)
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip[:64]
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address) + "/64"
    return str(address)


def normalise_account(value: str | None) -> str:
    return (value or "").strip().lower()[:254]


def key_digest(scope: str, key: str) -> str:
    return salted_hmac("accounts.throttling", f"{scope}:{key}", algorithm="sha256").hexdigest()


def _blocks(keys: list[tuple[str, str]], now: datetime) -> Block | None:
    """The block that ends last among these (scope, key), if any is active."""
    keys = [(scope, key) for scope, key in keys if key]
    if not keys:
        return None
    rows = LoginThrottle.objects.filter(
        scope__in=[scope for scope, _key in keys],
        key_digest__in=[key_digest(scope, key) for scope, key in keys],
        locked_until__gt=now,
    ).values_list("scope", "key_digest", "locked_until")
    wanted = {(scope, key_digest(scope, key)) for scope, key in keys}
    found = [Block(scope, until) for scope, digest, until in rows if (scope, digest) in wanted]
    return max(found, key=lambda block: block.until, default=None)


def login_block(request: HttpRequest, *, account: str | None, now: datetime | None = None) -> Block | None:
    """Whether a login form must refuse this attempt: the address is locked or the account cools down."""
    return _blocks([(Scope.IP, client_ip(request)), (Scope.ACCOUNT, normalise_account(account))], now or timezone.now())


def reset_block(request: HttpRequest, *, email: str | None, now: datetime | None = None) -> Block | None:
    """Whether the password reset form must refuse this request."""
    return _blocks(
        [(Scope.RESET_IP, client_ip(request)), (Scope.RESET_EMAIL, normalise_account(email))], now or timezone.now()
    )


def _row(scope: str, key: str) -> LoginThrottle:
    row, _created = LoginThrottle.objects.select_for_update().get_or_create(
        scope=scope, key_digest=key_digest(scope, key)
    )
    return row


def _count_in_window(row: LoginThrottle, *, limit: int, window: timedelta, lockout: timedelta, now: datetime) -> None:
    """Count one event; the `limit`-th within `window` locks for `lockout` and starts a new count."""
    if row.window_started_at is None or now - row.window_started_at >= window:
        row.failures = 0
        row.window_started_at = now
    row.failures += 1
    row.last_failure_at = now
    if row.failures >= limit:
        row.locked_until = now + lockout
        row.failures = 0
        row.window_started_at = None
    row.save()


def account_cooldown(failures: int) -> timedelta:
    """The cooldown after the `failures`-th failure of an account (none before the limit)."""
    conf = limits()
    beyond = failures - conf["account_failures"]
    if beyond < 0:
        return timedelta(0)
    seconds = conf["account_cooldown_seconds"] * 2 ** min(beyond, 32)
    return timedelta(seconds=min(seconds, conf["account_cooldown_max_seconds"]))


@transaction.atomic
def login_failure_record(request: HttpRequest, *, account: str | None, now: datetime | None = None) -> None:
    """A wrong password or second-factor code for `account` (an email address) from this request's address."""
    now = now or timezone.now()
    conf = limits()
    _count_in_window(
        _row(Scope.IP, client_ip(request)),
        limit=conf["ip_failures"],
        window=timedelta(minutes=conf["ip_window_minutes"]),
        lockout=timedelta(minutes=conf["ip_lockout_minutes"]),
        now=now,
    )
    account = normalise_account(account)
    if not account:
        return
    row = _row(Scope.ACCOUNT, account)
    if row.last_failure_at and now - row.last_failure_at >= timedelta(hours=conf["account_memory_hours"]):
        row.failures = 0
        row.episode_started_at = None
    row.failures += 1
    row.last_failure_at = now
    starts_episode = row.failures >= conf["account_failures"] and row.episode_started_at is None
    if row.failures >= conf["account_failures"]:
        row.locked_until = now + account_cooldown(row.failures)
    if starts_episode:
        row.episode_started_at = now
    row.save()
    if starts_episode:
        _alert_owner(account=account, failures=row.failures, started_at=now)


def _alert_owner(*, account: str, failures: int, started_at: datetime) -> None:
    from allauth.account.models import EmailAddress

    User = get_user_model()
    user = User.objects.filter(email__iexact=account, is_active=True).first()
    if user is None:
        address = (
            EmailAddress.objects.filter(email__iexact=account, user__is_active=True).select_related("user").first()
        )
        user = address.user if address else None
    if user is None:
        return  # nobody to warn: the limit applies all the same, so the answer does not reveal who has an account
    notifications.login_throttled(user, failures=failures, started_at=started_at)


@transaction.atomic
def reset_request_record(request: HttpRequest, *, email: str | None, now: datetime | None = None) -> None:
    """A password reset request (an email was sent, to the person or to say no account uses the address)."""
    now = now or timezone.now()
    conf = limits()
    window = timedelta(minutes=conf["reset_ip_window_minutes"])
    _count_in_window(
        _row(Scope.RESET_IP, client_ip(request)),
        limit=conf["reset_ip_requests"],
        window=window,
        lockout=window,
        now=now,
    )
    email = normalise_account(email)
    if email:
        window = timedelta(minutes=conf["reset_email_window_minutes"])
        _count_in_window(
            _row(Scope.RESET_EMAIL, email), limit=conf["reset_email_requests"], window=window, lockout=window, now=now
        )


def login_success_record(*, account: str | None) -> None:
    """A successful login (or a completed password reset) ends the account's episode: its counter restarts.
    The address's counter is kept: an attacker cannot clear it by logging into an account of their own."""
    account = normalise_account(account)
    if account:
        LoginThrottle.objects.filter(scope=Scope.ACCOUNT, key_digest=key_digest(Scope.ACCOUNT, account)).delete()


def account_throttles_delete(*, email: str) -> int:
    """Erasure: forget the counters kept under this email address."""
    email = normalise_account(email)
    digests = [key_digest(scope, email) for scope in (Scope.ACCOUNT, Scope.RESET_EMAIL)]
    deleted, _ = LoginThrottle.objects.filter(key_digest__in=digests).delete()
    return deleted


def login_throttles_purge(*, now: datetime | None = None) -> int:
    """Delete the counters that no longer matter: no failure for a day and no block running."""
    now = now or timezone.now()
    idle = now - timedelta(hours=max(24, limits()["account_memory_hours"]))
    deleted, _ = LoginThrottle.objects.filter(last_failure_at__lt=idle).exclude(locked_until__gt=now).delete()
    return deleted


PUBLIC_FORM_WINDOW_SECONDS = 3600


def public_form_over_limit(request: HttpRequest, scope: str, limit: int) -> bool:
    """A limit per client address on a public form that needs no account (a nomination, a vote, a question, an
    error report), counted in the cache for an hour: unlike logins, losing the count when Redis is down costs
    little. Counts this request; True when the address has sent more than `limit` within the hour. `scope`
    names the form ("awards.vote"); the key is a keyed digest of the address, never the address itself."""
    key = "forms:throttle:" + key_digest(scope, client_ip(request))
    if cache.add(key, 1, PUBLIC_FORM_WINDOW_SECONDS):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, PUBLIC_FORM_WINDOW_SECONDS)
        return False
    return count > limit
