"""The API's filters: the public pages' FilterSets (same parameter names and values, so a page's query string
works on the API), plus what a program needs and a page does not (dates, changes since, a bounding box).

A value the filter cannot read is an error (400, naming the parameter), never ignored: `validated()`.
Parameters are English words because the pages' are; the fields of the answers are French (api/schemas.py).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import django_filters
from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from initiatives.filters import InitiativeFilter, PlaceFilter
from initiatives.models import Category
from initiatives.models.places import postcode_validator
from partnership.constants import CommitmentStatus, PartnershipStatus
from partnership.models import City, Commitment, Partnership
from startups.constants import CallState
from startups.models import Call
from training.constants import SessionStatus, Trade
from training.filters import ProgrammeFilter
from training.models import Session

from .http import ApiError

MAX_PAGE_SIZE = 100
MAX_GEOJSON_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 50


def _city() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Ville (identifiant, par exemple « paris »)"),
        field_name="city",
        to_field_name="slug",
        queryset=City.objects.all(),
    )


def _partnership(field_name: str = "partnership") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Partenariat (identifiant)"),
        field_name=field_name,
        to_field_name="slug",
        queryset=Partnership.objects.all(),
    )


def _updated_since(field_name: str = "updated_at") -> django_filters.IsoDateTimeFilter:
    return django_filters.IsoDateTimeFilter(
        label=_("Modifiés depuis (date et heure ISO 8601)"), field_name=field_name, lookup_expr="gte"
    )


class StrictBooleanField(forms.ChoiceField):
    """true/false (or 1/0) in a URL; anything else is an error, not a silent "no filter"."""

    VALUES = {"true": True, "1": True, "false": False, "0": False}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, choices=[(value, value) for value in self.VALUES], **kwargs)

    def clean(self, value):
        value = super().clean(value.lower() if isinstance(value, str) else value)
        return self.VALUES.get(value) if value not in (None, "") else None


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class PaginationForm(forms.Form):
    page = forms.IntegerField(label=pgettext_lazy("api parameter", "Page"), min_value=1, required=False)
    page_size = forms.IntegerField(label=_("Éléments par page"), min_value=1, required=False)

    def __init__(self, *args, max_page_size: int = MAX_PAGE_SIZE, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page_size"].max_value = max_page_size
        self.fields["page_size"].validators.append(MaxValueValidator(max_page_size))


class PartnershipApiFilter(django_filters.FilterSet):
    city = _city()
    status = django_filters.ChoiceFilter(
        label=pgettext_lazy("api parameter", "Statut"), choices=PartnershipStatus.choices
    )
    signed_on = django_filters.DateFromToRangeFilter(label=_("Signé entre (AAAA-MM-JJ)"))
    updated_since = _updated_since()

    class Meta:
        model = Partnership
        fields = ["city", "status", "signed_on", "updated_since"]


class CommitmentApiFilter(django_filters.FilterSet):
    city = django_filters.ModelChoiceFilter(
        label=_("Ville (identifiant)"),
        field_name=Commitment.city_path,
        to_field_name="slug",
        queryset=City.objects.all(),
    )
    partnership = _partnership()
    status = django_filters.ChoiceFilter(
        label=pgettext_lazy("api parameter", "Statut"), choices=CommitmentStatus.choices
    )

    class Meta:
        model = Commitment
        fields = ["city", "partnership", "status"]


class InitiativeApiFilter(InitiativeFilter):
    """The catalogue's filters (q: full-text search, city, partnership, category, audience, status)."""

    starts_on = django_filters.DateFromToRangeFilter(label=_("Commence entre (AAAA-MM-JJ)"))
    ends_on = django_filters.DateFromToRangeFilter(label=_("Se termine entre (AAAA-MM-JJ)"))
    updated_since = _updated_since()

    class Meta(InitiativeFilter.Meta):
        fields = [*InitiativeFilter.Meta.fields, "starts_on", "ends_on", "updated_since"]


