from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

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
        "commitments",
    )


def commitment_list() -> QuerySet[Commitment]:
    """Commitments with their partnership and city, and the slugs of the published initiatives they are linked to
    (`published_initiatives`): two queries whatever the number of rows."""
    initiatives = Commitment._meta.get_field("initiatives").related_model.objects.filter(is_published=True)
    return Commitment.objects.with_city().prefetch_related(
        Prefetch("initiatives", queryset=initiatives.only("pk", "slug"), to_attr="published_initiatives")
    )
