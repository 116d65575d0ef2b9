"""Is a PDF a plain document a person can open safely? Read with pypdf in strict mode, within fixed limits.

Refused: what is not a PDF or is also another format (content before the header, an HTML page, an SVG
image or a ZIP archive inside); encrypted files; files over a page limit; what a PDF reader could run or
open (JavaScript, actions run on opening or on events, launching programs or other files, embedded
files, rich media, XFA forms); files pypdf cannot read strictly, or only beyond the limits below.

Strict means strict: a file pypdf reads only by working around a fault (a warning) is refused too.
Every indirect object listed in the cross-reference tables is resolved and walked, so a script is found
wherever it hides (names tree, open action, link annotation, form field, object stream) and however its
name is written (`/J#53` is `/JS` once parsed). The file is held in memory: callers cap its size first.
"""

from __future__ import annotations

import io
import logging
import re
import time
import zipfile
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

# Limits on the work pypdf may do for one file (pypdf's defaults are sized for 75 MB streams).
# A real deck's object streams decode to at most a few megabytes; 16 MB per stream and 64 MB in all
# leave room and keep a decompression bomb from filling the memory.
PYPDF_LIMITS = {
    "maximum_declared_stream_length": 16_000_000,
    "array_based_stream_maximum_output_length": 16_000_000,
    "zlib_maximum_output_length": 16_000_000,
    "lzw_maximum_output_length": 16_000_000,
    "run_length_maximum_output_length": 16_000_000,
    "brotli_maximum_output_length": 16_000_000,
    "jbig2_maximum_output_length": 16_000_000,
    "image_maximum_buffer_size": 16_000_000,
    "stream_decoding_work_maximum_length": 64_000_000,
    "page_tree_maximum_entries": 20_000,
    "page_tree_maximum_page_entries": 20_000,
    "xmp_maximum_input_length": 1_000_000,
    "jbig2dec_binary": None,  # never call an external program on a file someone sent
}
DECODED_OBJECT_STREAMS_MAX_BYTES = 64_000_000
# A 60-slide deck full of images has a few thousand objects and some 100,000 dictionary entries and array
# items; parsing costs pypdf about 40 microseconds an object, so these bounds keep the check under a few
# seconds of one worker, whatever the file.
MAX_OBJECTS = 50_000
MAX_NODES = 1_000_000  # dictionary entries and array items walked, all objects together
MAX_XREF_STREAM_ENTRIES = 100_000
TIME_BUDGET_SECONDS = 5.0

NOT_PDF = "not_pdf"
POLYGLOT = "polyglot"
UNREADABLE = "unreadable"
TOO_COMPLEX = "too_complex"
ENCRYPTED = "encrypted"
TOO_MANY_PAGES = "too_many_pages"
JAVASCRIPT = "javascript"
AUTOMATIC_ACTION = "automatic_action"
EXTERNAL_ACTION = "external_action"
EMBEDDED_FILE = "embedded_file"
RICH_MEDIA = "rich_media"
XFA = "xfa"

