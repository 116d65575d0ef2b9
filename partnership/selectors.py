from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import PartnerRoleAssignment, Partnership


def partnership_list() -> QuerySet[Partnership]:
    return (
        Partnership.objects.select_related("city")
        .prefetch_related(Prefetch("roles", queryset=PartnerRoleAssignment.objects.select_related("organisation")))
        .annotate(
            initiative_count=Count("initiatives", filter=Q(initiatives__is_published=True), distinct=True),
            commitment_count=Count("commitments", distinct=True),
        )
    )


def partnership_detail_queryset() -> QuerySet[Partnership]:
    return Partnership.objects.select_related("city").prefetch_related(
        Prefetch("roles", queryset=PartnerRoleAssignment.objects.select_related("organisation")),
        "signatories__organisation",
        "commitments",
    )
