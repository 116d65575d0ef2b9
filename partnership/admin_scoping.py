"""City scoping in the admin: a city's staff see and change only their cities' rows.

Every ModelAdmin of a city-owned model uses `CityScopedAdminMixin`; the model says how it reaches its
city (`city_path`, and `partnership_path` for the models partner viewers read: see
partnership/scoping.py). Superusers see everything. Partner viewers read, through their permissions,
the rows of the partnerships their organisation takes part in.

Every door obeys the same scoping as the change page: the history list, a past version and its
revert (`ScopedHistoryAdminMixin`, which every SimpleHistoryAdmin of the site uses), form choices,
list filters, and each write. The city check of a write lives in the mixin's `save_form`,
`save_model`, `save_related`, `delete_model` and `delete_queryset`, and an override of one of these
in a subclass is wrapped so that the check still runs first (see `__init_subclass__`).

Only `admin.py` modules import this one; everything else reads partnership/scoping.py.
"""

from __future__ import annotations

import functools

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import NotRelationField, flatten_fieldsets, get_fields_from_path, quote, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from common.dates import format_datetime

from .scoping import SELF, city_id_of, city_is_many, city_path, may_act_for_city, staff_city_ids


class ScopedHistoryAdminMixin:
    """django-simple-history's pages answer exactly as the change page does.

    simple-history loads the object and its past versions itself, without `get_queryset`/`get_object`,
    and saves whatever is POSTed to a version page. Here the history list, a version (GET) and its
    revert (POST) first find the *current* object through the admin's own queryset (another city's
    object: 404), then ask the change page's permissions about it: viewing takes the view permission,
    reverting takes the change permission and goes through the same form, `save_form`, `save_model`
    and `save_related` as the change page (so the same services and city checks), on the current row:
    fields the person cannot change there keep their current value. Models whose changes must go
    through a service (a status lifecycle, seats or capacity, messages) set `history_revertible =
    False`: their versions are shown, and a revert is refused with a message. A deleted object's
    history stays readable (when its last version was in the person's scope) but it is not restored
    from there.
    """

    history_revertible: bool = True

    # --- scoping

    def history_in_scope(self, request, instance) -> bool:
        """May `request.user` see the history of a *deleted* object whose last version is `instance`?"""
        return True

    def _history_subject(self, request, object_id):
        """The current object (None when it was deleted) and the history manager; 404 when out of scope."""
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        pk_name = self.model._meta.pk.attname
        try:
            current = self.get_queryset(request).filter(**{pk_name: object_id}).first()
            if current is not None:
                return current, history
            if self.model._default_manager.filter(**{pk_name: object_id}).exists():
                raise Http404  # it exists, outside what this person may see
            last = history.filter(**{pk_name: object_id}).order_by("-history_date", "-history_id").first()
        except (ValueError, ValidationError):
            raise Http404 from None
        if last is None or not self.history_in_scope(request, last.instance):
            raise Http404
        return None, history

    def may_revert(self, request, current) -> bool:
        return (
            current is not None
            and self.history_revertible
            and self.has_change_permission(request, current)
            and self.has_change_history_permission(request, current)
        )

    def revert_disabled(self, request, obj=None):
        # simple-history's history list passes a deleted object's last version (a new, unsaved instance).
        current = None if obj is None or obj._state.adding else obj
        return super().revert_disabled(request, obj) or not self.may_revert(request, current)

    # --- the pages

    def get_historical_record_context_helper(self, request, historical_record):
        """Changes shown with labels, local times and dashes for empty values (common.history)."""
        from common.history import ReadableHistoryContextHelper

        return ReadableHistoryContextHelper(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        if hasattr(self.model._meta, "simple_history_manager_attribute"):
            self._history_subject(request, unquote(object_id))
        # else Django's own history page, which finds the object with get_object.
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.current_app = self.admin_site.name
        object_id = unquote(object_id)
        current, history = self._history_subject(request, object_id)
        try:
            record = history.get(**{self.model._meta.pk.attname: object_id, "history_id": version_id})
        except (history.model.DoesNotExist, ValueError, ValidationError):
            raise Http404 from None
        version = record.instance
        version._state.adding = False
        subject = current if current is not None else version
        if not self.has_view_history_or_change_history_permission(request, subject):
            raise PermissionDenied

        form = None
        if request.method == "POST":
            if not (
                self.has_change_permission(request, subject) and self.has_change_history_permission(request, subject)
            ):
                raise PermissionDenied
            refusal = self.history_revert_refusal(request, current)
            if refusal:
                self.message_user(request, refusal, messages.ERROR)
                return HttpResponseRedirect(self._admin_url("history", subject.pk))
            fieldsets = self.get_fieldsets(request, current)
            form_class = self.get_form(request, current, change=True, fields=flatten_fieldsets(fieldsets))
            form = form_class(request.POST, request.FILES, instance=current)
            if form.is_valid():
                return self._revert(request, form, record)
        return self._render_version(request, object_id, current, version, form, extra_context)

    def history_revert_refusal(self, request, current) -> str | None:
        """Why this object cannot be reverted from its history, or None."""
        if current is None:
            return gettext("Un objet supprimé ne peut pas être rétabli depuis son historique.")
        if not self.history_revertible:
            return gettext(
                "Cette version n'a pas été rétablie : les changements des %(name)s passent par leurs propres "
                "actions (statut, places, envois), qui appliquent leurs règles. Rien n'a été modifié."
            ) % {"name": self.model._meta.verbose_name_plural}
        return None

    def _revert(self, request, form, record):
        with transaction.atomic(using=router.db_for_write(self.model)):
            new_object = self.save_form(request, form, change=True)
            new_object._change_reason = gettext("Retour à la version du %(date)s") % {
                "date": format_datetime(record.history_date)
            }
            self.save_model(request, new_object, form, change=True)
            self.save_related(request, form, [], change=True)
            self.log_change(request, new_object, self.construct_change_message(request, form, []))
        return self.response_change(request, new_object)

    def _render_version(self, request, object_id, current, version, form, extra_context):
        opts = self.model._meta
        subject = current if current is not None else version
        can_revert = self.may_revert(request, current)
        fieldsets = self.get_fieldsets(request, subject)
        if form is None:
            form_class = self.get_form(request, subject, change=True, fields=flatten_fieldsets(fieldsets))
            form = form_class(instance=version)
        if can_revert:
            readonly_fields = self.get_readonly_fields(request, subject)
            prepopulated = self.get_prepopulated_fields(request, subject)
        else:
            readonly_fields, prepopulated = flatten_fieldsets(fieldsets), {}
        admin_form = helpers.AdminForm(form, list(fieldsets), prepopulated, readonly_fields, model_admin=self)
        context = {
            **self.admin_site.each_context(request),
            "title": (
                gettext("Rétablir cette version de « %(object)s »")
                if can_revert
                else gettext("Version passée de « %(object)s »")
            )
            % {"object": version},
            "adminform": admin_form,
            "object_id": object_id,
            "original": version,
            "is_popup": False,
            "media": self.media + admin_form.media,
            "errors": helpers.AdminErrorList(form, []),
            "app_label": opts.app_label,
            "original_opts": opts,
            "changelist_url": self._admin_url("changelist"),
            "change_url": self._admin_url("change", subject.pk),
            "history_url": self._admin_url("history", subject.pk),
            "change_history": False,
            "revert_disabled": not can_revert,
            "add": False,
            "change": True,
            "has_add_permission": self.has_add_permission(request),
            "has_view_permission": self.has_view_history_permission(request, subject),
            "has_change_permission": can_revert,
            "has_delete_permission": self.has_delete_permission(request, current) if current is not None else False,
            "has_file_field": True,
            "has_absolute_url": False,
            "form_url": "",
            "opts": getattr(self.model, opts.simple_history_manager_attribute).model._meta,
            "content_type_id": self.content_type_model_cls.objects.get_for_model(self.model).id,
            "save_as": self.save_as,
            "save_on_top": self.save_on_top,
            "root_path": getattr(self.admin_site, "root_path", None),
            **(extra_context or {}),
        }
        return render(request, self.object_history_form_template, context)

    def _admin_url(self, view: str, pk=None) -> str:
        opts = self.model._meta
        name = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}"
        return reverse(name, args=() if pk is None else (quote(pk),))


