"""Reads of the Lutèces d'Or, with their relations loaded: a fixed number of queries whatever the rows."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from .constants import COUNTED_STATUSES, NominationStatus
from .models import Category, Conflict, Edition, Juror, Laureate, Nomination, Score


def edition_list() -> QuerySet[Edition]:
    return Edition.objects.published().with_city().order_by("-nominations_open_at", "pk")


def edition_public(slug: str) -> Edition | None:
    return edition_list().filter(slug=slug).first()


def categories_with_nominations(edition: Edition, *, with_votes: bool) -> list[Category]:
    """The edition's categories, each with its accepted nominations (`shown`), the number of nominations that
    count (confirmed by their nominator) and, when `with_votes`, each nomination's vote count (`vote_count`)."""
    nominations = Nomination.objects.accepted().order_by("name", "pk")
    if with_votes:
        nominations = nominations.annotate(vote_count=Count("votes"))
    return list(
        Category.objects.filter(edition=edition)
        .annotate(counted=Count("nominations", filter=Q(nominations__status__in=COUNTED_STATUSES)))
        .prefetch_related(Prefetch("nominations", queryset=nominations, to_attr="shown"))
        .order_by("order", "pk")
    )


def laureates_of(edition: Edition) -> list[Laureate]:
    return list(
        Laureate.objects.filter(category__edition=edition)
        .select_related("category", "nomination")
        .order_by("category__order", "category_id", "prize")
    )


def juror_of(user, edition: Edition) -> Juror | None:
    if not user.is_authenticated:
        return None
    return Juror.objects.filter(edition=edition, user=user).select_related("edition").first()


def jury_nominations(juror: Juror) -> list[Nomination]:
    """The accepted nominations of the juror's edition, each with `in_conflict` and `scored` (by this juror)."""
    return list(
        Nomination.objects.filter(category__edition_id=juror.edition_id, status=NominationStatus.ACCEPTED)
        .select_related("category")
        .annotate(
            in_conflict=Exists(Conflict.objects.filter(juror=juror, nomination=OuterRef("pk"))),
            scored=Exists(Score.objects.filter(juror=juror, nomination=OuterRef("pk"))),
        )
        .order_by("category__order", "category_id", "name", "pk")
    )


def open_data_nominations() -> QuerySet[Nomination]:
    return (
        Nomination.objects.accepted()
        .filter(category__edition__is_published=True)
        .with_city()
        .order_by("category__edition_id", "category__order", "category_id", "name", "pk")
    )


def open_data_laureates() -> QuerySet[Laureate]:
    return (
        Laureate.objects.filter(
            category__edition__is_published=True, category__edition__results_published_at__isnull=False
        )
        .with_city()
        .select_related("nomination")
        .order_by("category__edition_id", "category__order", "category_id", "prize")
    )
