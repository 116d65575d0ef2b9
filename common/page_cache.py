"""A shared cache for the public pages read anonymously, with exact invalidation by content versions.

What is cached: the pages named in `settings.PAGE_CACHE_PAGES` (URL names, `namespace:*` for a whole
namespace), answered to a GET/HEAD without a session cookie, a messages cookie or an `Authorization`
header, when the answer is a 200 that set no cookie, used no CSRF token, touched no session and is not
`private`/`no-store`. Pages with a form token (the alert form) are therefore never stored: Django adds a
CSRF cookie to them, and the check on `CSRF_COOKIE_NEEDS_UPDATE` refuses them; the language switcher is a
pair of links, so the other pages carry no token.

The key: the URL name, the language, the path and the query string normalised (blank values dropped, keys
sorted, the order of repeated values kept). The stored copy carries its stamp: the content versions of what
the page depends on and, for pages that read the clock ("open now", upcoming sessions), the period of
`clock` seconds it was rendered in; a copy is answered only when its stamp is the current one. The versions
and the copy are read in one round trip (`get_many`), and a page's new copy replaces its old one.

Content versions: one per app label (`pcv:<label>`) and one for everything (`pcv:*`). Every write to a
table of a model (INSERT, UPDATE, DELETE, whatever sends it: `save()`, `delete()`, the admin, a service,
`bulk_create`, `QuerySet.update()`, raw SQL through Django's connection) is seen by a database execute
wrapper installed on every connection; after the transaction commits, the version of the model's app and
the global version are set to the current time (nanoseconds), once per transaction and label. A rolled
back transaction changes nothing. The apps listed in `PAGE_CACHE_IGNORED_APPS` (sessions, the outbox,
login limits...) are shown on no public page and do not count. A new app's models count without any code
in the app: the mapping from tables to apps is read from the app registry.

ETag and Last-Modified come from the same versions: a 304 answers a browser holding the current copy.

The cache is the default cache: Redis in production (shared by every process, so a write in a Celery worker
or a management command invalidates the web workers' pages), per-process memory without `CACHE_URL`
(`make run`: one process). When Redis is down, versions cannot be read and pages are rendered as usual.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from urllib.parse import parse_qsl, urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

logger = logging.getLogger(__name__)

VERSION_PREFIX = "pcv:"
PAGE_PREFIX = "pc:"
EVERYTHING = "*"
MAX_QUERY_LENGTH = 1000  # longer query strings are answered but not stored
DROPPED_HEADERS = ("x-ratelimit-limit", "x-ratelimit-remaining", "set-cookie")

_WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"]?([\w.]+)[`"]?', re.IGNORECASE)


# --- versions -------------------------------------------------------------------------------------------------


def _version_keys(labels: Iterable[str]) -> list[str]:
    return [VERSION_PREFIX + label for label in labels]


def bump(*labels: str) -> None:
    """Give new versions to these app labels and to everything: pages depending on them miss next time."""
    now = time.time_ns()
    cache.set_many(dict.fromkeys(_version_keys({*labels, EVERYTHING}), now), timeout=None)


def clock_period(clock: int | None) -> int:
    """Which period of `clock` seconds it is (0 for what does not read the clock): part of a copy's stamp."""
    return int(time.time() // clock) if clock else 0


def versions(labels: Iterable[str]) -> list[int] | None:
    """The current versions of these labels (created when missing), or None when the cache is down."""
    keys = _version_keys(labels)
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        now = time.time_ns()
        for key in missing:
            cache.add(key, now, timeout=None)
        found.update(cache.get_many(missing))
        if any(key not in found for key in keys):
            return None  # the cache does not answer: no caching
    return [found[key] for key in keys]


def content_changed(*labels: str, using: str = "default") -> None:
    """Bump these labels after the current transaction commits (for writes made outside Django's connection)."""
    for label in labels:
        _note_write(label, using)


def read_stamped(labels: Iterable[str], key: str) -> tuple[list[int] | None, object]:
    """The current versions of `labels` and what is stored under `key`, in one round trip when the versions
    exist (the usual case). Versions are None when the cache does not answer."""
    version_keys = _version_keys(labels)
    found_many = cache.get_many([*version_keys, key])
    if all(version_key in found_many for version_key in version_keys):
        return [found_many[version_key] for version_key in version_keys], found_many.get(key)
    return versions(labels), found_many.get(key)


def remember(
    name: str, compute: Callable[[], object], depends_on: Iterable[str] = (EVERYTHING,), clock: int | None = None
):
    """`compute()`'s value, computed once per content version of `depends_on` (and per period of `clock`
    seconds for a value that reads the time) and kept in the cache, for any visitor, logged in or not: use it
    for values that are the same for everyone (the partnerships' figures, an initiative's actions and their
    seats left). The stored value carries its stamp; a newer stamp replaces it under the same key.
    Computed each time when the page cache is off or the cache is down."""
    if not settings.PAGE_CACHE_ENABLED:
        return compute()
    key = f"pcr:{name}"
    found, stored = read_stamped(depends_on, key)
    if found is None:
        return compute()
    stamp = (*found, clock_period(clock))
    if stored is not None and stored[0] == stamp:
        return stored[1]
    value = compute()
    cache.set(key, (stamp, value), getattr(settings, "PAGE_CACHE_TIMEOUT", 24 * 3600))
    return value


# --- seeing writes --------------------------------------------------------------------------------------------

_state = threading.local()
_counter = itertools.count(1)
_tables: dict[str, str | None] | None = None


def _table_labels() -> dict[str, str | None]:
    global _tables
    if _tables is None:
        ignored = set(getattr(settings, "PAGE_CACHE_IGNORED_APPS", ()))
        _tables = {
            model._meta.db_table.lower(): (None if model._meta.app_label in ignored else model._meta.app_label)
            for model in apps.get_models(include_auto_created=True)
        }
    return _tables


def _bump_after_commit(label: str, generation: int) -> None:
    done = _state.__dict__.setdefault("bumped", {})
    if done.get(label, 0) >= generation:
        return  # an earlier callback of the same transaction bumped it already
    done[label] = _state.__dict__.get("generation", generation)
    try:
        bump(label)
    except Exception:  # the page cache must never break a write that has committed
        logger.warning("Could not bump the page cache version of %s", label, exc_info=True)


def _note_write(label: str, using: str) -> None:
    if not settings.PAGE_CACHE_ENABLED:
        return  # nothing is cached, nothing to invalidate (the test settings: no extra on-commit callbacks)
    generation = next(_counter)
    _state.generation = generation
    transaction.on_commit(partial(_bump_after_commit, label, generation), using=using)


def _label_of(sql: str) -> str | None:
    if not sql or sql.lstrip()[:1] not in "IUDiud":
        return None
    match = _WRITE.match(sql)
    if not match:
        return None
    return _table_labels().get(match.group(1).lower().rsplit(".", 1)[-1])


class WriteWatcher:
    """A database execute wrapper: after a write to a model's table, the model's app is bumped on commit."""

    def __call__(self, execute: Callable, sql: str, params, many: bool, context: dict):
        result = execute(sql, params, many, context)
        label = _label_of(sql) if isinstance(sql, str) else None
        if label:
            _note_write(label, context["connection"].alias)
        return result


WATCHER = WriteWatcher()


def install_watcher(sender=None, connection=None, **kwargs) -> None:
    """`connection_created` receiver: the wrapper goes once on each connection (reconnections keep it)."""
    if connection is not None and WATCHER not in connection.execute_wrappers:
        connection.execute_wrappers.append(WATCHER)


# --- pages ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageRule:
    depends_on: tuple[str, ...] = (EVERYTHING,)
    clock: int | None = None  # seconds: the page reads the time (opening hours, upcoming sessions)
    # False for answers that read no cookie, session or user (the API): served and stored whatever cookies
    # the request carries (never with an Authorization header, nor when the answer sets a cookie).
    reads_person: bool = True


def _rules() -> dict[str, PageRule]:
    return {name: PageRule(**options) for name, options in getattr(settings, "PAGE_CACHE_PAGES", {}).items()}


def normalised_query(query_string: str) -> str:
    pairs = [(key, value) for key, value in parse_qsl(query_string, keep_blank_values=True) if value.strip()]
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def _anonymous(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return not (
        settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


class AnonymousPageCacheMiddleware:
    """Serves and stores the pages of `PAGE_CACHE_PAGES` for anonymous visitors (see the module's docstring).

    Placed after the session, locale and request-guard middleware (it reads the language; malformed requests
    are refused first) and before the CSRF, auth and messages middleware: what they add to an answer is seen
    before it is stored, and a copy is answered without running them (nor the view)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response
        self.rules = _rules()
        self.timeout = getattr(settings, "PAGE_CACHE_TIMEOUT", 24 * 3600)

    def rule_for(self, view_name: str) -> PageRule | None:
        rule = self.rules.get(view_name)
        if rule is None and ":" in view_name:
            rule = self.rules.get(view_name.split(":", 1)[0] + ":*")
        return rule

    def lookup(self, request: HttpRequest) -> HttpResponseBase | None:
        """A stored copy for this request, before the middleware below this one and the view run (a copy
        needs none of them: no session, no user, no token)."""
        if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
            return None
        if "HTTP_AUTHORIZATION" in request.META:
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        rule = self.rule_for(match.view_name)
        query = request.META.get("QUERY_STRING", "")
        if rule is None or len(query) > MAX_QUERY_LENGTH:
            return None
        if rule.reads_person and not _anonymous(request):
            return None
        period = clock_period(rule.clock)
        raw = "|".join([match.view_name, getattr(request, "LANGUAGE_CODE", ""), request.path, normalised_query(query)])
        key = f"{PAGE_PREFIX}{match.view_name}:{hashlib.sha256(raw.encode()).hexdigest()}"
        # One round trip for a hit: the versions and the stored copy together; the copy says which versions
        # (and which clock period) it was rendered under, and only a copy of the current ones is answered.
        found, stored = read_stamped(rule.depends_on, key)
        if found is None:
            return None
        stamp = (*found, period)
        changed = max(max(found) / 1e9, period * rule.clock if rule.clock else 0)
        etag = hashlib.sha256(f"{key}|{stamp}".encode()).hexdigest()[:32]
        request._page_cache = (key, stamp, f'"pc-{etag}"', int(changed), rule)
        if stored is None or stored[0] != stamp:
            return None
        _stamp, status, content, headers = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return self._conditional(request, response)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        hit = self.lookup(request)
        if hit is not None:
            return hit
        response = self.get_response(request)
        entry = getattr(request, "_page_cache", None)
        if entry is None:
            return response
        if not self._storable(request, response):
            return response
        key, stamp, etag, changed, _rule = entry
        if not response.has_header("ETag"):
            response["ETag"] = etag
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(changed)
        patch_vary_headers(response, ("Cookie",))
        headers = [(name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS]
        cache.set(key, (stamp, response.status_code, response.content, headers), self.timeout)
        response["X-Page-Cache"] = "miss"
        return self._conditional(request, response)

    @staticmethod
    def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponseBase:
        last_modified = response.get("Last-Modified")
        from django.utils.http import parse_http_date_safe

        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(last_modified) if last_modified else None,
            response=response,
        )

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
        if request.method != "GET" or response.status_code != 200 or response.streaming:
            return False
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # a form token or a cookie tied to this browser
        session = getattr(request, "session", None)
        rule = request._page_cache[-1]
        if session is not None and session.modified:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if "private" in cache_control or "no-store" in cache_control:
            return False
        if not rule.reads_person:
            return True  # the answer reads no person (the middleware above may have loaded the user: unused)
        if session is not None and session.session_key:
            return False
        user = getattr(request, "_cached_user", None)
        return not (user is not None and user.is_authenticated)
