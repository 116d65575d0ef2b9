"""City scoping: which city a row belongs to, and who may act for that city.

Each city-owned model says once, on the model, how it reaches its city:

    class Place(models.Model):
        city_path = "city"                    # the lookup from a row to its City
        objects = PlaceQuerySet.as_manager()  # a subclass of CityScopedQuerySet

`city_path` is "self" for City itself; a many-to-many path (an alert subscription's "cities") means
"any of these cities". A model that partner viewers read (in the admin, read-only) also says which
partnership's partners may read a row: `partnership_path` ("self" for Partnership itself).

Everything else reads these declarations: the querysets (`in_cities`, `for_staff`, `readable_by`,
`with_city`), the admin (partnership/admin_scoping.py), selectors, views, dashboards, exports and
services. `may_act_for_city` is the one answer to "may this person act for this object's city".
Superusers act for every city.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import Q

SELF = "self"


def city_path(model) -> str | None:
    """The lookup from `model`'s rows (a model class or instance) to City, or None for a model shared
    between cities (organisations, categories, accounts)."""
    return getattr(model, "city_path", None)


def partnership_path(model) -> str | None:
    """The lookup to the Partnership whose partner viewers may read the rows, or None."""
    return getattr(model, "partnership_path", None)


def path_fields(model, path: str) -> list:
    """The fields a lookup path crosses, from `model` (FieldDoesNotExist for a path that does not exist)."""
    fields = []
    for name in path.split("__"):
        field = model._meta.get_field(name)
        fields.append(field)
        model = field.related_model
    return fields


def city_is_many(model) -> bool:
    """Does the declared path reach several cities (a many-to-many relation on the way)?"""
    path = city_path(model)
    if path in (None, SELF):
        return False
    return any(field.many_to_many or field.one_to_many for field in path_fields(model, path))


def _lookup(path: str, suffix: str) -> str:
    return f"pk__{suffix}" if path == SELF else f"{path}__{suffix}"


def city_condition(model, ids: Iterable[int]) -> Q:
    """The rows of `model` that belong to one of the cities `ids` (each row once)."""
    path = city_path(model)
    if path is None:
        raise TypeError(f"{model._meta.label} does not say how it reaches its city (city_path).")
    if city_is_many(model):
        return Q(pk__in=model._default_manager.filter(**{_lookup(path, "in"): ids}).values("pk"))
    return Q(**{_lookup(path, "in"): ids})


def city_id_of(obj) -> int | None:
    """The id of the city `obj` belongs to, following its model's path through loaded or lazy relations;
    None when a relation on the way is empty. Not for many-to-many paths (see `city_ids_of`)."""
    path = city_path(obj)
    if path == SELF:
        return obj.pk
    if city_is_many(obj):
        raise TypeError(f"{obj._meta.label} reaches several cities: use city_ids_of().")
    *relations, last = path.split("__")
    target = obj
    for name in relations:
        target = getattr(target, name, None)
        if target is None:
            return None
    return getattr(target, f"{last}_id", None)


def city_ids_of(obj) -> set[int]:
    """The ids of the cities `obj` belongs to (one, or several on a many-to-many path; none when unknown)."""
    if city_is_many(obj):
        if obj.pk is None:
            return set()
        rows = type(obj)._default_manager.filter(pk=obj.pk).values_list(city_path(obj), flat=True)
        return {pk for pk in rows if pk is not None}
    city_id = city_id_of(obj)
    return set() if city_id is None else {city_id}


# --- people -------------------------------------------------------------------------------------------------


def staff_city_ids(user) -> list[int] | None:
    """The ids of the cities `user` administers; None means every city (superuser)."""
    if user.is_superuser:
        return None
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_staff_city_ids", None)
    if cached is None:
        cached = list(user.staff_cities.values_list("pk", flat=True))
        user._staff_city_ids = cached
    return cached


def partner_partnership_ids(user) -> models.QuerySet:
    """The partnerships whose partner organisations name `user` as one of their (read-only) viewers."""
    from .models import Partnership

    return Partnership.objects.filter(roles__organisation__viewers=user).values("pk")


def may_act_for_city(user, obj=None, *, perm: str | None = None) -> bool:
    """May `user` act as staff for the city of `obj`: an active staff account, holding `perm` when one is
    named, and either a superuser or staff of (one of) the cities `obj` belongs to. Without `obj`, the
    question is only whether the person is staff with that permission (the rows are then scoped with
    `for_staff`). An object whose city is not known yet belongs to nobody's cities."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if perm is not None and not user.has_perm(perm):
        return False
    if obj is None:
        return True
    ids = staff_city_ids(user)
    return ids is None or bool(city_ids_of(obj) & set(ids))


# --- querysets ----------------------------------------------------------------------------------------------


class CityScopedQuerySet(models.QuerySet):
    """The queryset of a model that declares `city_path` (see the module's docstring)."""

    def in_cities(self, ids: Iterable[int] | None):
        """The rows of these cities; None means every city."""
        if ids is None:
            return self
        return self.filter(city_condition(self.model, ids))

    def for_staff(self, user):
        """The rows of the cities `user` administers (every row for a superuser)."""
        return self.in_cities(staff_city_ids(user))

    def readable_by(self, user):
        """What the admin lists to `user`: their cities' rows and, on models partner viewers read, the rows
        of the partnerships their organisation takes part in."""
        ids = staff_city_ids(user)
        if ids is None:
            return self
        condition = city_condition(self.model, ids)
        partnership = partnership_path(self.model)
        if partnership is not None:
            condition |= Q(**{_lookup(partnership, "in"): partner_partnership_ids(user)})
        return self.filter(condition)

    def with_city(self):
        """The rows with their way to the city loaded (select_related, or prefetch_related for several)."""
        path = city_path(self.model)
        if path == SELF:
            return self
        if city_is_many(self.model):
            return self.prefetch_related(path)
        return self.select_related(path)
