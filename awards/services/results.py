"""Publishing the results: the jury's prize in each category goes to the accepted nomination with the best
weighted score (each juror's weighted mean over the criteria, averaged over the jurors who scored it); the
public's prize, in categories with a vote, to the one with the most votes. Ties go to the earlier nomination."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from partnership.scoping import may_act_for_city

from ..constants import NominationStatus, Prize
from ..models import Category, Criterion, Edition, Laureate, Nomination, Score, Vote


def weighted_scores(edition: Edition) -> dict[int, Decimal]:
    """Nomination id -> its weighted score out of 5, from every juror who scored every criterion."""
    weights = dict(Criterion.objects.filter(edition=edition).values_list("pk", "weight"))
    total_weight = sum(weights.values())
    per_juror: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    for juror_id, nomination_id, criterion_id, value in Score.objects.filter(
        nomination__category__edition=edition
    ).values_list("juror_id", "nomination_id", "criterion_id", "value"):
        per_juror[(juror_id, nomination_id)][criterion_id] = value
    means: dict[int, list[Decimal]] = defaultdict(list)
    for (_juror, nomination_id), values in per_juror.items():
        if total_weight and set(values) == set(weights):
            means[nomination_id].append(Decimal(sum(weights[c] * v for c, v in values.items())) / Decimal(total_weight))
    return {
        nomination_id: (sum(values) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        for nomination_id, values in means.items()
    }


@transaction.atomic
def results_publish(*, edition: Edition, by) -> list[Laureate]:
    edition = Edition.objects.select_for_update(of=("self",)).with_city().get(pk=edition.pk)
    if not may_act_for_city(by, edition):
        raise ValidationError(_("Seuls les agents de la ville de cette édition publient ses résultats."))
    if edition.results_published_at:
        raise ValidationError(_("Les résultats de cette édition sont déjà publiés."), code="already_published")
    now = timezone.now()
    if now < edition.jury_closes_at or (edition.vote_closes_at and now < edition.vote_closes_at):
        raise ValidationError(
            _("Le jury délibère ou le vote du public est ouvert : publiez les résultats après leur clôture."),
            code="too_early",
        )
    scores = weighted_scores(edition)
    votes = dict(
        Vote.objects.filter(category__edition=edition)
        .values("nomination")
        .annotate(n=Count("pk"))
        .values_list("nomination", "n")
    )
    nominations = defaultdict(list)
    for nomination in Nomination.objects.filter(category__edition=edition, status=NominationStatus.ACCEPTED).order_by(
        "created_at", "pk"
    ):
        nominations[nomination.category_id].append(nomination)
    laureates = []
    for category in Category.objects.filter(edition=edition):
        candidates = nominations.get(category.pk, [])
        scored = [n for n in candidates if n.pk in scores]
        if scored:
            best = max(scored, key=lambda n: scores[n.pk])  # max keeps the first of equals: the earlier one
            laureates.append(
                Laureate(
                    category=category,
                    nomination=best,
                    prize=Prize.JURY,
                    jury_score=scores[best.pk],
                    votes=votes.get(best.pk) if category.public_vote else None,
                )
            )
        voted = [n for n in candidates if votes.get(n.pk)]
        if category.public_vote and voted:
            best = max(voted, key=lambda n: votes[n.pk])
            laureates.append(
                Laureate(
                    category=category,
                    nomination=best,
                    prize=Prize.PUBLIC,
                    jury_score=scores.get(best.pk),
                    votes=votes[best.pk],
                )
            )
    for laureate in laureates:
        laureate.full_clean()
    Laureate.objects.bulk_create(laureates)
    edition.results_published_at = now
    edition.save()
    return laureates
