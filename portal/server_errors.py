"""The answer to requests gunicorn refuses before Django sees them.

gunicorn writes its own bare HTML page, without the site's security headers, for a request it cannot
parse or that passes its limits (431 for a header over 8 KB or too many headers, 414 for a request line
over 4 KB, 400 for a malformed request line, header or Content-Length). `install()` (called by
gunicorn.conf.py in each worker, once Django is loaded) replaces that writer with one that sends the
site's standalone 400 page (500 for gunicorn's own failures), rendered once, with the same headers as every other answer.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def error_headers() -> list[tuple[str, str]]:
    """The headers the middleware give every answer (there is no request here to run them on)."""
    from csp.utils import build_policy

    from common.middleware import permissions_policy_header

    headers = [
        ("Content-Security-Policy", build_policy()),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", settings.SECURE_REFERRER_POLICY),
        ("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY),
        ("X-Frame-Options", settings.X_FRAME_OPTIONS),
        ("Permissions-Policy", permissions_policy_header(settings.PERMISSIONS_POLICY)),
        ("Cache-Control", "no-store"),
    ]
    if settings.SECURE_HSTS_SECONDS:  # production serves only HTTPS: the header is ignored over HTTP anyway
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            value += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            value += "; preload"
        headers.append(("Strict-Transport-Security", value))
    return headers


def error_response(status: int, reason: str, body: bytes, headers: list[tuple[str, str]]) -> bytes:
    head = [f"HTTP/1.1 {status} {reason}", "Connection: close", "Content-Type: text/html; charset=utf-8"]
    head += [f"Content-Length: {len(body)}", *(f"{name}: {value}" for name, value in headers)]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


def _page(template_name: str, status: int) -> bytes:
    """Rendered once per worker; a worker must start even if the page cannot be rendered (no static manifest)."""
    from .errors import FALLBACK_PAGE

    try:
        with translation.override(settings.LANGUAGE_CODE):
            return render_to_string(template_name).encode()
    except Exception:  # noqa: BLE001
        logger.exception("The page for gunicorn's errors could not be rendered: a plain one is used")
        return FALLBACK_PAGE.format(status=status).encode()


def install() -> None:
    from gunicorn import util

    client_error, server_error = _page("400_standalone.html", 400), _page("500.html", 500)
    headers = error_headers()

    def write_error(sock, status_int, reason, mesg):
        # `mesg` (gunicorn's detail, e.g. the refused header) is logged by gunicorn, not echoed back.
        body = server_error if status_int >= 500 else client_error
        util.write_nonblock(sock, error_response(status_int, reason, body, headers))

    util.write_error = write_error
