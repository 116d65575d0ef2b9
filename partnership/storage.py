"""Where the agreements' PDFs live: under settings.PRIVATE_MEDIA_ROOT, which no URL serves as such.

A published agreement is public: `partnership.views.agreement_pdf` serves it, at a stable address under
/donnees/, to anyone (the file was checked by content when staff sent it: partnership.validators)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class AgreementStorage(FileSystemStorage):
    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Agreements are served by partnership.views.agreement_pdf.")


_storage = AgreementStorage()


def agreement_storage() -> AgreementStorage:
    return _storage
