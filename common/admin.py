"""The one way an admin action runs a service over the selected rows.

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
from django.core.exceptions import ValidationError
from django.http import HttpRequest
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
