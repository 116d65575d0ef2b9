"""The portal's WSGI request: malformed requests are recorded, never crash the request's construction.

Django's `WSGIRequest.__init__` sets `encoding` through a setter that evaluates `request.GET` (a
`hasattr` on a cached property): a `Content-Type` declaring a codec that is not a text encoding
(`charset=rot13`) or a query string over `DATA_UPLOAD_MAX_NUMBER_FIELDS` raised there, outside every
middleware and error handler, and the client got the server's bare 500. It also replaces `PATH_INFO`
with a re-percent-encoded copy, so bytes that are not UTF-8 can no longer be told apart afterwards.

`GuardedWSGIRequest` looks at the raw request first and stores what is wrong in `request.malformed`;
`common.middleware.RequestGuardMiddleware` turns it into the site's 400 page.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from urllib.parse import unquote_to_bytes

from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.utils.http import parse_header_parameters


def is_text_encoding(name: str) -> bool:
    try:
        return codecs.lookup(name)._is_text_encoding
    except LookupError:
        return False


def _wsgi_bytes(value: str) -> bytes:
    """WSGI servers hand over raw bytes decoded as latin-1; an ASGI server or a test hands over real text."""
    try:
        return value.encode("iso-8859-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")


def _text_problem(raw: bytes, where: str) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return f"The {where} is not UTF-8."
    if "\x00" in text:
        return f"NUL character in the {where}."
    return None


def request_problem(meta: Mapping[str, str], *, raw_path: str | None = None) -> str | None:
    """Why a request cannot be understood (from its headers, path and query; never its body), or None.
    `raw_path` is PATH_INFO as the server handed it over (percent-decoded bytes)."""
    content_type = meta.get("CONTENT_TYPE", "")
    if content_type:
        _type, params = parse_header_parameters(content_type)
        charset = params.get("charset")
        if charset is not None and not is_text_encoding(charset):
            return f"Unknown charset {charset[:40]!r} in Content-Type."
    length = meta.get("CONTENT_LENGTH", "")
    if length and not (length.isascii() and length.isdigit()):
        return "Invalid Content-Length."
    problem = _text_problem(_wsgi_bytes(raw_path if raw_path is not None else meta.get("PATH_INFO", "")), "path")
    if problem:
        return problem
    query = meta.get("QUERY_STRING", "")
    if query:
        return _text_problem(unquote_to_bytes(_wsgi_bytes(query).replace(b"+", b" ")), "query string")
    return None


class GuardedWSGIRequest(WSGIRequest):
    def __init__(self, environ):
        self.malformed = request_problem(environ, raw_path=environ.get("PATH_INFO", "/"))
        super().__init__(environ)

    def _set_content_type_params(self, meta):
        self.content_type, self.content_params = parse_header_parameters(meta.get("CONTENT_TYPE", ""))
        charset = self.content_params.get("charset")
        if charset is not None and is_text_encoding(charset):
            self._encoding = charset  # GET and POST are not parsed yet: no need for the setter that parses them


class GuardedWSGIHandler(WSGIHandler):
    request_class = GuardedWSGIRequest
