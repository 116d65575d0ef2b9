from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from common import page_cache

from .constants import ScorecardTopic
from .models import (
    Commitment,
    PartnerContribution,
    PartnerRoleAssignment,
    Partnership,
    ProcurementRecord,
    ScorecardClause,
)


def partnership_list() -> QuerySet[Partnership]:
    return (
        Partnership.objects.select_related("city")
        .prefetch_related(Prefetch("roles", queryset=PartnerRoleAssignment.objects.select_related("organisation")))
        .annotate(**{name: _literal(values) for name, values in _counts().items()})
    )


def _counts() -> dict[str, dict[int, int]]:
    """Published initiatives and commitments per partnership, counted once per change of the data (kept
    under the page cache's versions, common.page_cache.remember): the lists of partnerships cost the same at
    500 and 50,000 initiatives. (Two counts over joins multiplied the initiatives by the commitments.)"""
    initiatives = Partnership.initiatives.rel.related_model.objects.filter(is_published=True)

    def compute() -> dict[str, dict[int, int]]:
        rows = Partnership.objects.order_by().values_list(
            "pk", _count(initiatives), _count(Commitment.objects.all())
        )  # one query
        counts: dict[str, dict[int, int]] = {"initiative_count": {}, "commitment_count": {}}
        for pk, initiative_count, commitment_count in rows:
            counts["initiative_count"][pk] = initiative_count
            counts["commitment_count"][pk] = commitment_count
        return counts

    return page_cache.remember("partnership_counts", compute, depends_on=("initiatives", "partnership"))


def _count(rows: QuerySet) -> Coalesce:
    counted = rows.filter(partnership=OuterRef("pk")).order_by().values("partnership").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n"), output_field=IntegerField()), Value(0))


def _literal(values: dict[int, int]) -> Case | Value:
    """The counts as a SQL expression of constants (a partnership not listed has 0)."""
    if not values:
        return Value(0, output_field=IntegerField())
    whens = [When(pk=pk, then=Value(count)) for pk, count in values.items()]
    return Case(*whens, default=Value(0), output_field=IntegerField())


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


# --- the scorecard ------------------------------------------------------------------------------------------


@dataclass
class ScorecardRow:
    """One line of a partnership's scorecard: what is published on a topic (with each item's source), or
    nothing, and then the page says "non publié"."""

    key: str
    label: str
    items: list = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return not self.items


CONTRIBUTIONS = "contributions"
PROCUREMENT = "procurement"


def scorecard_labels() -> list[tuple[str, str]]:
    """(key, label) of every line, in the order of the page: contributions, the clauses' topics, procurement."""
    return [
        (CONTRIBUTIONS, _("Ce que chaque partenaire apporte")),
        *((topic.value, topic.label) for topic in ScorecardTopic),
        (PROCUREMENT, _("Marchés publics liés")),
    ]


def scorecards(partnerships: list[Partnership]) -> dict[int, list[ScorecardRow]]:
    """The scorecard of each partnership (its pk -> its rows, every row present, missing ones empty), in three
    queries whatever the number of partnerships."""
    ids = [p.pk for p in partnerships]
    by_pk = {p.pk: p for p in partnerships}
    cards = {pk: {key: ScorecardRow(key, label) for key, label in scorecard_labels()} for pk in ids}
    contributions = (
        PartnerContribution.objects.filter(partnership_id__in=ids)
        .select_related("organisation")
        .order_by("partnership_id", "order", "pk")
    )
    for contribution in contributions:
        cards[contribution.partnership_id][CONTRIBUTIONS].items.append(contribution)
    for clause in ScorecardClause.objects.filter(partnership_id__in=ids).order_by("partnership_id", "order", "pk"):
        clause.partnership = by_pk[clause.partnership_id]  # its document's address names the partnership
        cards[clause.partnership_id][clause.topic].items.append(clause)
    records = ProcurementRecord.objects.filter(partnership_id__in=ids).order_by("partnership_id", "-notified_on", "pk")
    for record in records:
        cards[record.partnership_id][PROCUREMENT].items.append(record)
    return {pk: list(rows.values()) for pk, rows in cards.items()}
