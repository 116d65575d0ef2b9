"""The directory of digital-inclusion places, a page per place, and the open-data downloads."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from common.time import city_localtime

from .. import hours
from ..filters import PlaceFilter
from ..mednum import COLUMNS, SCHEMA_NAME, SCHEMA_URL, SCHEMA_VERSION
from ..opendata import PLACES
from ..selectors import place_actions, place_detail_queryset, place_directory, place_map_data, place_open_data

PAGE_SIZE = 20


def place_directory_view(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    filterset = PlaceFilter(request.GET or None, queryset=place_directory(), now=now)
    places = filterset.qs
    page = Paginator(places, PAGE_SIZE).get_page(request.GET.get("page"))
    for place in page:
        place.state = hours.state_at(place.opening_hours, now)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "initiatives/place_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "query_without_page": query.urlencode(),
            "map_data": place_map_data(places, now),
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


def place_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(place_detail_queryset(), slug=slug)
    now = timezone.now()
    return render(
        request,
        "initiatives/place_detail.html",
        {
            "place": place,
            "actions": place_actions(place),
            "state": hours.state_at(place.opening_hours, now),
            "week": hours.week_schedule(place.opening_hours, city_localtime(now).date()),
            "map_data": place_map_data(place_detail_queryset().filter(pk=place.pk), now),
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


def open_data_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "initiatives/open_data.html",
        {
            "count": place_open_data().count(),
            "columns": COLUMNS,
            "schema_name": SCHEMA_NAME,
            "schema_version": SCHEMA_VERSION,
            "schema_url": SCHEMA_URL,
            "dataset": PLACES,
        },
    )
