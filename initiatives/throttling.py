"""A limit per client address on the public "report an error" form, counted in the cache for an hour (as the
awards' public forms). The keys are keyed digests of the address (accounts.throttling), never the address."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from accounts.throttling import client_ip, key_digest

WINDOW_SECONDS = 3600
REPORTS_PER_ADDRESS_PER_HOUR = 10


def over_limit(request: HttpRequest, scope: str, limit: int) -> bool:
    """Count this request; True when the address has sent more than `limit` within the hour."""
    key = "initiatives:throttle:" + key_digest("initiatives." + scope, client_ip(request))
    if cache.add(key, 1, WINDOW_SECONDS):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, WINDOW_SECONDS)
        return False
    return count > limit
