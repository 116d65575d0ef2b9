"""A Redis cache that fails open: when Redis cannot be reached, reads miss and writes are dropped.

Django's `RedisCache` raises on a connection error, so every page touching the cache answered 500
while Redis was down: allauth's rate limits (sign-up, email confirmation) and its one-time check of
TOTP codes use the default cache. Nothing that must hold during an outage lives in the cache (login
limits are in the database, `accounts.throttling`), so missing it for a while is the lesser harm.

Each call gives up after the socket timeouts of settings (CACHE_SOCKET_TIMEOUT, well under a second,
also when Redis accepts connections and never answers: frozen). After a failure the process skips Redis
for RETRY_AFTER seconds, so a page calling the cache several times waits at most once.
"""

from __future__ import annotations

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
# Seconds during which a process does not try Redis again after a failure.
RETRY_AFTER = 5.0
# Per server location: when this process may try Redis again (time.monotonic()).
_down_until: dict[str, float] = {}


def is_skipping(location: str) -> bool:
    return time.monotonic() < _down_until.get(location, 0.0)


def _where(cache: RedisCache) -> str:
    return ",".join(cache._servers)


def _fail_open(name: str, fallback):
    method = getattr(RedisCache, name)

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        if is_skipping(_where(self)):
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except UNAVAILABLE:
            _down_until[_where(self)] = time.monotonic() + RETRY_AFTER
            logger.warning("Cache unavailable: %s skipped, Redis not tried for %ss.", name, RETRY_AFTER, exc_info=True)
            return fallback(*args, **kwargs)

    return wrapper


def _default(key, default=None, *args, **kwargs):
    return default


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new `redis.Redis` object at every cache call; since redis-py 6 that costs
    more than the round trip to Redis (its constructor fills some 170 response callbacks and an event
    dispatcher): a fifth of a page served from the page cache went there. One `redis.Redis` per
    connection pool instead, built once (a `redis.Redis` over a pool is safe to share; Django keeps one
    cache object per thread anyway)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class FailOpenRedisCache(RedisCache):
    """`RedisCache` whose reads return the default and whose writes report success when Redis is down.

    `add()` answers True (as if the key was free): allauth's locks and its TOTP replay check then let
    the request through instead of failing it.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    get = _fail_open("get", _default)
    set = _fail_open("set", lambda *a, **k: None)
    add = _fail_open("add", lambda *a, **k: True)
    touch = _fail_open("touch", lambda *a, **k: False)
    delete = _fail_open("delete", lambda *a, **k: False)
    get_many = _fail_open("get_many", lambda *a, **k: {})
    set_many = _fail_open("set_many", lambda *a, **k: [])
    delete_many = _fail_open("delete_many", lambda *a, **k: None)
    has_key = _fail_open("has_key", lambda *a, **k: False)
    clear = _fail_open("clear", lambda *a, **k: False)

    def incr(self, key, delta=1, version=None):
        if is_skipping(_where(self)):
            return delta
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE:
            _down_until[_where(self)] = time.monotonic() + RETRY_AFTER
            logger.warning("Cache unavailable: incr skipped.", exc_info=True)
            return delta
