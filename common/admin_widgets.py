"""The admin's inputs, without the server errors Django's admin gives on forged values.

Parameters (`admin_request_problem`, checked by `config.admin.PortalAdminSite.admin_view` on every admin
page): an empty `_to_field` made the change and delete pages look up a field named "" (FieldDoesNotExist),
and an integer past 64 bits in the changelist's date hierarchy (`?created_at__year=1e20 digits`) raised
OverflowError building its date; both now answer the site's 400 page.

Widgets and fields:

Django's `AutocompleteSelect`/`AutocompleteSelectMultiple` re-render the submitted value of a form with
errors by querying `pk__in=[value]`: a value that is not an id (`"0000-00-00"`, `"abc"`) raised
`ValueError` while the page with the form's errors was rendered, and staff got a 500 instead of
"Select a valid choice" next to the field (the same bug was fixed in django-autocomplete-light and
django-select2). These subclasses drop values the target field cannot hold before that query;
`config.apps.PortalAdminConfig.ready()` makes every ModelAdmin use them.
"""

from __future__ import annotations

import re

from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.db.backends.base.operations import BaseDatabaseOperations

TO_FIELD_VAR = "_to_field"
HUGE_INTEGER = re.compile(r"[-+]?\d{19,}")  # past 64 bits
DATE_HIERARCHY_PARTS = ("__year", "__month", "__day")  # the changelist's date hierarchy parameters


def admin_request_problem(request) -> str | None:
    """Why Django's admin would fail on this request's parameters, or None."""
    for params in (request.GET, request.POST):
        if TO_FIELD_VAR in params and not params.get(TO_FIELD_VAR):
            return "Empty _to_field."
    for name, values in request.GET.lists():
        if name.endswith(DATE_HIERARCHY_PARTS) and any(HUGE_INTEGER.fullmatch(v.strip()) for v in values):
            return "Date out of range in the query string."
    return None


class _ValidSelectionMixin:
    def _holds(self, value) -> bool:
        """Whether `value` fits the field the relation points to (its type and, for an integer, its range on
        every database: SQLite raised OverflowError past 64 bits, PostgreSQL DataError past the column's)."""
        if str(value) in self.choices.field.empty_values:
            return True
        remote = self.field.remote_field
        opts = remote.model._meta
        target = opts.get_field(getattr(remote, "field_name", None) or opts.pk.name)
        try:
            python_value = target.to_python(value)
        except (ValidationError, ValueError, TypeError):
            return False
        bounds = BaseDatabaseOperations.integer_field_ranges.get(target.get_internal_type())
        return bounds is None or bounds[0] <= python_value <= bounds[1]

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [item for item in value if self._holds(item)], attr)


class AutocompleteSelect(_ValidSelectionMixin, widgets.AutocompleteSelect):
    pass


class AutocompleteSelectMultiple(_ValidSelectionMixin, widgets.AutocompleteSelectMultiple):
    pass


def install() -> None:
    """ModelAdmin builds its autocomplete widgets from these module-level names, and its form fields with
    the defaults of FORMFIELD_FOR_DBFIELD_DEFAULTS (a many-to-many field then refuses an id past the
    database's integer range with its "invalid choice" message: SQLite raised OverflowError)."""
    from django.contrib.admin import options
    from django.db import models

    from common.forms import BoundedModelMultipleChoiceField

    options.AutocompleteSelect = AutocompleteSelect
    options.AutocompleteSelectMultiple = AutocompleteSelectMultiple
    options.FORMFIELD_FOR_DBFIELD_DEFAULTS.setdefault(models.ManyToManyField, {}).setdefault(
        "form_class", BoundedModelMultipleChoiceField
    )