# What each problem means for the person who sent the file; %(kind)s, %(pages)s and %(limit)s are filled in.
MESSAGES = {
    NOT_PDF: _("Ce fichier n'est pas un PDF. Exportez votre présentation au format PDF puis envoyez-la à nouveau."),
    POLYGLOT: _(
        "Ce fichier n'est pas un simple PDF : il contient aussi %(kind)s. Exportez votre présentation au format "
        "PDF puis envoyez-la à nouveau."
    ),
    UNREADABLE: _("Ce PDF est endommagé ou incomplet : il n'a pas pu être lu. Exportez-le à nouveau puis envoyez-le."),
    TOO_COMPLEX: _(
        "Ce PDF n'a pas pu être vérifié : sa structure ou ses données compressées dépassent les limites "
        "prévues. Exportez-le à nouveau au format PDF puis envoyez-le."
    ),
    ENCRYPTED: _(
        "Ce PDF est protégé par un mot de passe ou chiffré : la ville ne pourrait pas l'ouvrir. Enregistrez-le "
        "sans protection puis envoyez-le à nouveau."
    ),
    TOO_MANY_PAGES: _("Ce PDF compte %(pages)s pages ; la limite est de %(limit)s pages."),
    JAVASCRIPT: _(
        "Ce PDF contient du JavaScript (du code qui s'exécute à l'ouverture ou au clic) : il est refusé par "
        "sécurité. Exportez votre présentation au format PDF, sans scripts."
    ),
    AUTOMATIC_ACTION: _(
        "Ce PDF déclenche des actions automatiques (à l'ouverture du document, d'une page ou d'un champ) : il "
        "est refusé par sécurité. Exportez votre présentation au format PDF, sans actions."
    ),
    EXTERNAL_ACTION: _(
        "Ce PDF peut lancer un programme, ouvrir un autre fichier ou envoyer des données : il est refusé par "
        "sécurité. Exportez votre présentation au format PDF, sans actions."
    ),
    EMBEDDED_FILE: _("Ce PDF contient des fichiers joints : envoyez une présentation sans pièces jointes."),
    RICH_MEDIA: _(
        "Ce PDF contient des médias interactifs (vidéo, son, Flash ou 3D) : envoyez une présentation sans ces médias."
    ),
    XFA: _(
        "Ce PDF contient un formulaire dynamique (XFA) : imprimez-le au format PDF puis envoyez le nouveau fichier."
    ),
}
POLYGLOT_KINDS = {
    "before_header": _("du contenu placé avant le début du PDF"),
    "html": _("une page web (HTML)"),
    "svg": _("une image SVG"),
    "zip": _("une archive ZIP"),
}

_PDF_HEADER = re.compile(rb"%PDF-[12]\.[0-9]")
_HTML = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|frameset|frame|object|embed|img|meta|base|form)[\s/>]",
    re.IGNORECASE,
)
_SVG = re.compile(rb"<svg[\s/>]", re.IGNORECASE)

# Action types (/S) by what they do; the others (GoTo, URI, Named, Thread, SetOCGState, Trans) stay inside
# the document or open a web link the reader shows first.
_ACTIONS = {
    "/JavaScript": JAVASCRIPT,
    "/Launch": EXTERNAL_ACTION,
    "/GoToR": EXTERNAL_ACTION,
    "/GoToE": EXTERNAL_ACTION,
    "/ImportData": EXTERNAL_ACTION,
    "/SubmitForm": EXTERNAL_ACTION,
    "/Rendition": RICH_MEDIA,
    "/Movie": RICH_MEDIA,
    "/Sound": RICH_MEDIA,
    "/GoTo3DView": RICH_MEDIA,
    "/RichMediaExecute": RICH_MEDIA,
}
_SUBTYPES = {
    "/FileAttachment": EMBEDDED_FILE,
    "/RichMedia": RICH_MEDIA,
    "/Screen": RICH_MEDIA,
    "/Movie": RICH_MEDIA,
    "/Sound": RICH_MEDIA,
    "/3D": RICH_MEDIA,
}
_KEYS = {
    "/JS": JAVASCRIPT,
    "/JavaScript": JAVASCRIPT,
    "/AA": AUTOMATIC_ACTION,
    "/EmbeddedFiles": EMBEDDED_FILE,
    "/EF": EMBEDDED_FILE,
    "/RichMediaContent": RICH_MEDIA,
    "/RichMediaSettings": RICH_MEDIA,
    "/XFA": XFA,
}
_URI_SCHEMES = {"javascript:": JAVASCRIPT, "vbscript:": JAVASCRIPT, "data:": JAVASCRIPT, "file:": EXTERNAL_ACTION}


@dataclass(frozen=True)
class Problem:
    code: str
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        params = dict(self.params)
        if "kind" in params:
            params["kind"] = POLYGLOT_KINDS[params["kind"]]
        return str(MESSAGES[self.code]) % params if params else str(MESSAGES[self.code])


