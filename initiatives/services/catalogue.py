"""Writes on the catalogue of initiatives."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ..models import Initiative


@transaction.atomic
def initiative_save(*, initiative: Initiative, was_published: bool) -> Initiative:
    """Save an initiative edited by staff. Publishing it (again) dates its publication, which is what the
    alert digest announces: an initiative drafted last month and published today is news today."""
    if initiative.is_published and not was_published:
        initiative.published_at = timezone.now()
    initiative.full_clean()
    initiative.save()
    return initiative
