"""Where evidence documents live: under settings.PRIVATE_MEDIA_ROOT, which no URL serves. A document is read
only through `commitments.views.evidence`, which serves it once the partner has attested the update (and to
the city's staff before that)."""

from __future__ import annotations

import uuid

from common.storage import PrivateStorage

_private_storage = PrivateStorage(served_by="commitments.views.evidence")


def private_storage() -> PrivateStorage:
    return _private_storage


def evidence_path(instance, filename: str) -> str:
    """A random name: the name the person sent is kept apart (evidence_name), never used as a path."""
    return f"commitments/evidence/{uuid.uuid4().hex}.pdf"
