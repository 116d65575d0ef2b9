"""Reads of the catalogue: one place that knows the joins and the search."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from .models import Initiative, Place


def initiative_list() -> QuerySet[Initiative]:
    return Initiative.objects.published().select_related("partnership__city", "category", "place")


def initiative_detail_queryset() -> QuerySet[Initiative]:
    return initiative_list().prefetch_related("commitments", "partnership__roles__organisation")


def initiative_search(queryset: QuerySet[Initiative], text: str) -> QuerySet[Initiative]:
    """Full-text search, French stemming and ranking on PostgreSQL; a plain substring match elsewhere."""
    text = text.strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        vector = (
            SearchVector("title_fr", weight="A", config="french")
            + SearchVector("summary_fr", weight="B", config="french")
            + SearchVector("description_fr", weight="C", config="french")
            + SearchVector("title_en", weight="A", config="english")
            + SearchVector("summary_en", weight="B", config="english")
            + SearchVector("description_en", weight="C", config="english")
        )
        query = SearchQuery(text, config="french", search_type="websearch") | SearchQuery(
            text, config="english", search_type="websearch"
        )
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "pk")
        )
    condition = Q()
    for field in ("title", "summary", "description"):
        for language in ("fr", "en"):
            condition |= Q(**{f"{field}_{language}__icontains": text})
    return queryset.filter(condition)


def place_list() -> QuerySet[Place]:
    return Place.objects.select_related("city")
