"""The directory of digital-inclusion places, a page per place, and the open-data downloads."""

from __future__ import annotations

import csv

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from common.spreadsheets import safe_row
from common.time import city_localtime

from .. import hours
from ..filters import PlaceFilter
from ..mednum import COLUMNS, SCHEMA_NAME, SCHEMA_VERSION, place_to_row
from ..selectors import place_actions, place_detail_queryset, place_directory, place_map_data, place_open_data

PAGE_SIZE = 20
CSV_NAME = "lieux-mediation-numerique.csv"
JSON_NAME = "lieux-mediation-numerique.json"


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
            "csv_name": CSV_NAME,
            "json_name": JSON_NAME,
        },
    )


def _open_data_headers(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["X-License"] = "Licence Ouverte 2.0 (etalab-2.0)"
    return response


def places_csv(request: HttpRequest) -> HttpResponse:
    """Every digital-inclusion place in the national schema, as CSV (comma, UTF-8, header row)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.DictWriter(response, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for place in place_open_data().iterator(chunk_size=500):
        writer.writerow(safe_row(place_to_row(place)))  # None becomes "", "=..." stays text in a spreadsheet
    return _open_data_headers(response, CSV_NAME)


def places_json(request: HttpRequest) -> HttpResponse:
    """The same rows as JSON: a list of objects keyed by the schema's column names."""
    rows = [place_to_row(place) for place in place_open_data().iterator(chunk_size=500)]
    response = JsonResponse(rows, safe=False, json_dumps_params={"ensure_ascii": False, "indent": 1})
    return _open_data_headers(response, JSON_NAME)