@dataclass(frozen=True)
class PdfInspection:
    problems: tuple[Problem, ...]
    pages: int | None = None

    @property
    def codes(self) -> list[str]:
        return [problem.code for problem in self.problems]


class _OverBudget(Exception):
    pass


class _Tolerated(Exception):
    """pypdf read the file only by working around a fault (it says so with a warning)."""


# Warnings that describe a valid file: linearised files and incremental updates start their tables at
# another object than 0.
_HARMLESS_WARNINGS = ("Xref table not zero-indexed",)


_warnings: ContextVar[list[logging.LogRecord] | None] = ContextVar("pdf_inspection_warnings", default=None)


class _WarningCollector(logging.Handler):
    """Keeps pypdf's warnings for the inspection running in this context (thread or task), if any."""

    def emit(self, record: logging.LogRecord) -> None:
        collected = _warnings.get()
        if collected is not None:
            collected.append(record)


logging.getLogger("pypdf").addHandler(_WarningCollector(logging.WARNING))


def inspect_pdf(data: bytes, *, max_pages: int) -> PdfInspection:
    """Every problem found in `data` (none: a plain PDF), and its page count when it could be read."""
    if not data.startswith(b"%PDF-"):
        if b"%PDF-" in data[:1024]:  # readers accept a header anywhere in the first kilobyte
            return PdfInspection((Problem(POLYGLOT, {"kind": "before_header"}),))
        return PdfInspection((Problem(NOT_PDF),))
    if not _PDF_HEADER.match(data):
        return PdfInspection((Problem(NOT_PDF),))
    hidden = _other_format(data)
    if hidden:
        return PdfInspection((Problem(POLYGLOT, {"kind": hidden}),))
    token = _warnings.set([])
    try:
        with apply_configuration(**PYPDF_LIMITS):
            inspection = _read(data, max_pages=max_pages)
        if any(not record.getMessage().startswith(_HARMLESS_WARNINGS) for record in _warnings.get()):
            raise _Tolerated
        return inspection
    except (_OverBudget, LimitReachedError, MemoryError, RecursionError):
        return PdfInspection((Problem(TOO_COMPLEX),))
    except Exception:  # pypdf raises many kinds of errors on malformed input: all mean "unreadable"
        return PdfInspection((Problem(UNREADABLE),))
    finally:
        _warnings.reset(token)


def _other_format(data: bytes) -> str:
    """'html', 'svg' or 'zip' when the bytes also hold that format ('' if not)."""
    if _SVG.search(data):
        return "svg"
    if _HTML.search(data):
        return "html"
    if b"PK\x05\x06" in data[-(65536 + 22) :]:  # a ZIP reader looks for its directory at the end
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if archive.infolist():
                    return "zip"
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
            pass
    return ""


def _read(data: bytes, *, max_pages: int) -> PdfInspection:
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    reader = PdfReader(
        io.BytesIO(data), strict=True, root_object_recovery_limit=0, xref_stream_maximum_entries=MAX_XREF_STREAM_ENTRIES
    )
    if reader.is_encrypted:
        return PdfInspection((Problem(ENCRYPTED),))
    declared = reader.root_object["/Pages"].get_object().get("/Count", 0)
    if isinstance(declared, int) and declared > max_pages:
        return PdfInspection((Problem(TOO_MANY_PAGES, {"pages": declared, "limit": max_pages}),), pages=declared)
    pages = len(reader.pages)  # the tree itself, in case /Count says less than it holds
    if pages > max_pages:
        return PdfInspection((Problem(TOO_MANY_PAGES, {"pages": pages, "limit": max_pages}),), pages=pages)
    if pages == 0:
        return PdfInspection((Problem(UNREADABLE),), pages=0)
    found = set(_scan(reader, deadline))
    return PdfInspection(tuple(Problem(code) for code in MESSAGES if code in found), pages=pages)


