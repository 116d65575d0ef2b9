"""Uploads: how big a request may be, before it is read, and what a sent file's name may contain.

A view that takes files says so with `@upload_limit(max_bytes)`. `UploadLimitMiddleware` (before the
CSRF middleware, which is the first to read a form) then:
- for that view's multipart forms, installs `SizeLimitUploadHandler`: a file whose request announces
  more than the limit is refused as soon as its part starts (only the fields before it are read, so the
  CSRF token is checked and the form answers with its message), and any file is cut off as soon as its
  streamed bytes pass the limit; the form reads the refusal with `upload_refusal(request, field)`;
- for every other request, answers 413 without reading the body when `Content-Length` is over
  DATA_UPLOAD_MAX_MEMORY_SIZE, and drops files sent to views that take none (they never reach the disk).
Files under FILE_UPLOAD_MAX_MEMORY_SIZE stay in memory; larger ones stream to a temporary file.
"""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Room for what surrounds the file in a multipart form: part headers, the CSRF token, the buttons.
MULTIPART_OVERHEAD_BYTES = 64 * 1024

FILE_NAME_MAX_LENGTH = 100


def upload_limit(max_bytes: int):
    """Declare that a view takes files of at most `max_bytes` each (read by UploadLimitMiddleware)."""

    def decorator(view):
        view.upload_max_bytes = max_bytes
        return view

    return decorator


def too_large_message(limit: int) -> str:
    return _(
        "Le fichier est trop lourd : la limite est de %(limit)s. Réduisez-le (images compressées, moins de "
        "pages) puis envoyez-le à nouveau."
    ) % {"limit": filesizeformat(limit)}


def upload_refusal(request, field_name: str) -> ValidationError | None:
    """The reason the upload handler refused the file sent in `field_name` (None if it did not)."""
    return getattr(request, "_upload_refusals", {}).get(field_name)


class SizeLimitUploadHandler(FileUploadHandler):
    """Refuses a file over `max_bytes` before its bytes are read (announced size) or while they stream."""

    def __init__(self, request, max_bytes: int):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.announced_too_large = False
        self.received = 0
        self.bytes_read_before_refusal: int | None = None

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.announced_too_large = content_length > self.max_bytes + MULTIPART_OVERHEAD_BYTES
        return None  # let the parser read the fields that come before the file

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0
        if self.announced_too_large:
            self._refuse()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers build the file

    def _refuse(self):
        refusals = getattr(self.request, "_upload_refusals", {})
        refusals[self.field_name] = ValidationError(too_large_message(self.max_bytes), code="too_large")
        self.request._upload_refusals = refusals
        # Stop reading the request here: the rest of the body is never read, let alone stored.
        raise StopUpload(connection_reset=True)


class NoFileUploadHandler(FileUploadHandler):
    """For views that take no file: every file part is skipped, nothing is written anywhere."""

    def new_file(self, *args, **kwargs):
        raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        raise SkipFile

    def file_complete(self, file_size):
        return None


class UploadLimitMiddleware:
    """Place before django.middleware.csrf.CsrfViewMiddleware (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            return None
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None  # Django answers a malformed length itself
        limit = getattr(view_func, "upload_max_bytes", None)
        multipart = request.content_type == "multipart/form-data"
        if limit is not None and multipart:
            request.upload_handlers.insert(0, SizeLimitUploadHandler(request, limit))
            return None
        cap = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if cap is not None and length > cap + MULTIPART_OVERHEAD_BYTES:
            return render(request, "413.html", {"limit": filesizeformat(cap)}, status=413)
        if multipart:
            request.upload_handlers.insert(0, NoFileUploadHandler(request))
        return None


_MULTIPART_ESCAPES = re.compile(r"%(22|0d|0a)", re.IGNORECASE)  # how browsers write " CR LF in a file name
_UNSAFE = re.compile(r"""["'`;:<>|?*\\/]""")


def safe_file_name(name: str, *, extension: str = ".pdf", default_stem: str = "document") -> str:
    """A person's file name reduced to something safe to show and to send back in Content-Disposition.

    NFKC; the last path part only; no control or formatting characters (bidi overrides included), no
    quotes, `;`, `:` or characters Windows refuses, no leading dots; at most FILE_NAME_MAX_LENGTH
    characters, always ending with `extension`.
    """
    name = unicodedata.normalize("NFKC", name or "")
    name = _MULTIPART_ESCAPES.sub(lambda match: chr(int(match.group(1), 16)), name)
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(" " if char in "\t\r\n" else char for char in name)
    name = "".join(char for char in name if not unicodedata.category(char).startswith(("C", "Z")) or char == " ")
    name = _UNSAFE.sub("", name)
    name = " ".join(name.split())
    stem = name[: -len(extension)] if name.lower().endswith(extension) else name
    stem = stem.lstrip(". ").rstrip(". ")
    stem = stem[: FILE_NAME_MAX_LENGTH - len(extension)].rstrip(". ") or default_stem
    return stem + extension
