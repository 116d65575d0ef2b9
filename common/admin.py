"""The admin as a client of the services: bulk actions over a selection, and the admins of models whose
lifecycle only services write (`ServiceWritesAdminMixin`, below).

`run_service_action` is the one way an admin action runs a service over the selected rows.

An action hands each selected row to the app's service, one call per row (each call its own
transaction, so one refusal does not undo the others). A refusal is the service's `ValidationError`:
it is shown to the person, one warning line per refused row, and the other rows go on. The person then
reads one pluralised line saying how many rows were changed, or `nothing_message` when the selection
held nothing to do.

    @admin.action(description=_("Annuler les inscriptions sélectionnées"), permissions=["change"])
    def cancel_registrations(self, request, queryset):
        run_service_action(
            self, request, queryset,
            lambda registration: services.registration_cancel(registration=registration, by=request.user),
            done_message=ngettext_lazy("%(count)d inscription annulée.", "%(count)d inscriptions annulées.", "count"),
        )

`done_message` is an `ngettext_lazy(singular, plural, "count")`: the number is read from the `count`
key when the message is formatted, so both forms reach the catalogue and the right one is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext


def run_service_action(
    modeladmin: ModelAdmin,
    request: HttpRequest,
    queryset: Iterable[Any],
    service: Callable[[Any], Any],
    *,
    done_message: str,
    params: Mapping[str, Any] | None = None,
    nothing_message: str | None = None,
) -> int:
    """Call `service(row)` for each row of `queryset`, tell the person what was done and what was refused.

    `done_message` is formatted with `count` (rows the service accepted) and `params`; it is shown when
    at least one row was done. Each refusal is shown as "<row> : <the service's messages>". When no row
    was done and none refused, `nothing_message` is shown (if given). Returns the number of rows done.
    """
    done = 0
    refused = []
    for row in queryset:
        try:
            service(row)
        except ValidationError as error:
            refused.append(gettext("%(object)s : %(reason)s") % {"object": row, "reason": " ".join(error.messages)})
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message % {"count": done, **(params or {})}, messages.SUCCESS)
    for line in refused:
        modeladmin.message_user(request, line, messages.WARNING)
    if not done and not refused and nothing_message:
        modeladmin.message_user(request, nothing_message, messages.WARNING)
    return done


class ServiceWritesAdminMixin:
    """The admin of a model whose lifecycle only its services write (statuses, seats, sending state).

    The model names those fields in `service_fields`; here they are read-only on every form the admin
    builds (add, change, a past version), so a POST naming them changes nothing. A service refusing a
    write the form let through (two people at once, a rule only the locked row can answer) is shown as a
    message, and the whole save, inlines included, is undone: nothing is half-done. When
    `deletion_refusal` is set, rows are never deleted here (the button and the bulk action are not
    offered) and the delete page tells the person what to do instead.
    """

    deletion_refusal: str | None = None

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [name for name in getattr(self.model, "service_fields", ()) if name not in readonly]

    def check(self, **kwargs):
        from django.core import checks

        errors = super().check(**kwargs)
        editable = set(self.list_editable) & set(getattr(self.model, "service_fields", ()))
        if editable:
            errors.append(
                checks.Error(
                    f"{type(self).__name__}.list_editable holds {sorted(editable)}, which only services write.",
                    obj=self,
                    id="common.E010",
                )
            )
        return errors

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:  # raised by a service inside the admin's transaction: all rolled back
            for line in error.messages:
                self.message_user(request, line, messages.ERROR)
            self.message_user(request, gettext("Rien n'a été enregistré."), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def has_delete_permission(self, request, obj=None):
        return self.deletion_refusal is None and super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        if self.deletion_refusal is None:
            return super().delete_view(request, object_id, extra_context)
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        self.message_user(request, self.deletion_refusal, messages.ERROR)
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=(quote(obj.pk),))
        )


class ServiceWritesInlineMixin:
    """An inline of such a model: its `service_fields` are read-only there too."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [name for name in getattr(self.model, "service_fields", ()) if name not in readonly]
