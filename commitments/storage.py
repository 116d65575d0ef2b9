"""Where evidence documents live: under settings.PRIVATE_MEDIA_ROOT, which no URL serves. A document is read
only through `commitments.views.evidence`, which serves it once the partner has attested the update (and to
the city's staff before that)."""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
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
        raise ValueError("Private files have no public URL; use the evidence view.")


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _private_storage


def evidence_path(instance, filename: str) -> str:
    """A random name: the name the person sent is kept apart (evidence_name), never used as a path."""
    return f"commitments/evidence/{uuid.uuid4().hex}.pdf"
