"""Hostile files sent as a pitch deck, built here with pypdf's writer and raw bytes (one small linearised
PDF made by qpdf lives in files/).

Every hostile file is refused with its reason beside the field, nothing is stored and the deck sent before
stays; valid decks are accepted; a 60 MB upload is cut off after a few kilobytes; file names are reduced to
a safe form; the file goes back only as a sandboxed PDF download to who may see it.
"""

from __future__ import annotations

import html
import importlib
import io
import re
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.annotations import Link
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from common.uploads import MULTIPART_OVERHEAD_BYTES, safe_file_name
from startups.constants import PITCH_DECK_MAX_BYTES, ApplicationStatus
from startups.models import Application
from tests.factories import CityFactory

from .conftest import complete_draft, make_city_staff, move_to
from .factories import MINIMAL_PDF, ApplicationFactory

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files"
CHUNK = 64 * 1024  # what Django's multipart parser reads at a time
MB = 1024 * 1024

# ---------------------------------------------------------------- building PDFs


def written(writer: PdfWriter, header: bytes = b"%PDF-1.7") -> bytes:
    writer.pdf_header = header
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def deck_writer(pages: int = 1) -> PdfWriter:
    """A deck as an office suite exports it: text on each page, a web link, an outline entry, and opening
    on the first page at full size (an /OpenAction that is a destination, as LibreOffice writes)."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for number in range(1, pages + 1):
        page = writer.add_blank_page(842, 595)
        content = DecodedStreamObject()
        content.set_data(b"BT /F1 36 Tf 72 500 Td (Compost Connecte, diapositive %d) Tj ET" % number)
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
    writer.add_annotation(0, Link(rect=(72, 72, 400, 110), url="https://compost.example.fr"))
    writer.add_outline_item(title="Le projet", page_number=0)
    writer.root_object[NameObject("/OpenAction")] = ArrayObject(
        [writer.pages[0].indirect_reference, NameObject("/Fit")]
    )
    return writer


def deck(pages: int = 1, header: bytes = b"%PDF-1.7") -> bytes:
    return written(deck_writer(pages), header)


def name(value: str) -> NameObject:
    return NameObject(value)


def action(kind: str, **entries) -> DictionaryObject:
    result = DictionaryObject({name("/Type"): name("/Action"), name("/S"): name(kind)})
    for key, value in entries.items():
        result[name("/" + key)] = TextStringObject(value) if isinstance(value, str) else value
    return result


def rect() -> ArrayObject:
    return ArrayObject([FloatObject(72), FloatObject(72), FloatObject(400), FloatObject(110)])


def annotation(subtype: str, **entries) -> DictionaryObject:
    result = DictionaryObject({name("/Type"): name("/Annot"), name("/Subtype"): name(subtype), name("/Rect"): rect()})
    for key, value in entries.items():
        result[name("/" + key)] = value
    return result


def with_catalog(key: str, value) -> bytes:
    writer = deck_writer()
    writer.root_object[name(key)] = writer._add_object(value) if isinstance(value, DictionaryObject) else value
    return written(writer)


def with_annotation(value: DictionaryObject) -> bytes:
    writer = deck_writer()
    writer.pages[0][name("/Annots")].append(writer._add_object(value))
    return written(writer)


def with_page_entry(key: str, value) -> bytes:
    writer = deck_writer()
    writer.pages[0][name(key)] = value
    return written(writer)


def with_attachment() -> bytes:
    writer = deck_writer()
    writer.add_attachment("facture.exe", b"MZ\x90\x00" + b"\x00" * 500)
    return written(writer)


def with_names_tree_javascript() -> bytes:
    writer = deck_writer()
    writer.add_open_action(JavaScript("app.alert('Bonjour');"))
    return written(writer)


def encrypted(algorithm: str, user_password: str = "") -> bytes:
    writer = deck_writer()
    writer.encrypt(user_password=user_password, owner_password="proprietaire", algorithm=algorithm)
    return written(writer)


def edited_incrementally() -> bytes:
    """A deck changed after export (as a PDF editor saves): the change appended with its own xref section."""
    writer = PdfWriter(io.BytesIO(deck(3)), incremental=True)
    writer.add_metadata({"/Title": "Compost Connecté, version revue"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def blank_pages(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(842, 595)
    return written(writer)


def stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), entries, data)


def raw_pdf(objects: list[bytes], *, trailer: bytes = b"/Root 1 0 R", header: bytes = b"%PDF-1.7") -> bytes:
    """objects[i] is object i+1; a classic cross-reference table with the right offsets."""
    out = bytearray(header + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, start)
    return bytes(out)


def raw_deck(*, catalog: bytes = b"", page: bytes = b"", extra: tuple[bytes, ...] = (), kids: int = 1) -> bytes:
    """Catalog 1, page tree 2, content 3, font 4, extra objects from 5, then `kids` pages."""
    first_page = 5 + len(extra)
    pages = [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 3 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> %s >>" % page
    ] * kids
    references = b" ".join(b"%d 0 R" % number for number in range(first_page, first_page + kids))
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R %s >>" % catalog,
            b"<< /Type /Pages /Kids [%s] /Count 1 >>" % references,  # /Count says 1, whatever the tree holds
            stream(b"BT /F1 36 Tf 72 500 Td (Diapositive) Tj ET"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            *extra,
            *pages,
        ]
    )


def object_stream_pdf(objects: list[bytes], *, padding: int = 0) -> bytes:
    """objects[i] is object i+1, compressed in an object stream (PDF 1.5), with a cross-reference stream.

    `padding` bytes of spaces after the objects: the stream then inflates to that much (a decompression bomb).
    """
    count = len(objects)
    offsets, position = [], 0
    for body in objects:
        offsets.append(position)
        position += len(body) + 1
    index = b" ".join(b"%d %d" % (number, offset) for number, offset in enumerate(offsets, start=1)) + b"\n"
    compressor = zlib.compressobj(9)
    packed = compressor.compress(index + b"\n".join(objects) + b"\n")
    for _ in range(padding // MB):
        packed += compressor.compress(b" " * MB)
    packed += compressor.flush()
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    stream_at = len(out)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        count + 1,
        count,
        len(index),
        len(packed),
    )
    out += packed + b"\nendstream\nendobj\n"
    xref_at = len(out)
    rows = [b"\x00" * 5 + b"\xff\xff"]
    rows += [b"\x02" + (count + 1).to_bytes(4, "big") + slot.to_bytes(2, "big") for slot in range(count)]
    rows += [b"\x01" + stream_at.to_bytes(4, "big") + b"\x00\x00", b"\x01" + xref_at.to_bytes(4, "big") + b"\x00\x00"]
    table = zlib.compress(b"".join(rows))
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\n" % (
        count + 2,
        count + 3,
        len(table),
    )
    out += b"stream\n" + table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


COMPRESSED_DECK = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Annots [4 0 R] >>",
    b"<< /Type /Annot /Subtype /Link /Rect [72 72 400 110] /A << /S /URI /URI (https://compost.example.fr) >> >>",
]


def xref_loop() -> bytes:
    """The trailer's /Prev points back at the same cross-reference table."""
    body = raw_deck()
    start = int(body.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    return body.replace(b"/Root 1 0 R >>", b"/Root 1 0 R /Prev %d >>" % start)


def zip_archive(prefix: bytes = b"", entry_mb: int = 0) -> bytes:
    buffer = io.BytesIO()
    buffer.write(prefix)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if entry_mb:
            with archive.open("bombe.bin", "w", force_zip64=True) as entry:
                for _ in range(entry_mb):
                    entry.write(b"\x00" * MB)
        else:
            archive.writestr("lisez-moi.html", "<p>Bonjour</p>")
    return buffer.getvalue()


HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.domain)</script></body></html>\n"
SVG_IMAGE = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>\n"
)
JS_LINK = b"<< /Type /Annot /Subtype /Link /Rect [72 72 400 110] /A << /S /JavaScript /JS (app.alert\\(1\\)) >> >>"

