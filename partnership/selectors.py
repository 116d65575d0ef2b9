from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Commitment, PartnerRoleAssignment, Partnership


def partnership_list() -> QuerySet[Partnership]:
    return (
        Partnership.objects.select_related("city")
        .prefetch_related(Prefetch("roles", queryset=PartnerRoleAssignment.objects.select_related("organisation")))
        .annotate(
            initiative_count=_count(Partnership.initiatives.rel.related_model.objects.filter(is_published=True)),
            commitment_count=_count(Commitment.objects.all()),
        )
    )


def _count(rows: QuerySet) -> Coalesce:
    """The number of `rows` of each partnership, as a correlated subquery: one index range per partnership.
    (Two counts over joins multiplied the initiatives by the commitments: seconds at 50,000 initiatives.)"""
    counted = rows.filter(partnership=OuterRef("pk")).order_by().values("partnership").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n"), output_field=IntegerField()), Value(0))


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