def _guarded(method, check):
    """`method` of a CityScopedAdminMixin subclass, with the mixin's city check around it."""

    @functools.wraps(method)
    def wrapper(self, request, *args, **kwargs):
        return check(self, method, request, *args, **kwargs)

    wrapper.city_guarded = True
    return wrapper


def _check_before(self, method, request, obj, *args, **kwargs):
    self.check_city(request, obj)
    return method(self, request, obj, *args, **kwargs)


def _check_returned(self, method, request, form, *args, **kwargs):
    obj = method(self, request, form, *args, **kwargs)
    self.check_city(request, obj)
    return obj


def _check_form_instance_around(self, method, request, form, *args, **kwargs):
    if not city_is_many(self.model):
        self.check_city(request, form.instance)  # before the relations and their side effects are written
    result = method(self, request, form, *args, **kwargs)
    self.check_city(request, form.instance)  # many-to-many city fields are saved by now
    return result


def _scope_queryset(self, method, request, queryset, *args, **kwargs):
    queryset = queryset.filter(pk__in=self.model._default_manager.for_staff(request.user).values("pk"))
    return method(self, request, queryset, *args, **kwargs)


CITY_GUARDS = {
    "save_form": _check_returned,
    "save_model": _check_before,
    "save_related": _check_form_instance_around,
    "delete_model": _check_before,
    "delete_queryset": _scope_queryset,
}


