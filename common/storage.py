"""Files no URL serves: pitch decks, commitment evidence, agreements. They live under
settings.PRIVATE_MEDIA_ROOT, outside STATIC_ROOT and without a MEDIA_URL, and each app's view reads them after
checking who is asking. Each app keeps its own `storage.py` with the callable its models (and migrations) name."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage without a URL, whose root follows settings.PRIVATE_MEDIA_ROOT (tests change it).
    `served_by` names the view that serves its files, for the error of anyone asking it for a URL."""

    def __init__(self, served_by: str):
        super().__init__()
        self.served_by = served_by

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
        raise ValueError(f"Private files have no public URL; {self.served_by} serves them.")
