"""The evidence document: a PDF checked by its content (common.pdf), never by its name."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from common.pdf import inspect_pdf

from .constants import EVIDENCE_MAX_BYTES, EVIDENCE_MAX_PAGES


def validate_evidence(file) -> None:
    if not file:
        return
    if not isinstance(file, UploadedFile) and getattr(file, "_committed", False):
        return  # stored: checked when it was sent
    size = file.size
    if not size:
        raise ValidationError(_("Le fichier est vide."), code="empty")
    if size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("Le fichier pèse %(size)s ; la limite est de %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(EVIDENCE_MAX_BYTES)},
        )
    inspection = getattr(file, "_evidence_inspection", None)
    if inspection is None:
        position = file.tell() if hasattr(file, "tell") else 0
        try:
            file.seek(0)
            data = file.read(EVIDENCE_MAX_BYTES + 1)
        finally:
            file.seek(position)
        inspection = inspect_pdf(data, max_pages=EVIDENCE_MAX_PAGES)
        file._evidence_inspection = inspection
    if inspection.problems:
        raise ValidationError([ValidationError(problem.message, code=problem.code) for problem in inspection.problems])
