"""Where the agreements' PDFs live: under settings.PRIVATE_MEDIA_ROOT, which no URL serves as such.

A published agreement is public: `partnership.views.agreement_pdf` serves it, at a stable address under
/donnees/, to anyone (the file was checked by content when staff sent it: partnership.validators)."""

from __future__ import annotations

from common.storage import PrivateStorage

_storage = PrivateStorage(served_by="partnership.views.agreement_pdf")


def agreement_storage() -> PrivateStorage:
    return _storage
