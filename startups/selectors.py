"""Reads: the joins and annotations each page needs, in one place."""

from __future__ import annotations

from django.db.models import Count, F, FloatField, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Cast

from .models import Application, Call, Criterion, ReviewAssignment, Score, StatusChange
from .permissions import is_reviewer


def call_list() -> QuerySet[Call]:
    return Call.objects.with_city().select_related("initiative__category")


def open_calls() -> QuerySet[Call]:
    return call_list().open().order_by("closes_at", "pk")


def upcoming_calls() -> QuerySet[Call]:
    return call_list().upcoming().order_by("opens_at", "pk")


def call_detail_queryset() -> QuerySet[Call]:
    return (
        call_list()
        .published()
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("order", "pk")))
    )


def weighted_average_subquery() -> Subquery:
    """Σ(score × weight) / Σ(weight) over every score given to the application, as one subquery."""
    scores = (
        Score.objects.filter(assignment__application=OuterRef("pk"))
        .order_by()
        .values("assignment__application")
        .annotate(
            average=Cast(Sum(F("score") * F("criterion__weight")), FloatField())
            / Cast(Sum("criterion__weight"), FloatField())
        )
        .values("average")
    )
    return Subquery(scores, output_field=FloatField())


def applications_for_staff() -> QuerySet[Application]:
    """The admin list: one query whatever the number of rows (recommendation, average, reviewers counted)."""
    return (
        Application.objects.with_city()
        .select_related("applicant", "recommendation__organisation")
        .annotate(
            weighted_average=weighted_average_subquery(),
            reviewer_count=Count("assignments", distinct=True),
        )
    )


def applications_of(user) -> QuerySet[Application]:
    """'Mes candidatures': the person's files with their timeline, in two queries."""
    return (
        Application.objects.filter(applicant=user)
        .with_city()
        .select_related("call__initiative__category", "recommendation__organisation")
        .prefetch_related(Prefetch("status_changes", queryset=StatusChange.objects.order_by("created_at", "pk")))
        .order_by("-created_at", "-pk")
    )


def application_for_applicant(user, pk: int) -> Application:
    return applications_of(user).get(pk=pk)


def assignments_of(reviewer) -> QuerySet[ReviewAssignment]:
    return (
        ReviewAssignment.objects.filter(reviewer=reviewer)
        .with_city()
        .annotate(
            score_count=Count("scores", distinct=True),
            criterion_count=Count("application__call__criteria", distinct=True),
        )
        .order_by("-assigned_at", "-pk")
    )


def assignment_for_reviewer(reviewer, pk: int) -> ReviewAssignment:
    """The reviewer's assignment; DoesNotExist once they have left the reviewers group."""
    if not is_reviewer(reviewer):
        raise ReviewAssignment.DoesNotExist
    return (
        ReviewAssignment.objects.filter(reviewer=reviewer)
        .with_city()
        .select_related("application__call__initiative__category", "application__recommendation__organisation")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .get(pk=pk)
    )


def reviewer_candidates():
    """Users who may be assigned: active members of the reviewers group."""
    from django.contrib.auth import get_user_model

    from accounts.roles import REVIEWERS

    return get_user_model().objects.filter(is_active=True, groups__name=REVIEWERS).order_by("email")
