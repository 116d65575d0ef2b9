"""Reads of the commitments' follow-up: a partnership's timeline, a commitment's public page."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from partnership.models import Commitment, Partnership

from .models import ProgressUpdate, Question


def _public_updates() -> QuerySet[ProgressUpdate]:
    return ProgressUpdate.objects.public().order_by("-created_at", "-pk")


def _answered_questions() -> QuerySet[Question]:
    return Question.objects.answered().order_by("-answered_at", "-pk")


def timeline(partnership: Partnership) -> list[Commitment]:
    """The partnership's commitments, each with its public updates (newest first: `public_updates`) and its
    answered questions (`answered_questions`). Three queries, whatever the number of rows."""
    return list(
        Commitment.objects.filter(partnership=partnership)
        .order_by("order", "pk")
        .prefetch_related(
            Prefetch("progress_updates", queryset=_public_updates(), to_attr="public_updates"),
            Prefetch("questions", queryset=_answered_questions(), to_attr="answered_questions"),
        )
    )


def commitment_public(pk: int) -> Commitment | None:
    return (
        Commitment.objects.with_city()
        .prefetch_related(
            Prefetch("progress_updates", queryset=_public_updates(), to_attr="public_updates"),
            Prefetch("questions", queryset=_answered_questions(), to_attr="answered_questions"),
        )
        .filter(pk=pk)
        .first()
    )