# ---------------------------------------------------------------- the corpus

NOT_PDF = "Ce fichier n'est pas un PDF."
HTML_INSIDE = "il contient aussi une page web (HTML)"
SVG_INSIDE = "il contient aussi une image SVG"
ZIP_INSIDE = "il contient aussi une archive ZIP"
BEFORE_HEADER = "il contient aussi du contenu placé avant le début du PDF"
UNREADABLE = "Ce PDF est endommagé ou incomplet"
TOO_COMPLEX = "dépassent les limites prévues"
ENCRYPTED = "Ce PDF est protégé par un mot de passe ou chiffré"
JAVASCRIPT = "Ce PDF contient du JavaScript"
AUTOMATIC = "Ce PDF déclenche des actions automatiques"
EXTERNAL = "Ce PDF peut lancer un programme, ouvrir un autre fichier ou envoyer des données"
ATTACHED = "Ce PDF contient des fichiers joints"
MEDIA = "Ce PDF contient des médias interactifs"
XFA = "Ce PDF contient un formulaire dynamique (XFA)"
EMPTY = "Le fichier est vide."
TOO_LARGE = "la limite est de 10,0\xa0Mio"

# name -> (builder, the messages the person must see)
HOSTILE = {
    "html-renamed-pdf": (lambda: HTML_PAGE, [NOT_PDF]),
    "svg-with-script": (lambda: SVG_IMAGE, [NOT_PDF]),
    "windows-executable": (
        lambda: b"MZ\x90\x00\x03" + b"\x00" * 2000 + b"This program cannot be run in DOS mode.",
        [NOT_PDF],
    ),
    "html-then-pdf-polyglot": (lambda: b"<html><script>alert(1)</script><!--\n" + MINIMAL_PDF, [BEFORE_HEADER]),
    "pdf-with-html-stream-polyglot": (lambda: raw_deck(extra=(stream(HTML_PAGE),)), [HTML_INSIDE]),
    "pdf-with-svg-stream-polyglot": (lambda: raw_deck(extra=(stream(SVG_IMAGE),)), [SVG_INSIDE]),
    "pdf-zip-polyglot": (lambda: deck() + zip_archive(), [ZIP_INSIDE]),
    "zip-bomb-with-pdf-header": (lambda: zip_archive(b"%PDF-1.7\n%", entry_mb=100), [ZIP_INSIDE]),
    "js-in-open-action": (
        lambda: with_catalog("/OpenAction", action("/JavaScript", JS="app.alert(1)")),
        [JAVASCRIPT, AUTOMATIC],
    ),
    "js-in-link-annotation": (
        lambda: with_annotation(annotation("/Link", A=action("/JavaScript", JS="app.alert(1)"))),
        [JAVASCRIPT],
    ),
    "js-in-names-tree": (with_names_tree_javascript, [JAVASCRIPT]),
    "js-with-hex-encoded-names": (
        lambda: raw_deck(
            page=b"/Annots [5 0 R]",
            extra=(JS_LINK.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 "),),
        ),
        [JAVASCRIPT],
    ),
    "js-in-compressed-object-stream": (lambda: object_stream_pdf([*COMPRESSED_DECK[:3], JS_LINK]), [JAVASCRIPT]),
    "js-in-link-uri": (
        lambda: with_annotation(annotation("/Link", A=action("/URI", URI="javascript:alert(document.cookie)"))),
        [JAVASCRIPT],
    ),
    "js-on-page-open": (
        lambda: with_page_entry("/AA", DictionaryObject({name("/O"): action("/JavaScript", JS="app.alert(1)")})),
        [JAVASCRIPT, AUTOMATIC],
    ),
    "open-action-uri": (
        lambda: with_catalog("/OpenAction", action("/URI", URI="https://suivi.example/ouvert")),
        [AUTOMATIC],
    ),
    "launch-in-link": (
        lambda: with_annotation(
            annotation(
                "/Link",
                A=action("/Launch", F="calc.exe", Win=DictionaryObject({name("/F"): TextStringObject("cmd.exe")})),
            )
        ),
        [EXTERNAL],
    ),
    "launch-on-open": (
        lambda: with_catalog("/OpenAction", action("/Launch", F="C:\\Windows\\System32\\calc.exe")),
        [AUTOMATIC, EXTERNAL],
    ),
    "submit-form": (
        lambda: with_annotation(annotation("/Link", A=action("/SubmitForm", F="https://collecte.example/"))),
        [EXTERNAL],
    ),
    "embedded-file": (with_attachment, [ATTACHED]),
    "file-attachment-annotation": (
        lambda: raw_deck(
            page=b"/Annots [5 0 R]",
            extra=(
                b"<< /Type /Annot /Subtype /FileAttachment /Rect [72 72 90 90] /FS << /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >> >>",
                stream(b"MZ\x90\x00", b"/Type /EmbeddedFile"),
            ),
        ),
        [ATTACHED],
    ),
    "rich-media": (lambda: with_annotation(annotation("/RichMedia", RichMediaContent=DictionaryObject())), [MEDIA]),
    "xfa-form": (
        lambda: with_catalog(
            "/AcroForm",
            DictionaryObject({name("/Fields"): ArrayObject(), name("/XFA"): TextStringObject("<xdp:xdp/>")}),
        ),
        [XFA],
    ),
    "encrypted-rc4-40": (lambda: encrypted("RC4-40"), [ENCRYPTED]),
    "encrypted-rc4-128": (lambda: encrypted("RC4-128"), [ENCRYPTED]),
    "encrypted-aes-128": (lambda: encrypted("AES-128"), [ENCRYPTED]),
    "encrypted-aes-256": (lambda: encrypted("AES-256"), [ENCRYPTED]),
    "encrypted-with-user-password": (lambda: encrypted("AES-256", user_password="secret"), [ENCRYPTED]),
    "5000-pages": (lambda: blank_pages(5000), ["Ce PDF compte 5000 pages ; la limite est de 60 pages."]),
    "61-pages": (lambda: deck(61), ["Ce PDF compte 61 pages ; la limite est de 60 pages."]),
    "page-count-that-lies": (lambda: raw_deck(kids=100), ["Ce PDF compte 100 pages ; la limite est de 60 pages."]),
    "truncated-half": (lambda: deck()[: len(deck()) // 2], [UNREADABLE]),
    "truncated-end": (lambda: deck()[:-40], [UNREADABLE]),
    "header-only": (lambda: b"%PDF-1.7\n" + b"0" * 5000, [UNREADABLE]),
    "no-pages": (
        lambda: raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]),
        [UNREADABLE],
    ),
    "xref-loop": (xref_loop, [UNREADABLE]),
    "xref-pointing-nowhere": (lambda: deck().replace(b"startxref\n", b"startxref\n9"), [UNREADABLE]),
    "deeply-nested-arrays": (lambda: raw_deck(catalog=b"/Deep " + b"[" * 50_000 + b"]" * 50_000), [UNREADABLE]),
    "object-stream-decompression-bomb": (lambda: object_stream_pdf(COMPRESSED_DECK, padding=64 * MB), [TOO_COMPLEX]),
    "zero-bytes": (lambda: b"", [EMPTY]),
    "20-mb": (lambda: b"%PDF-1.7\n" + b"0" * (20 * MB) + b"\n%%EOF\n", [TOO_LARGE]),
}

VALID = {
    "one-page-pdf-1.3-by-pypdf": lambda: MINIMAL_PDF,
    "one-page-pdf-1.7": lambda: deck(1),
    "30-page-deck": lambda: deck(30),
    "60-page-deck": lambda: deck(60),
    "pdf-2.0-header": lambda: deck(3, header=b"%PDF-2.0"),
    "linearised-by-qpdf": lambda: (FILES / "linearised-deck.pdf").read_bytes(),
    "edited-with-an-incremental-update": edited_incrementally,
    "compressed-object-streams": lambda: object_stream_pdf(COMPRESSED_DECK),
}


# ---------------------------------------------------------------- sending them


def documents_url(application) -> str:
    return reverse("startups:application_step", kwargs={"pk": application.pk, "step": "documents"})


def multipart(file_name: str, content: bytes, *, before: dict | None = None, after: dict | None = None):
    """A multipart body written as a browser writes it (`file_name` sent as is), and its content type."""
    boundary = "----FormBoundaryDeck7MA4YWxkTrZu0gW"
    parts = []
    for key, value in (before or {}).items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="pitch_deck"; filename="{file_name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    for key, value in (after or {"action": "next"}).items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def send(client, application, content: bytes, file_name: str = "presentation.pdf"):
    body, content_type = multipart(file_name, content)
    return client.generic("POST", documents_url(application), body, content_type=content_type)


def stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def field_errors(page: str) -> list[str]:
    """The messages shown beside the pitch-deck field (crispy's invalid-feedback tied to id_pitch_deck)."""
    found = re.findall(r'<(?:span|div) id="error_\d+_id_pitch_deck"[^>]*>(.*?)</(?:span|div)>', page, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", message)).strip() for message in found]


@pytest.fixture
def applicant_with_deck(call):
    """A draft whose applicant already sent a valid deck: a refused file must leave it in place."""
    application = ApplicationFactory(call=call)
    client = Client()
    client.force_login(application.applicant)
    response = send(client, application, deck(2), "Première version.pdf")
    assert response.status_code == 302
    application.refresh_from_db()
    return client, application


@pytest.mark.parametrize("case", list(HOSTILE))
def test_each_hostile_file_is_refused_with_its_reason_and_the_previous_deck_kept(applicant_with_deck, case):
    client, application = applicant_with_deck
    build, messages = HOSTILE[case]
    before_files, before_file = stored_files(), application.pitch_deck.name
    content = build()
    started = time.monotonic()
    response = send(client, application, content, f"{case}.pdf")
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    shown = field_errors(response.content.decode())
    for message in messages:
        assert any(message in error for error in shown), (message, shown)
    assert len(shown) == len(messages), shown
    assert stored_files() == before_files
    application.refresh_from_db()
    assert application.pitch_deck.name == before_file
    assert application.pitch_deck_name == "Première version.pdf"
    assert elapsed < 10  # bombs and pathological files are refused within the checker's limits


@pytest.mark.parametrize("case", list(VALID))
def test_each_valid_deck_is_accepted_and_stored_as_sent(client, call, case):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    content = VALID[case]()
    response = send(client, application, content, "Notre projet.pdf")
    assert response.status_code == 302, field_errors(response.content.decode())
    (stored,) = stored_files()
    assert stored.read_bytes() == content
    application.refresh_from_db()
    assert application.pitch_deck_name == "Notre projet.pdf"


def test_the_reasons_are_given_in_english_too(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    with translation.override("en"):
        url = documents_url(application)
    body, content_type = multipart("deck.pdf", HOSTILE["js-on-page-open"][0]())
    response = client.generic("POST", url, body, content_type=content_type)
    assert field_errors(response.content.decode()) == [
        "This PDF contains JavaScript (code that runs when it is opened or clicked): it is refused for security. "
        "Export your presentation as a PDF, without scripts.",
        "This PDF triggers automatic actions (when the document, a page or a field is opened): it is refused for "
        "security. Export your presentation as a PDF, without actions.",
    ]


def test_the_corpus_is_wide_enough():
    """The counts given in the issue's note; every kind of file the issue names is in it."""
    assert len(HOSTILE) >= 40
    assert len(VALID) >= 7


# ---------------------------------------------------------------- size: refused before the body is read


class StreamedBody:
    """A request body made while it is read: `head`, then `size` bytes of a PDF-looking file, then `tail`.

    Records how many bytes the server read.
    """

    def __init__(self, head: bytes, size: int, tail: bytes):
        self.head, self.size, self.tail = head, size, tail
        self.length = len(head) + size + len(tail)
        self.read_bytes = 0

    def _byte_range(self, start: int, stop: int) -> bytes:
        out = bytearray()
        file_end = len(self.head) + self.size
        if start < len(self.head):
            out += self.head[start : min(stop, len(self.head))]
        if stop > len(self.head) and start < file_end:
            out += b"0" * (min(stop, file_end) - max(start, len(self.head)))
        if stop > file_end:
            out += self.tail[max(start - file_end, 0) : stop - file_end]
        return bytes(out)

    def read(self, size: int = -1) -> bytes:
        stop = self.length if size is None or size < 0 else min(self.length, self.read_bytes + size)
        data = self._byte_range(self.read_bytes, stop)
        self.read_bytes = stop
        return data

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def streamed_upload(client, url: str, size: int, *, before: dict | None = None, content_type: str | None = None):
    head, multipart_type = multipart("grosse-presentation.pdf", b"%PDF-1.7\n", before=before)
    marker = head.index(b"%PDF-1.7\n") + len(b"%PDF-1.7\n")
    body = StreamedBody(head[:marker], size, head[marker:])
    response = client.generic(
        "POST",
        url,
        b"x",
        content_type=content_type or multipart_type,
        **{"wsgi.input": body, "CONTENT_LENGTH": str(body.length)},
    )
    return response, body


def test_a_60_mb_upload_is_refused_after_reading_only_what_comes_before_the_file(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    response, body = streamed_upload(client, documents_url(application), 60 * MB)
    assert response.status_code == 200
    assert any(TOO_LARGE in error for error in field_errors(response.content.decode()))
    assert body.read_bytes <= CHUNK  # of 62,914,560 + headers: the file's bytes were never read
    print(f"60 MB upload: {body.read_bytes} bytes read of {body.length} before the refusal")
    assert stored_files() == []


def test_a_file_just_over_the_limit_is_cut_off_by_the_handler_while_it_streams(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    response, body = streamed_upload(client, documents_url(application), PITCH_DECK_MAX_BYTES + 1)
    assert body.length <= PITCH_DECK_MAX_BYTES + MULTIPART_OVERHEAD_BYTES  # the announced size let it through
    assert response.status_code == 200
    (error,) = field_errors(response.content.decode())
    assert error.startswith("Le fichier est trop lourd : la limite est de 10,0\xa0Mio.")  # the handler's words
    assert stored_files() == []


def test_the_csrf_token_is_still_checked_when_a_large_file_is_refused(call):
    application = ApplicationFactory(call=call)
    client = Client(enforce_csrf_checks=True)
    client.force_login(application.applicant)
    client.get(documents_url(application))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    refused, _ = streamed_upload(client, documents_url(application), 60 * MB)
    assert refused.status_code == 403  # no token in the form: the CSRF check still runs and refuses
    answered, body = streamed_upload(client, documents_url(application), 60 * MB, before={"csrfmiddlewaretoken": token})
    assert answered.status_code == 200
    assert any(TOO_LARGE in error for error in field_errors(answered.content.decode()))
    assert body.read_bytes <= CHUNK


def test_a_raw_oversize_post_gets_a_413_page_without_its_body_being_read(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    for url in (documents_url(application), reverse("account_login"), "/fr/admin/login/"):
        response, body = streamed_upload(client, url, 60 * MB, content_type="application/octet-stream")
        assert response.status_code == 413
        page = response.content.decode()
        assert "<h1>Envoi trop volumineux</h1>" in page
        assert 'class="site-header' in page  # the site's own layout
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "default-src" in response["Content-Security-Policy"]
        assert body.read_bytes == 0


def test_a_file_sent_to_a_page_that_takes_none_never_reaches_the_disk(client, call, city_staff, monkeypatch, settings):
    # A file under the body limit of pages without uploads (1 MiB), above what Django keeps in memory.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    opened = []
    original = TemporaryFileUploadHandler.new_file

    def spy(self, *args, **kwargs):
        opened.append(args[1])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", spy)
    application = move_to(complete_draft(call), ApplicationStatus.SUBMITTED, city_staff)
    client.force_login(application.applicant)
    body, content_type = multipart("a.pdf", b"%PDF-1.7\n" + b"0" * (MB // 2), after={"message": "Nous retirons."})
    url = reverse("startups:application_withdraw", kwargs={"pk": application.pk})
    response = client.generic("POST", url, body, content_type=content_type)
    assert response.status_code == 302  # the form's fields were read, the file skipped
    assert opened == []
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    # The documents step takes files: the same upload goes to a temporary file there.
    draft = ApplicationFactory(call=call)
    client.force_login(draft.applicant)
    client.generic("POST", documents_url(draft), body, content_type=content_type)
    assert opened == ["a.pdf"]


# ---------------------------------------------------------------- names


NAMES = {
    'a"b\r\nX-Injected: 1.pdf': "ab X-Injected 1.pdf",
    "a%22b%0D%0AX-Injected: 1.pdf": "ab X-Injected 1.pdf",  # how browsers write a quote and CR LF
    "../../etc/passwd": "passwd.pdf",
    "..\\..\\Windows\\win.ini": "win.ini.pdf",
    "facture\u202efdp.exe": "facturefdp.exe.pdf",  # a right-to-left override shows it as "factureexe.pdf"
    "deck\u200b\u2066.pdf": "deck.pdf",
    ".htaccess": "htaccess.pdf",
    "Ｄｅｃｋ　２０２６.PDF": "Deck 2026.pdf",  # full-width letters and space: NFKC
    "deck.pdf; filename=evil.html": "deck.pdf filename=evil.html.pdf",
    "x" * 300 + ".pdf": "x" * 96 + ".pdf",
    "...": "presentation.pdf",
    "Présentation Compost Connecté.pdf": "Présentation Compost Connecté.pdf",
}


@pytest.mark.parametrize(("sent", "kept"), list(NAMES.items()), ids=[f"name-{i}" for i in range(len(NAMES))])
def test_file_names_are_reduced_to_a_safe_form(sent, kept):
    assert safe_file_name(sent, default_stem="presentation") == kept


@pytest.mark.parametrize(
    "sent",
    ["a%22b%0D%0AX-Injected: 1.pdf", "../../etc/passwd", "..\\..\\Windows\\win.ini", "facture\u202efdp.exe"],
)
def test_a_hostile_name_sent_by_a_browser_is_stored_and_sent_back_safely(client, call, sent):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    assert send(client, application, MINIMAL_PDF, sent).status_code == 302
    application.refresh_from_db()
    assert application.pitch_deck_name == safe_file_name(sent, default_stem="presentation")
    response = client.get(reverse("startups:pitch_deck", kwargs={"pk": application.pk}))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename")
    assert not re.search(r'[\r\n"\\/]', disposition.split("filename", 1)[1].strip('="'))


def test_the_download_is_a_sandboxed_pdf_attachment_with_an_rfc_6266_name(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    send(client, application, MINIMAL_PDF, "Présentation été.pdf")
    response = client.get(reverse("startups:pitch_deck", kwargs={"pk": application.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Pr%C3%A9sentation%20%C3%A9t%C3%A9.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Cache-Control"] == "private, no-store"


def test_a_name_stored_before_this_rule_is_made_safe_when_the_file_is_sent_back(client, call):
    application = complete_draft(call)
    Application.objects.filter(pk=application.pk).update(pitch_deck_name='a"b\r\nX-Injected: 1.pdf')
    client.force_login(application.applicant)
    response = client.get(reverse("startups:pitch_deck", kwargs={"pk": application.pk}))
    assert response["Content-Disposition"] == 'attachment; filename="ab X-Injected 1.pdf"'
    assert "X-Injected" not in response.headers


def test_names_stored_before_are_made_safe_by_the_migration(call):
    from django.apps import apps

    migration = importlib.import_module("startups.migrations.0005_safe_pitch_deck_names")
    unsafe = ApplicationFactory(call=call, pitch_deck_name="a%22b%0D%0AX-Injected: 1.pdf")
    fine = ApplicationFactory(call=call, pitch_deck_name="Notre projet.pdf")
    migration.make_names_safe(apps, None)
    unsafe.refresh_from_db()
    fine.refresh_from_db()
    assert unsafe.pitch_deck_name == "ab X-Injected 1.pdf"
    assert fine.pitch_deck_name == "Notre projet.pdf"


@pytest.mark.parametrize("who", ["anonymous", "another-applicant", "unassigned-reviewer", "other-city-staff"])
def test_the_file_is_served_only_to_who_may_see_it(client, call, city_staff, reviewer, roles, who):
    application = move_to(complete_draft(call), ApplicationStatus.UNDER_REVIEW, city_staff)
    if who == "another-applicant":
        client.force_login(complete_draft(call).applicant)
    elif who == "unassigned-reviewer":
        client.force_login(reviewer)
    elif who == "other-city-staff":
        client.force_login(make_city_staff(CityFactory(), roles))
    assert client.get(reverse("startups:pitch_deck", kwargs={"pk": application.pk})).status_code == 404
