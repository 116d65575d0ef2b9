"""Where pitch decks live: under settings.PRIVATE_MEDIA_ROOT, which no URL serves.

Files are read only through `startups.views.pitch_deck_download`, which checks who is asking.
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage without a URL, whose root follows settings.PRIVATE_MEDIA_ROOT (tests change it)."""

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
        raise ValueError("Private files have no public URL; use the download view.")


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _private_storage


def pitch_deck_path(instance, filename: str) -> str:
    """A random name: the person's file name is kept in the row, never used on disk."""
    return f"startups/pitch-decks/call-{instance.call_id}/{uuid.uuid4().hex}.pdf"