class BoundingBoxField(forms.CharField):
    """`minlon,minlat,maxlon,maxlat` (WGS 84 degrees, as OGC APIs and GeoJSON write a bbox)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    default_error_messages = {
        "invalid": _(
            "Quatre nombres séparés par des virgules : longitude min, latitude min, longitude max, latitude max."
        )
    }

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        parts = value.split(",")
        try:
            numbers = [Decimal(part.strip()) for part in parts]
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if len(numbers) != 4 or not all(number.is_finite() for number in numbers):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        min_lon, min_lat, max_lon, max_lat = numbers
        if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
            raise forms.ValidationError(
                _("Hors limites : longitudes de -180 à 180, latitudes de -90 à 90, le minimum avant le maximum."),
                code="out_of_range",
            )
        return min_lon, min_lat, max_lon, max_lat


class BoundingBoxFilter(django_filters.Filter):
    field_class = BoundingBoxField

    def filter(self, queryset, value):
        if not value:
            return queryset
        min_lon, min_lat, max_lon, max_lat = value
        return queryset.filter(
            longitude__gte=min_lon, longitude__lte=max_lon, latitude__gte=min_lat, latitude__lte=max_lat
        )


class PlaceApiFilter(PlaceFilter):
    """The directory's filters (city, service, public, open now, free) and a bounding box for maps. The
    postcode is any five digits here (the page offers the postcodes it knows; the API answers an empty list)."""

    postcode = django_filters.CharFilter(
        label=_("Code postal (5 chiffres)"), max_length=5, validators=[postcode_validator]
    )
    open_now = StrictBooleanFilter(label=PlaceFilter.base_filters["open_now"].label, method="filter_open_now")
    free = StrictBooleanFilter(label=PlaceFilter.base_filters["free"].label, method="filter_free")
    bbox = BoundingBoxFilter(label=_("Rectangle « longitude min,latitude min,longitude max,latitude max »"))
    updated_since = _updated_since()

    class Meta(PlaceFilter.Meta):
        fields = [*PlaceFilter.Meta.fields, "bbox", "updated_since"]


class SessionApiFilter(django_filters.FilterSet):
    """The training pages' filters (trade, city, seats left) on sessions, and dates."""

    city = django_filters.ModelChoiceFilter(
        label=ProgrammeFilter.base_filters["city"].label,
        field_name=Session.city_path,
        to_field_name="slug",
        queryset=City.objects.all(),
    )
    trade = django_filters.ChoiceFilter(
        label=ProgrammeFilter.base_filters["trade"].label, field_name="programme__trade", choices=Trade.choices
    )
    programme = django_filters.CharFilter(
        label=_("Programme (identifiant)"), field_name="programme__slug", max_length=200
    )
    status = django_filters.ChoiceFilter(label=pgettext_lazy("api parameter", "Statut"), choices=SessionStatus.choices)
    upcoming = StrictBooleanFilter(label=_("À venir et ouvertes"), method="filter_upcoming")
    seats = StrictBooleanFilter(label=_("Avec des places disponibles"), method="filter_seats")
    remote = StrictBooleanFilter(label=_("À distance"), field_name="is_remote")
    starts_at = django_filters.DateFromToRangeFilter(
        label=_("Commence entre (AAAA-MM-JJ)"), field_name="starts_at__date"
    )
    updated_since = _updated_since()

    class Meta:
        model = Session
        fields = ["city", "trade", "programme", "status", "upcoming", "seats", "remote", "starts_at", "updated_since"]

    def filter_upcoming(self, queryset, name, value):
        if value is None:
            return queryset
        now = timezone.now()
        condition = Q(starts_at__gt=now, status__in=[SessionStatus.OPEN, SessionStatus.FULL])
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_seats(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(seats_left__gt=0) if value else queryset.filter(seats_left=0)


class CallApiFilter(django_filters.FilterSet):
    city = django_filters.ModelChoiceFilter(
        label=_("Ville (identifiant)"),
        field_name=Call.city_path,
        to_field_name="slug",
        queryset=City.objects.all(),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Catégorie (identifiant)"),
        field_name="initiative__category",
        to_field_name="slug",
        queryset=Category.objects.all(),
    )
    state = django_filters.ChoiceFilter(
        label=_("État : à venir, ouvert ou clos"), choices=CallState.choices, method="filter_state"
    )
    closes_at = django_filters.DateFromToRangeFilter(
        label=_("Clôture entre (AAAA-MM-JJ)"), field_name="closes_at__date"
    )
    updated_since = _updated_since()

    class Meta:
        model = Call
        fields = ["city", "category", "state", "closes_at", "updated_since"]

    def filter_state(self, queryset, name, value):
        now = timezone.now()
        if value == CallState.UPCOMING:
            return queryset.filter(opens_at__gt=now)
        if value == CallState.OPEN:
            return queryset.filter(opens_at__lte=now, closes_at__gt=now)
        if value == CallState.CLOSED:
            return queryset.filter(closes_at__lte=now)
        return queryset


def parameters_of(filterset_class) -> list[str]:
    """The query parameters a FilterSet reads (a date range reads `<name>_after` and `<name>_before`)."""
    names = []
    for name, filter_ in filterset_class.base_filters.items():
        if isinstance(filter_, django_filters.DateFromToRangeFilter):
            names += [f"{name}_after", f"{name}_before"]
        else:
            names.append(name)
    return names


def validated(filterset_class, request: HttpRequest, queryset: QuerySet, *, extra: tuple[str, ...] = (), **kwargs):
    """The filtered queryset, or ApiError(400) naming each parameter whose value was refused. Parameters the
    filter does not know are refused too: a typo would otherwise return everything."""
    errors: dict[str, list[str]] = {}
    for name in sorted(set(request.GET) - set(parameters_of(filterset_class)) - {"page", "page_size", *extra}):
        errors[name] = [str(_("Paramètre inconnu."))]
    for name, filter_ in filterset_class.base_filters.items():
        if isinstance(filter_, django_filters.DateFromToRangeFilter):
            for suffix in ("_after", "_before"):
                value = request.GET.get(name + suffix)
                if value:
                    try:
                        forms.DateField().clean(value)
                    except forms.ValidationError as error:
                        errors[name + suffix] = [str(message) for message in error.messages]
    filterset = filterset_class(request.GET, queryset=queryset, **kwargs)
    if not filterset.is_valid():
        for name, messages in filterset.errors.items():
            if not any(key.startswith(name + "_") for key in errors):
                errors[name] = [str(message) for message in messages]
    if errors:
        raise ApiError(400, str(_("Paramètres refusés.")), errors)
    return filterset.qs


def page_numbers(request: HttpRequest, *, max_page_size: int = MAX_PAGE_SIZE) -> tuple[int, int]:
    form = PaginationForm(request.GET, max_page_size=max_page_size)
    if not form.is_valid():
        errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
        raise ApiError(400, str(_("Paramètres refusés.")), errors)
    return form.cleaned_data["page"] or 1, form.cleaned_data["page_size"] or DEFAULT_PAGE_SIZE


def _parameter_schema(filter_) -> dict:
    field = filter_.field
    if isinstance(filter_, BoundingBoxFilter):
        return {"type": "string", "pattern": r"^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$"}
    if isinstance(filter_, django_filters.BooleanFilter):
        return {"type": "boolean"}
    if isinstance(filter_, django_filters.IsoDateTimeFilter):
        return {"type": "string", "format": "date-time"}
    choices = getattr(filter_, "extra", {}).get("choices")
    if isinstance(filter_, django_filters.ModelChoiceFilter):
        return {"type": "string", "description": "identifiant_url"}
    if choices and not callable(choices):
        return {"type": "string", "enum": [value for value, _label in choices]}
    schema: dict = {"type": "string"}
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    return schema


def openapi_parameters(filterset_class, *, max_page_size: int = MAX_PAGE_SIZE) -> list[dict]:
    """The OpenAPI description of a FilterSet's query parameters (the labels are lazy: the document is written
    in the language of the request that asks for it)."""
    parameters = []
    for name, filter_ in filterset_class.base_filters.items():
        if isinstance(filter_, django_filters.DateFromToRangeFilter):
            for suffix, word in (("_after", _("à partir du")), ("_before", _("jusqu'au"))):
                parameters.append(
                    {
                        "name": name + suffix,
                        "in": "query",
                        "required": False,
                        "description": format_lazy("{} ({})", filter_.label, word),
                        "schema": {"type": "string", "format": "date"},
                    }
                )
            continue
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": filter_.label,
                "schema": _parameter_schema(filter_),
            }
        )
    return parameters + [
        {
            "name": "page",
            "in": "query",
            "required": False,
            "description": _("Numéro de page, à partir de 1."),
            "schema": {"type": "integer", "minimum": 1},
        },
        {
            "name": "page_size",
            "in": "query",
            "required": False,
            "description": _("Éléments par page (50 par défaut)."),
            "schema": {"type": "integer", "minimum": 1, "maximum": max_page_size},
        },
    ]
