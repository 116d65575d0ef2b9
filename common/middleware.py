"""Middleware that keeps malformed requests and every answer within the site's rules.

- `ResponseHeadersMiddleware` (first in MIDDLEWARE) sees every response, static files and error pages
  included: it adds the headers an inner middleware could not add when the request failed before reaching
  it (Django's SecurityMiddleware and django-csp are skipped when an exception is raised inside them or
  before them), the `Permissions-Policy`, and `Cache-Control: private, no-store` on personal answers.
- `RequestGuardMiddleware` refuses, with the site's 400 page in the address's language, what
  `common.http.request_problem` finds: an unknown or non-text charset, bytes that are not UTF-8 or NUL
  characters in the path or the query string, an invalid Content-Length. It never reads the body (views
  may still choose their upload handlers; the body's own errors reach `handler400`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, DisallowedHost
from django.http import HttpRequest, HttpResponseBase
from django.middleware.security import SecurityMiddleware
from django.utils.cache import patch_cache_control

from common import site
from common.http import request_problem

logger = logging.getLogger(__name__)


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """`{"camera": [], "fullscreen": ["self"]}` -> `camera=(), fullscreen=(self)`."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


def _csp_without_nonce() -> str:
    """The site's policy for a response that did not go through django-csp (no page script needs a nonce
    there: error pages load only same-origin files)."""
    from csp.utils import build_policy

    return build_policy()


class ResponseHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response
        self.security = SecurityMiddleware(get_response)
        self.permissions_policy = permissions_policy_header(settings.PERMISSIONS_POLICY)
        self.static_prefix = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        # Idempotent: only what is missing is added (HSTS only over HTTPS, as Django decides).
        self.security.process_response(request, response)
        debug_page = settings.DEBUG and response.status_code in (404, 500)  # django-csp leaves these alone too
        if "Content-Security-Policy" not in response and not debug_page and not getattr(response, "_csp_exempt", False):
            response["Content-Security-Policy"] = _csp_without_nonce()
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if self._is_personal(request, response):
            patch_cache_control(response, private=True, no_store=True)
        return response

    def _is_personal(self, request: HttpRequest, response: HttpResponseBase) -> bool:
        """A page for one person (or carrying a token tied to one browser) must not be stored by a browser
        or a shared cache; public pages read anonymously stay cacheable. Static files never are personal."""
        if request.path.startswith(self.static_prefix):
            return False
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return True  # a form with a CSRF token, a session or a language cookie being set
        session = getattr(request, "session", None)
        if session is not None and session.accessed and session.session_key:
            return True  # the visitor has a session (messages, a draft, a login in progress)
        user = getattr(request, "user", None)
        if user is None:
            return False
        try:
            return bool(user.is_authenticated)
        except Exception:  # noqa: BLE001 - the session store is down: assume the worst
            logger.warning("Could not tell whether the visitor is logged in", exc_info=True)
            return True


class RequestGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # The portal's WSGI request looked at the raw request already; the test client's or ASGI's did not.
        problem = request.malformed if hasattr(request, "malformed") else request_problem(request.META)
        if problem:
            raise BadRequest(problem)
        return self.get_response(request)


class SiteURLMiddleware:
    """Links built while serving a request (emails queued, calendar files) use the request's host and port
    (`common.site`). A host that is not allowed records nothing (RequestGuardMiddleware answers 400)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        with site.serving(request):
            return self.get_response(request)