def _indirect_objects(reader: PdfReader) -> Iterator[IndirectObject]:
    in_streams = reader.xref_objStm
    listed = sum(len(objects) for objects in reader.xref.values()) + len(in_streams)
    if listed > MAX_OBJECTS:
        raise _OverBudget
    for generation, objects in reader.xref.items():
        for number in objects:
            yield IndirectObject(number, generation, reader)
    for number in in_streams:
        yield IndirectObject(number, 0, reader)


def _scan(reader: PdfReader, deadline: float) -> Iterator[str]:
    """The problem codes of every object, the trailer included."""
    decoded_streams: set[int] = set()
    decoded_bytes = 0
    nodes = 0
    roots: list[PdfObject] = [reader.trailer]
    for reference in _indirect_objects(reader):
        if time.monotonic() > deadline:
            raise _OverBudget
        container = reader.xref_objStm.get(reference.idnum)
        if container is not None and container[0] not in decoded_streams:
            decoded_streams.add(container[0])
            decoded_bytes += len(reader.get_object(container[0]).get_data())
            if decoded_bytes > DECODED_OBJECT_STREAMS_MAX_BYTES:
                raise _OverBudget
        roots.append(reader.get_object(reference))
    for root in roots:
        stack = [root]
        while stack:
            value = stack.pop()
            nodes += 1
            if nodes > MAX_NODES or (nodes % 10_000 == 0 and time.monotonic() > deadline):
                raise _OverBudget
            if isinstance(value, DictionaryObject):
                yield from _dictionary_problems(value)
                stack.extend(value.values())
            elif isinstance(value, ArrayObject):
                stack.extend(value)


def _entry(dictionary: DictionaryObject, key: str) -> PdfObject | None:
    value = dict.get(dictionary, key)
    return value.get_object() if isinstance(value, IndirectObject) else value


def _dictionary_problems(dictionary: DictionaryObject) -> Iterator[str]:
    for key in dictionary:
        if key in _KEYS:
            yield _KEYS[key]
    action = _entry(dictionary, "/S")
    if isinstance(action, str) and action in _ACTIONS:
        yield _ACTIONS[action]
    subtype = _entry(dictionary, "/Subtype")
    if isinstance(subtype, str) and subtype in _SUBTYPES:
        yield _SUBTYPES[subtype]
    if _entry(dictionary, "/Type") == "/EmbeddedFile":
        yield EMBEDDED_FILE
    if "/OpenAction" in dictionary and not isinstance(_entry(dictionary, "/OpenAction"), ArrayObject):
        yield AUTOMATIC_ACTION  # a destination (a page and a zoom) runs nothing; an action dictionary may
    uri = _entry(dictionary, "/URI")
    if isinstance(uri, (str, bytes)):
        text = uri.decode("latin-1") if isinstance(uri, bytes) else str(uri)
        text = "".join(char for char in text if char > " ").lower()
        for scheme, code in _URI_SCHEMES.items():
            if text.startswith(scheme):
                yield code


def validate_pdf_upload(file, *, max_bytes: int, max_pages: int) -> None:
    """A PDF of at most `max_bytes` and `max_pages` that runs nothing and hides nothing, checked by content.

    A stored file (checked when it was sent) is not read again; an upload is parsed once even when the form
    and then the service check it. The apps' validators (pitch deck, agreement, evidence) call this one."""
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import UploadedFile
    from django.template.defaultfilters import filesizeformat

    if not file:
        return
    if not isinstance(file, UploadedFile) and getattr(file, "_committed", False):
        return
    size = file.size
    if not size:
        raise ValidationError(_("Le fichier est vide."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("Le fichier pèse %(size)s ; la limite est de %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )
    inspection = getattr(file, "_pdf_inspection", None)
    if inspection is None:
        position = file.tell() if hasattr(file, "tell") else 0
        try:
            file.seek(0)
            data = file.read(max_bytes + 1)
        finally:
            file.seek(position)
        inspection = file._pdf_inspection = inspect_pdf(data, max_pages=max_pages)
    if inspection.problems:
        raise ValidationError([ValidationError(problem.message, code=problem.code) for problem in inspection.problems])
