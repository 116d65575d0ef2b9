"""Error pages (400, 403, 404, 500 and the CSRF refusal) in the site's style.

They run after something already went wrong with the request, so they read nothing that could fail the
same way again: never `request.POST`, `request.GET` or `request.FILES` (a body in an unknown charset or a
broken multipart raises on every access), and no `requires_csrf_token` (Django's own handlers use it, and
its token check reads `request.POST`). If the page itself cannot be rendered, a static page goes out
with the same status, so an error never turns into the server's bare 500.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.template import loader

logger = logging.getLogger(__name__)

# Last resort when even the standalone 500 page cannot be rendered (template or translation broken).
FALLBACK_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Partenariats numériques</title></head>
<body><main><h1>Erreur {status}</h1><p><a href="/">Revenir à l'accueil</a></p></main></body></html>
"""


def _load_csrf_secret(request: HttpRequest) -> None:
    """Read the visitor's CSRF cookie (never the body) so that forms on the error page carry a valid token,
    also when the error happened before the CSRF middleware ran."""
    if "CSRF_COOKIE" in request.META:
        return
    try:
        CsrfViewMiddleware(lambda _request: None).process_request(request)
    except Exception:  # noqa: BLE001 - an unreadable cookie: the page simply gets a new token
        logger.debug("CSRF cookie unreadable on an error page", exc_info=True)


def _standalone(status: int) -> HttpResponse:
    """The 500 page needs neither the request, the session nor the database."""
    try:
        content = loader.render_to_string("500.html")
    except Exception:  # noqa: BLE001
        logger.exception("The standalone error page could not be rendered")
        content = FALLBACK_PAGE.format(status=status)
    return HttpResponse(content, status=status)


def _error_page(request: HttpRequest, template_name: str, status: int, context: dict | None = None) -> HttpResponse:
    _load_csrf_secret(request)
    try:
        content = loader.render_to_string(template_name, context, request=request)
    except Exception:  # noqa: BLE001 - e.g. the database is down and the header asks who is logged in
        logger.exception("Error page %s could not be rendered", template_name)
        return _standalone(status)
    return HttpResponse(content, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _standalone(500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the form's token is missing or stale (an old tab, cookies blocked)."""
    return _error_page(request, "403_csrf.html", 403)
