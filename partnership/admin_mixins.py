"""City scoping for the admin: a city's staff see and change only their cities' rows.

Every ModelAdmin of a city-owned model uses `CityScopedAdminMixin` and names the path from its
model to City in `city_field`. Superusers see everything. A ModelAdmin that also sets
`partnership_field` (the path to Partnership, or "self") shows partner viewers, read-only through
their permissions, the rows of the partnerships their organisation takes part in.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404


def staff_city_ids(user) -> list[int] | None:
    """The ids of the cities `user` administers; None means every city (superuser)."""
    if user.is_superuser:
        return None
    cached = getattr(user, "_staff_city_ids", None)
    if cached is None:
        cached = list(user.staff_cities.values_list("pk", flat=True))
        user._staff_city_ids = cached
    return cached


def scope_to_cities(queryset: QuerySet, user, city_field: str) -> QuerySet:
    ids = staff_city_ids(user)
    if ids is None:
        return queryset
    lookup = "pk__in" if city_field == "self" else f"{city_field}__in"
    return queryset.filter(**{lookup: ids})


# Related models a form may point at, and their path to City; used to limit form choices.
RELATED_CITY_PATHS: dict[str, str] = {
    "partnership.city": "self",
    "partnership.partnership": "city",
    "partnership.commitment": "partnership__city",
    "initiatives.initiative": "partnership__city",
    "initiatives.place": "city",
}


def partner_partnership_ids(user) -> QuerySet:
    from .models import Partnership

    return Partnership.objects.filter(roles__organisation__viewers=user).values("pk")


class CityScopedAdminMixin:
    city_field: str = "city"
    partnership_field: str | None = None

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = staff_city_ids(request.user)
        if ids is None:
            return queryset
        lookup = "pk__in" if self.city_field == "self" else f"{self.city_field}__in"
        condition = Q(**{lookup: ids})
        if self.partnership_field is not None:
            partner_lookup = "pk__in" if self.partnership_field == "self" else f"{self.partnership_field}__in"
            condition |= Q(**{partner_lookup: partner_partnership_ids(request.user)})
        return queryset.filter(condition)

    def get_object(self, request, object_id, from_field=None):
        """An object outside the person's cities is answered like one that does not exist: 404."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def history_view(self, request, object_id, extra_context=None):
        """simple-history falls back to the last historical version when the row is not in the queryset (so
        that a deleted object's history stays readable); that version must belong to the person's cities."""
        ids = staff_city_ids(request.user)
        try:
            visible = self.get_queryset(request).filter(pk=object_id).exists()
        except (ValueError, ValidationError):
            raise Http404 from None
        if ids is not None and not visible:
            history = getattr(self.model, "history", None)
            last = history.filter(pk=object_id).order_by("-history_date").first() if history is not None else None
            if last is None or self.city_field == "self" or self._city_id_of(last.instance) not in ids:
                raise Http404
        return super().history_view(request, object_id, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        self._limit_choices(field, db_field, request)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        self._limit_choices(field, db_field, request)
        return field

    def _limit_choices(self, field, db_field, request) -> None:
        if field is None:
            return
        path = RELATED_CITY_PATHS.get(db_field.related_model._meta.label_lower)
        if path is not None and hasattr(field, "queryset"):
            field.queryset = scope_to_cities(field.queryset, request.user, path)

    def save_model(self, request, obj, form, change):
        ids = staff_city_ids(request.user)
        if ids is not None and self.city_field != "self":
            city_id = self._city_id_of(obj)
            if city_id is not None and city_id not in ids:
                raise PermissionDenied
        super().save_model(request, obj, form, change)

    def _city_id_of(self, obj) -> int | None:
        target = obj
        parts = self.city_field.split("__")
        for part in parts[:-1]:
            target = getattr(target, part, None)
            if target is None:
                return None
        return getattr(target, f"{parts[-1]}_id", None)
