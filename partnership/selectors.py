from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from initiatives.models import Initiative

from .models import Commitment, PartnerRoleAssignment, Partnership


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
        Prefetch("commitments", queryset=Commitment.objects.prefetch_related("initiatives")),
        Prefetch(
            "initiatives",
            queryset=Initiative.objects.published().select_related("category", "place"),
        ),
    )
