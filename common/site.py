"""The address of the site for links that leave the page (emails, calendar files): taken from the request
being served when there is one (any host, any port: `make run PORT=8765`, a tunnel, production), else from
`SITE_URL` (the digest, reminders and other periodic jobs have no request).

`common.middleware.SiteURLMiddleware` records the request's address for the time of the request; code that
builds a link calls `site_url()` or `absolute_url(path)` and never reads `SITE_URL` itself. The host was
checked against ALLOWED_HOSTS by `request.get_host()`, so a forged Host header cannot get into a link."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_request_site_url: ContextVar[str | None] = ContextVar("request_site_url", default=None)


def request_site_url() -> str | None:
    """The scheme, host and port of the request being served, or None outside a request."""
    return _request_site_url.get()


def site_url() -> str:
    """`https://host[:port]` without a trailing slash: the request's, else SITE_URL."""
    return _request_site_url.get() or settings.SITE_URL


def absolute_url(path: str) -> str:
    return site_url() + path


@contextmanager
def serving(request):
    """Links built inside point at the host and port `request` came to."""
    token = _request_site_url.set(f"{request.scheme}://{request.get_host()}")
    try:
        yield
    finally:
        _request_site_url.reset(token)
