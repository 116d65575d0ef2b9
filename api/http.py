"""What every answer of the API shares, around the views: CORS, the per-client limit, validators (ETag,
Last-Modified) and 304s, JSON errors.

`envelope(view)` wraps each view of /api/v1/ (api/urls.py wraps them all, the OpenAPI document and the
documentation page included):

- **CORS**: every answer carries `Access-Control-Allow-Origin: *` (public, read-only data, no cookie is
  read), whether or not the request has an `Origin`, so that a shared cache never keeps a copy without
  it; `OPTIONS` (a browser's preflight, e.g. for `If-None-Match`) answers 204 with the allowed methods and
  headers. Only GET, HEAD and OPTIONS are allowed (405 otherwise).
- **Rate limit** (`RateLimitMiddleware`, above the page cache, so that a copy served from the cache counts
  too): `API_RATE_LIMIT` requests ("count/seconds") per client address (the address our trusted
  proxies saw, `accounts.throttling.client_ip`; an IPv6 address counts for its /64), in fixed windows
  counted in the default cache with `add` + `incr` (atomic in Redis, shared by the workers). Over the
  limit: 429 with `Retry-After` (seconds to the end of the window). When the cache is down the request is
  let through (fails open): the limit protects the service, it is not a security boundary.
- **Validators**: the `ETag` is a digest of the body; `Last-Modified` is the time this server first gave
  that body for that URL (kept in the cache beside the ETag; always later than the previous one for the
  URL, so a client's `If-Modified-Since` never matches a newer body). `If-None-Match` (which wins) and
  `If-Modified-Since` get 304 through Django's `get_conditional_response`.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

logger = logging.getLogger(__name__)
API_PREFIX = "/api/"

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
ALLOWED_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = "ETag, Last-Modified, Link, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining"
LAST_MODIFIED_TTL = 24 * 3600


class ApiError(Exception):
    """An answer other than 200, as JSON: `{"message": ..., "erreurs": {parameter: [messages]}}`."""

    def __init__(self, status: int, message: str, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.status_code = status
        self.message = message
        self.errors = errors or {}

    def response(self) -> JsonResponse:
        return error_response(self.status_code, self.message, self.errors)


def error_response(status: int, message: str, errors: dict[str, list[str]] | None = None) -> JsonResponse:
    return JsonResponse(
        {"message": message, "erreurs": errors or {}}, status=status, json_dumps_params={"ensure_ascii": False}
    )


# --- rate limit ----------------------------------------------------------------------------------------------


def rate_limit() -> tuple[int, int] | None:
    """(requests, seconds) from `API_RATE_LIMIT`, or None when turned off ("0")."""
    value = str(settings.API_RATE_LIMIT).strip()
    if value in ("", "0"):
        return None
    count, _slash, seconds = value.partition("/")
    return int(count), int(seconds or 60)


def client_key(request: HttpRequest) -> str:
    from accounts.throttling import client_ip, key_digest

    return key_digest("api", client_ip(request))  # the cache never holds the address itself


def take_request(request: HttpRequest, *, now: float | None = None) -> tuple[bool, int, int]:
    """Count one request of this client: (allowed, requests left in the window, seconds to its end)."""
    limit = rate_limit()
    if limit is None:
        return True, -1, 0
    allowed, seconds = limit
    now = time.time() if now is None else now
    window_start = int(now // seconds) * seconds
    retry_after = max(1, math.ceil(window_start + seconds - now))
    key = f"api-rate:{client_key(request)}:{window_start}"
    try:
        cache.add(key, 0, timeout=seconds + 1)
        used = cache.incr(key)
    except ValueError:  # the key expired between add and incr: this request opens the window
        cache.set(key, 1, timeout=seconds + 1)
        used = 1
    except Exception:  # noqa: BLE001 - a cache that fails must not take the API down with it
        logger.warning("API rate limit skipped: the cache is unavailable.", exc_info=True)
        return True, -1, 0
    return used <= allowed, max(0, allowed - used), retry_after


# --- validators ----------------------------------------------------------------------------------------------


def body_etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def last_modified_for(url: str, etag: str, *, now: float | None = None) -> int:
    """When this body was first given for `url` (a Unix time in whole seconds), strictly later than the
    time recorded for the body before it, so that If-Modified-Since never hides a change."""
    now = int(time.time() if now is None else now)
    key = "api-lm:" + hashlib.sha256(url.encode()).hexdigest()
    try:
        seen = cache.get(key)
    except Exception:  # noqa: BLE001
        seen = None
    if seen and seen[0] == etag:
        return seen[1]
    stamp = max(now, seen[1] + 1) if seen else now
    try:
        cache.set(key, (etag, stamp), timeout=LAST_MODIFIED_TTL)
    except Exception:  # noqa: BLE001
        logger.warning("API Last-Modified not recorded: the cache is unavailable.", exc_info=True)
    return stamp


def canonical_url(request: HttpRequest) -> str:
    """The request's URL with its parameters sorted (the same list asked two ways shares its record)."""
    items = sorted(request.GET.lists())
    query = "&".join(f"{key}={value}" for key, values in items for value in sorted(values))
    return f"{request.get_host()}{request.path}?{query}"


def with_validators(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    etag = body_etag(response.content)
    stamp = last_modified_for(canonical_url(request), etag)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stamp)
    patch_cache_control(response, public=True, max_age=settings.API_MAX_AGE)
    return get_conditional_response(request, etag=etag, last_modified=stamp, response=response)


# --- the envelope --------------------------------------------------------------------------------------------


def add_cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = "86400"
    response["Allow"] = ALLOWED_METHODS
    return add_cors(response)


def envelope(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            return preflight()
        if request.method not in ("GET", "HEAD"):
            response = error_response(405, _("L'API se lit seulement : GET, HEAD ou OPTIONS."))
            response["Allow"] = ALLOWED_METHODS
            return add_cors(response)
        head = request.method == "HEAD"
        if head:
            request.method = "GET"  # the views answer GET; HEAD gets the same headers without the body
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            response = with_validators(request, response)
        patch_vary_headers(response, ["Accept-Language"])  # messages and documentation follow the language
        if head:
            response.content = b""
        return add_cors(response)

    return csrf_exempt(wrapped)


class RateLimitMiddleware:
    """The per-client limit of the API, counted before the page cache answers: a copy served from the cache
    counts like a rendered answer (config/settings MIDDLEWARE puts it just above the page cache)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX) or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        allowed, remaining, retry_after = take_request(request)
        if not allowed:
            response = error_response(
                429,
                _("Trop de requêtes : réessayez dans %(seconds)s secondes.") % {"seconds": retry_after},
            )
            response["Retry-After"] = str(retry_after)
            patch_vary_headers(response, ["Accept-Language"])
            if request.method == "HEAD":
                response.content = b""
            return add_cors(response)
        response = self.get_response(request)
        limit = rate_limit()
        if limit is not None and remaining >= 0:
            response["X-RateLimit-Limit"] = str(limit[0])
            response["X-RateLimit-Remaining"] = str(remaining)
        return response
