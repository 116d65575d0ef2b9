"""A limit per client address on the public question form, counted in the cache for an hour. The key is a keyed
digest of the address (accounts.throttling), never the address itself."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from accounts.throttling import client_ip, key_digest

WINDOW_SECONDS = 3600


def over_limit(request: HttpRequest, scope: str, limit: int) -> bool:
    key = "commitments:throttle:" + key_digest("commitments." + scope, client_ip(request))
    if cache.add(key, 1, WINDOW_SECONDS):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, WINDOW_SECONDS)
        return False
    return count > limit
