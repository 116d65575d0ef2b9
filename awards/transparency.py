"""Figures of the partnership pages: the Lutèces d'Or run through a partnership (nominations that count, that
is confirmed by their nominator, and prizes given in published results)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Laureate, Nomination

FIGURES = [
    ("award_nominations", _("Propositions confirmées aux Lutèces d'Or")),
    ("award_prizes", _("Prix décernés aux Lutèces d'Or")),
]


def compute(partnership_ids: list[int]) -> dict[str, dict[int, int]]:
    partnership = "category__edition__partnership_id"
    nominations = (
        Nomination.objects.counted()
        .filter(**{f"{partnership}__in": partnership_ids})
        .order_by()
        .values_list(partnership)
        .annotate(n=Count("pk"))
    )
    prizes = (
        Laureate.objects.filter(
            **{f"{partnership}__in": partnership_ids}, category__edition__results_published_at__isnull=False
        )
        .order_by()
        .values_list(partnership)
        .annotate(n=Count("pk"))
    )
    return {"award_nominations": dict(nominations), "award_prizes": dict(prizes)}
