"""Where pitch decks live: under settings.PRIVATE_MEDIA_ROOT, which no URL serves.

Files are read only through `startups.views.pitch_deck_download`, which checks who is asking.
"""

from __future__ import annotations

import uuid

from common.storage import PrivateStorage

_private_storage = PrivateStorage(served_by="startups.views.pitch_deck_download")


def private_storage() -> PrivateStorage:
    return _private_storage


def pitch_deck_path(instance, filename: str) -> str:
    """A random name: the person's file name is kept in the row, never used on disk."""
    return f"startups/pitch-decks/call-{instance.call_id}/{uuid.uuid4().hex}.pdf"