class CityScopedAdminMixin(ScopedHistoryAdminMixin):
    """The admin of a model that declares `city_path` (its default manager a CityScopedQuerySet)."""

    def __init_subclass__(cls, **kwargs):
        """A subclass overriding a write hook keeps the city check: the override is wrapped with it, so it
        runs even when the override does not call super() (InitiativeAdmin and SessionAdmin hand the
        save to a service)."""
        super().__init_subclass__(**kwargs)
        for name, check in CITY_GUARDS.items():
            method = cls.__dict__.get(name)
            if method is not None and not getattr(method, "city_guarded", False):
                setattr(cls, name, _guarded(method, check))

    def get_queryset(self, request):
        # Staff read their cities' rows; partner viewers, the rows of their organisation's partnerships.
        return super().get_queryset(request).readable_by(request.user)

    def get_search_results(self, request, queryset, search_term):
        """The autocomplete pages its answers (20 at a time) over this queryset: it must be ordered. Admins that
        annotate counts (slots, sessions, applications) group rows, and a grouped query drops the model's
        default ordering, so the second page could repeat or skip rows."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not queryset.ordered:
            ordering = [*(self.get_ordering(request) or self.model._meta.ordering)]
            queryset = queryset.order_by(*ordering, *([] if {"pk", "-pk"} & set(ordering) else ["pk"]))
        return queryset, may_have_duplicates

    def get_object(self, request, object_id, from_field=None):
        """An object outside the person's cities is answered like one that does not exist: 404."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def history_in_scope(self, request, instance) -> bool:
        """A deleted row's history: the city of its last version must be one of the person's."""
        ids = staff_city_ids(request.user)
        if ids is None:
            return True
        if city_path(self.model) == SELF or city_is_many(self.model):
            return False
        return city_id_of(instance) in ids

    def get_list_filter(self, request):
        """A filter on a related model lists only the values found in the person's rows: another city's
        partnerships, programmes or the city itself never appear in the filter lists."""
        return [self._scoped_list_filter(spec) for spec in super().get_list_filter(request)]

    def _scoped_list_filter(self, spec):
        if isinstance(spec, str):
            path = spec
        elif isinstance(spec, tuple) and spec[1] is admin.RelatedFieldListFilter:
            path = spec[0]
        else:
            return spec
        try:
            field = get_fields_from_path(self.model, path)[-1]
        except (FieldDoesNotExist, NotRelationField):
            return spec
        return (path, admin.RelatedOnlyFieldListFilter) if field.is_relation else spec

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        self._limit_choices(field, db_field, request)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        self._limit_choices(field, db_field, request)
        return field

    def _limit_choices(self, field, db_field, request) -> None:
        """Choices of a city-owned related model: the person's cities' rows only (its own declaration says how)."""
        if field is not None and hasattr(field, "queryset") and city_path(db_field.related_model) is not None:
            field.queryset = field.queryset.for_staff(request.user)

    # --- writes: every one checks the city (subclass overrides are wrapped, see __init_subclass__)

    def check_city(self, request, obj) -> None:
        """Refuse (403) to write `obj` unless it belongs to one of the person's cities."""
        if obj is None or staff_city_ids(request.user) is None:
            return
        if city_is_many(self.model):
            if obj.pk is None:
                return  # many-to-many cities are saved with the form's relations: checked once they exist
        elif city_path(self.model) != SELF and city_id_of(obj) is None:
            return  # no city yet: the form requires one, and it is checked when it is there
        if not may_act_for_city(request.user, obj):
            raise PermissionDenied

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        self.check_city(request, obj)
        return obj

    def save_model(self, request, obj, form, change):
        self.check_city(request, obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if not city_is_many(self.model):
            self.check_city(request, form.instance)
        super().save_related(request, form, formsets, change)
        self.check_city(request, form.instance)

    def delete_model(self, request, obj):
        self.check_city(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        in_cities = self.model._default_manager.for_staff(request.user)
        super().delete_queryset(request, queryset.filter(pk__in=in_cities.values("pk")))


class StaffCitiesListFilter(admin.RelatedFieldListFilter):
    """A filter on cities that lists only the person's cities (for models shared between cities)."""

    def field_choices(self, field, request, model_admin):
        ids = staff_city_ids(request.user)
        if ids is None:
            return super().field_choices(field, request, model_admin)
        return field.get_choices(
            include_blank=False,
            limit_choices_to={"pk__in": ids},
            ordering=self.field_admin_ordering(field, request, model_admin),
        )


def check_history_admins(app_configs=None, site=None, **kwargs) -> list:
    """System check: every admin page of simple-history goes through ScopedHistoryAdminMixin."""
    from django.core import checks
    from simple_history.admin import SimpleHistoryAdmin

    errors = []
    for model_admin in (site or admin.site)._registry.values():
        if not isinstance(model_admin, SimpleHistoryAdmin):
            continue
        for name in ("history_view", "history_form_view", "revert_disabled"):
            if getattr(type(model_admin), name) is not getattr(ScopedHistoryAdminMixin, name):
                errors.append(
                    checks.Error(
                        f"{type(model_admin).__name__}.{name} does not come from ScopedHistoryAdminMixin: its history "
                        "pages would load rows outside the admin's queryset and permissions.",
                        hint="Put ScopedHistoryAdminMixin (or CityScopedAdminMixin) before SimpleHistoryAdmin.",
                        obj=model_admin,
                        id="partnership.E001",
                    )
                )
    return errors
