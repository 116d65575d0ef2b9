"""The directory of digital-inclusion places, a page per place, and the open-data downloads."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common.forms import add_service_errors
from common.middleware import permissions_policy_header
from common.time import city_localtime

from .. import hours
from ..filters import PlaceFilter
from ..forms import NearForm, PlaceReportForm
from ..mednum import COLUMNS, SCHEMA_NAME, SCHEMA_URL, SCHEMA_VERSION
from ..opendata import PLACES
from ..selectors import (
    NEAR_RADIUS_KM,
    distance_km,
    near_point,
    place_actions,
    place_detail_queryset,
    place_directory,
    place_map_bounds,
    place_map_data,
    place_open_data,
    places_near,
)
from ..services import place_report_create
from ..throttling import REPORTS_PER_ADDRESS_PER_HOUR, over_limit

PAGE_SIZE = 20
# Up to this many places the map's markers come with the page; beyond it the map asks the API for the places
# of the area it shows (/api/v1/places.geojson?bbox=...), as it moves.
MAP_EMBED_MAX = 300
# "Near me" asks the browser's position, on a click: the directory alone lets the page itself ask for it.
NEAR_ME_PERMISSIONS_POLICY = permissions_policy_header({**settings.PERMISSIONS_POLICY, "geolocation": ["self"]})


def _api_query(filterset: PlaceFilter) -> str:
    """The directory's filters as the API's parameters (same names; true/false for the check boxes)."""
    if not filterset.is_bound or not filterset.form.is_valid():
        return ""
    values = {}
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "", False):
            continue
        values[name] = "true" if value is True else getattr(value, "slug", value)
    return urlencode(values)


def place_directory_view(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    near_form = NearForm(request.GET or None)
    near = None  # read first: an unknown postcode is said next to its field, whatever the list shows
    if near_form.is_valid() and near_form.cleaned_data["pres_de"].strip():
        near = near_point(near_form.cleaned_data["pres_de"])
        if near is None:
            near_form.add_error(
                "pres_de",
                _(
                    "Nous ne connaissons aucun lieu à ce code postal ou dans cette commune. Vérifiez l'orthographe, "
                    "essayez un code postal voisin ou parcourez la liste."
                ),
            )
    filterset = SimpleLazyObject(lambda: PlaceFilter(request.GET or None, queryset=place_directory(), now=now))

    def listing() -> dict:
        """The places, their map and their count, the same for everyone: read only when the template renders
        them (a copy kept under the content versions and the minute, {% remember %} in the template, costs no
        query)."""
        places = filterset.qs if near is None else places_near(filterset.qs, near)
        page = Paginator(places, PAGE_SIZE).get_page(request.GET.get("page"))
        for place in page:
            place.state = hours.state_at(place.opening_hours, now)
            place.distance_km = distance_km(place)
        by_area = page.paginator.count > MAP_EMBED_MAX
        return {
            "page_obj": page,
            "map_data": [] if by_area else place_map_data(places, now),
            "map_api_url": f"{reverse('api:places_geojson')}?{_api_query(filterset)}" if by_area else "",
            "map_bounds": place_map_bounds(places) if by_area else None,
        }

    query = request.GET.copy()
    query.pop("page", None)
    response = render(
        request,
        "initiatives/place_list.html",
        {
            "filter": filterset,
            "near_form": near_form,
            "near": near,
            "near_radius": NEAR_RADIUS_KM,
            "listing": SimpleLazyObject(listing),
            "query_without_page": query.urlencode(),
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )
    response["Permissions-Policy"] = NEAR_ME_PERMISSIONS_POLICY
    return response


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


def place_print_view(request: HttpRequest, slug: str) -> HttpResponse:
    """A sheet to print and hand out: address, hours of the week, services, how to get there, contact."""
    place = get_object_or_404(place_detail_queryset(), slug=slug)
    now = timezone.now()
    return render(
        request,
        "initiatives/place_print.html",
        {
            "place": place,
            "week": hours.week_schedule(place.opening_hours, city_localtime(now).date()),
            "page_url": request.build_absolute_uri(place.get_absolute_url()),
            "printed_on": city_localtime(now).date(),
        },
    )


def place_report_view(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Report an error": no account; a trap field for robots and a limit per address, as the other public forms."""
    place = get_object_or_404(place_detail_queryset(), slug=slug)
    form = PlaceReportForm(request.POST or None)
    if request.method == "POST":
        if over_limit(request, "place_report", REPORTS_PER_ADDRESS_PER_HOUR):
            return render(request, "429.html", status=429)
        if form.is_robot:
            return redirect("places:report_sent", slug=place.slug)  # dropped quietly, as if sent
        if form.is_valid():
            try:
                place_report_create(
                    place=place,
                    topic=form.cleaned_data["topic"],
                    message=form.cleaned_data["message"],
                    language=get_language(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("places:report_sent", slug=place.slug)
    return render(request, "initiatives/place_report.html", {"place": place, "form": form})


def place_report_sent_view(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(place_detail_queryset(), slug=slug)
    return render(request, "initiatives/place_report_sent.html", {"place": place})


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
