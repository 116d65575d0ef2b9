"""Reads of the catalogue: one place that knows the joins and the search."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass
from functools import partial

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Avg, ExpressionWrapper, F, FloatField, Func, Max, Min, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast
from django.db.models.lookups import Contains
from django.utils.translation import get_language

from common import page_cache
from common.app_hooks import InitiativeAction, app_modules, initiative_actions

from . import hours, search
from .models import Initiative, Place

ACTIONS_CLOCK = 60  # seconds: an initiative's next slot or session is read again at least this often


def initiative_list() -> QuerySet[Initiative]:
    return Initiative.objects.published().with_city().select_related("category", "place")


def initiative_detail_queryset() -> QuerySet[Initiative]:
    return initiative_list().prefetch_related("commitments", "partnership__roles__organisation")


def with_actions(initiatives) -> list[Initiative]:
    """The initiatives, each with `actions` (what it leads to: book, register, apply, find a place...) and
    `primary_actions` / `other_actions`. Every app registers its provider in `common.app_hooks.initiative_actions`
    (`<app>/initiative_actions.py`), so this app imports none of them; each provider answers for all the
    initiatives at once, so the number of queries does not grow with them."""
    initiatives = list(initiatives)
    found: dict[int, list[InitiativeAction]] = {initiative.pk: [] for initiative in initiatives}
    if initiatives:
        digest = hashlib.sha256(",".join(str(pk) for pk in sorted(found)).encode()).hexdigest()[:32]
        for provider in initiative_actions.providers():
            # The same for every visitor: kept once per content version of the provider's app (a seat taken
            # bumps it) and per minute (the next slot or session moves with the clock).
            app_label = provider.__module__.split(".", 1)[0]
            provided = page_cache.remember(
                f"actions:{provider.__module__}:{get_language()}:{digest}",
                partial(provider, initiatives),
                depends_on=(app_label, "initiatives"),
                clock=ACTIONS_CLOCK,
            )
            for pk, actions in provided.items():
                found[pk].extend(actions)
    for initiative in initiatives:
        initiative.actions = found[initiative.pk]
        initiative.primary_actions = [action for action in initiative.actions if action.primary]
        initiative.other_actions = [action for action in initiative.actions if not action.primary]
    return initiatives


def initiative_search(queryset: QuerySet[Initiative], text: str) -> QuerySet[Initiative]:
    """Full-text search (initiatives/search.py): on PostgreSQL the stored, GIN-indexed vector, French and
    English stemming with accents folded, ranked title > summary > description; elsewhere a substring match
    on the texts with accents and case folded."""
    text = text.strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=search.FRENCH, search_type="websearch") | SearchQuery(
            text, config=search.ENGLISH, search_type="websearch"
        )
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "pk")
        )
    folded = search.fold(text)
    condition = Q()
    for column in search.TEXT_COLUMNS:
        condition |= Q(Contains(Func(F(column), function="pn_fold", output_field=TextField()), folded))
    return queryset.filter(condition)


def place_list() -> QuerySet[Place]:
    return Place.objects.select_related("city")


# --- Digital-inclusion places ------------------------------------------------------------------------------


def place_directory() -> QuerySet[Place]:
    """The digital-inclusion centres a citizen can look for."""
    return Place.objects.inclusion_centres().select_related("city").order_by("name", "pk")


def has_code(field: str, code: str) -> Q:
    """Rows whose JSON list `field` holds `code`: JSON containment on PostgreSQL (`@>`); on SQLite a
    match of the quoted code in the JSON text (codes are slugs: `"code"` cannot occur inside another)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [code]})
    return Q(**{f"{field}__icontains": f'"{code}"'})


def places_open_at(queryset: QuerySet[Place], instant: dt.datetime) -> QuerySet[Place]:
    """The places of `queryset` open at `instant`. Hours are evaluated in Python (OSM syntax is no SQL),
    on two columns only: one query, whatever the number of places."""
    open_ids = [
        pk
        for pk, expression in queryset.values_list("pk", "opening_hours")
        if expression and hours.is_open_at(expression, instant)
    ]
    return queryset.filter(pk__in=open_ids)


def postcode_label(postcode: str) -> str:
    """ "75020 (Paris 20e)": the arrondissement is what people in Paris, Lyon and Marseille name."""
    for prefix, town, count in (
        ("750", "Paris", 20),
        ("7511", "Paris", 16),
        ("6900", "Lyon", 9),
        ("130", "Marseille", 16),
    ):
        if postcode.startswith(prefix):
            number = int(postcode[-2:])
            if 1 <= number <= count:
                return f"{postcode} ({town} {number}{'er' if number == 1 else 'e'})"  # a French place name
    return postcode


def place_postcodes() -> list[tuple[str, str]]:
    codes = place_directory().order_by().values_list("postcode", flat=True).distinct()
    return [(code, postcode_label(code)) for code in sorted(set(codes))]


