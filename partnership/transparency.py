"""What each partnership actually delivered: figures computed from the data, never typed in.

Each figure is a (key, label) and a function computing it for many partnerships in a few aggregate
queries. Apps add theirs in `<app>/transparency.py` (the catalogue's are in `initiatives/transparency.py`):

    FIGURES = [("applications_received", _("Candidatures reçues")), ...]
    def compute(partnership_ids: list[int]) -> dict[str, dict[int, int]]   # key -> partnership id -> value

Figures are read in the order of settings.LOCAL_APPS, the partnership's own first. They are gathered here
rather than in the pages layer because the partnership's admin page shows them too; the gathering goes
through `common.app_hooks`, so this app imports none of the apps it reads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from common import page_cache
from common.app_hooks import app_modules

from .constants import CommitmentStatus
from .models import Commitment, Partnership

FIGURES = [
    ("commitments", _("Engagements")),
    ("commitments_delivered", _("Engagements tenus")),
    ("commitments_progress", _("Avancement moyen des engagements (%)")),
]


def compute(partnership_ids: list[int]) -> dict[str, dict[int, int]]:
    commitments = (
        Commitment.objects.filter(partnership_id__in=partnership_ids)
        .order_by()
        .values("partnership_id")
        .annotate(
            total=Count("pk"),
            delivered=Count("pk", filter=Q(status=CommitmentStatus.DELIVERED)),
            progress=Avg("progress"),
        )
    )
    result: dict[str, dict[int, int]] = {key: {} for key, _label in FIGURES}
    for row in commitments:
        result["commitments"][row["partnership_id"]] = row["total"]
        result["commitments_delivered"][row["partnership_id"]] = row["delivered"]
        result["commitments_progress"][row["partnership_id"]] = round(row["progress"] or 0)
    return result


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int


def _sources() -> Iterable:
    return [module for _app, module in app_modules("transparency")]


def figure_labels() -> list[tuple[str, str]]:
    return [pair for source in _sources() for pair in source.FIGURES]


def figure_values(ids: list[int]) -> dict[str, dict[int, int]]:
    """Every source's values for these partnerships, computed once per change of the data: kept in the cache
    under the content version of every app (common.page_cache.remember), since any app may count its rows
    here. Same numbers for everyone, logged in or not; the labels are translated when read."""

    def compute() -> dict[str, dict[int, int]]:
        values: dict[str, dict[int, int]] = {}
        for source in _sources():
            values.update(source.compute(ids))
        return values

    digest = hashlib.sha256(",".join(map(str, sorted(ids))).encode()).hexdigest()[:32]
    return page_cache.remember(f"figures:{digest}", compute)


def partnership_figures(partnerships: Iterable[Partnership]) -> dict[int, list[Figure]]:
    """Every figure for every partnership given: {partnership id: [Figure, ...]} in a fixed order."""
    ids = [p.pk for p in partnerships]
    figures: dict[int, list[Figure]] = {pk: [] for pk in ids}
    values = figure_values(ids)
    for source in _sources():
        for key, label in source.FIGURES:
            for pk in ids:
                figures[pk].append(Figure(key=key, label=str(label), value=values.get(key, {}).get(pk, 0)))
    return figures
