"""The evidence document: a PDF checked by its content (common.pdf), never by its name."""

from __future__ import annotations

from common.pdf import validate_pdf_upload

from .constants import EVIDENCE_MAX_BYTES, EVIDENCE_MAX_PAGES


def validate_evidence(file) -> None:
    validate_pdf_upload(file, max_bytes=EVIDENCE_MAX_BYTES, max_pages=EVIDENCE_MAX_PAGES)