def place_map_data(queryset: QuerySet[Place], instant: dt.datetime) -> list[dict]:
    """What the map needs, as JSON-ready values: one query on the filtered places."""
    rows = queryset.exclude(latitude__isnull=True).exclude(longitude__isnull=True)
    data = []
    for place in rows.select_related(None).only(
        "pk", "name", "slug", "address", "postcode", "town", "latitude", "longitude", "opening_hours"
    ):
        state = hours.state_at(place.opening_hours, instant)
        data.append(
            {
                "name": place.name,
                "slug": place.slug,
                "url": place.get_absolute_url(),
                "address": f"{place.address}, {place.postcode} {place.town}",
                "lat": float(place.latitude),
                "lng": float(place.longitude),
                "open": state.is_open if state.known else None,
            }
        )
    return data


def place_detail_queryset() -> QuerySet[Place]:
    return Place.objects.select_related("city")


def place_actions(place: Place) -> list[dict[str, str]]:
    """What other apps offer at this place, as links for its page (e.g. the sports space's "book a slot").
    Each app may provide `<app>/place_actions.py` with `actions(place) -> [{"label": ..., "url": ...}]`, so
    this app imports none of them."""
    return [action for _app, module in app_modules("place_actions") for action in module.actions(place)]


def place_open_data() -> QuerySet[Place]:
    return place_directory().order_by("pk")


# --- Near a postcode or a commune (no geocoder: the centre of the portal's own places there) ----------------

KM_PER_DEGREE = 111.195  # a degree of latitude (and of longitude at the equator), in kilometres
NEAR_RADIUS_KM = 30  # places further than this from the point are left out of a "near" search


@dataclass(frozen=True)
class NearPoint:
    """Where a "near" search measures from: the centre of the places of a postcode or a commune."""

    label: str  # "75011" or "Lyon", as the person reads it
    latitude: float
    longitude: float


def _normalised_words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", search.fold(text)).split())


def near_point(text: str) -> NearPoint | None:
    """The point of a postcode (five digits anywhere in the text: "12 rue X, 75011 Paris" counts) or of a
    commune named in the text ("Lyon", "saint-denis"), computed from the places' coordinates; None when the
    portal has no located place there. Two queries at most, whatever the number of places."""
    located = place_directory().exclude(latitude__isnull=True).exclude(longitude__isnull=True).order_by()
    postcode = re.search(r"(?<!\d)(\d{5})(?!\d)", text or "")
    if postcode:
        rows = located.filter(postcode=postcode.group(1))
        label = postcode.group(1)
    else:
        wanted = f" {_normalised_words(text)} "
        if not wanted.strip():
            return None
        towns = sorted(set(located.values_list("town", flat=True)), key=len, reverse=True)  # "Lyon 3e" before "Lyon"
        town = next((town for town in towns if f" {_normalised_words(town)} " in wanted), None)
        if town is None:
            return None
        rows = located.filter(town=town)
        label = town
    centre = rows.aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
    if centre["latitude"] is None:
        return None
    return NearPoint(label=label, latitude=float(centre["latitude"]), longitude=float(centre["longitude"]))


def places_near(queryset: QuerySet[Place], point: NearPoint) -> QuerySet[Place]:
    """The places of `queryset` within NEAR_RADIUS_KM of `point`, nearest first, with `distance_squared` (in
    square degrees of latitude). An equirectangular approximation (longitudes scaled by the cosine of the
    point's latitude, a constant): plain arithmetic any database orders by, exact to a few metres in a city."""
    scale = math.cos(math.radians(point.latitude))
    dx = (Cast("longitude", FloatField()) - Value(point.longitude)) * Value(scale)
    dy = Cast("latitude", FloatField()) - Value(point.latitude)
    radius = (NEAR_RADIUS_KM / KM_PER_DEGREE) ** 2
    return (
        queryset.exclude(latitude__isnull=True)
        .exclude(longitude__isnull=True)
        .annotate(distance_squared=ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField()))
        .filter(distance_squared__lte=radius)
        .order_by("distance_squared", "name", "pk")
    )


def distance_km(place: Place) -> float | None:
    """The distance annotated by `places_near`, in kilometres (None without it)."""
    squared = getattr(place, "distance_squared", None)
    return None if squared is None else math.sqrt(max(squared, 0.0)) * KM_PER_DEGREE


def place_map_bounds(queryset: QuerySet[Place]) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the located places of `queryset` (one query), for a map that loads
    its markers by area."""
    box = (
        queryset.exclude(latitude__isnull=True)
        .exclude(longitude__isnull=True)
        .order_by()
        .aggregate(south=Min("latitude"), west=Min("longitude"), north=Max("latitude"), east=Max("longitude"))
    )
    if box["south"] is None:
        return None
    return [[float(box["south"]), float(box["west"])], [float(box["north"]), float(box["east"])]]
