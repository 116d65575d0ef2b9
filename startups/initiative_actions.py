"""Start-ups' action on an initiative's page: "Candidater" to its open calls for applications."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.app_hooks import InitiativeAction, initiative_actions
from common.time import city_datetime_text

from .constants import CallState
from .models import Call


@initiative_actions.register
def application_actions(initiatives: Sequence) -> dict[int, list[InitiativeAction]]:
    """One query for all the initiatives: their published calls, open or upcoming first; a closed call is shown
    only when the initiative has no other (so that its page says applications are closed)."""
    now = timezone.now()
    calls = Call.objects.published(now).filter(initiative__in=[initiative.pk for initiative in initiatives])
    by_initiative: dict[int, list[Call]] = {}
    for call in calls.order_by("closes_at", "pk"):
        by_initiative.setdefault(call.initiative_id, []).append(call)
    actions: dict[int, list[InitiativeAction]] = {}
    for initiative_id, initiative_calls in by_initiative.items():
        current = [call for call in initiative_calls if call.state(now) != CallState.CLOSED]
        shown = current or initiative_calls[-1:]
        for call in shown:
            state = call.state(now)
            if state == CallState.OPEN:
                action = InitiativeAction(
                    kind="apply",
                    label=_("Candidater"),
                    url=reverse("startups:application_start", kwargs={"slug": call.slug}),
                    subject=call.title,
                    state=_("Candidatures jusqu'au %(date)s") % {"date": city_datetime_text(call.closes_at)},
                )
            elif state == CallState.UPCOMING:
                action = InitiativeAction(
                    kind="apply",
                    label=_("Candidater"),
                    url=call.get_absolute_url(),
                    subject=call.title,
                    state=_("Ouverture des candidatures le %(date)s") % {"date": city_datetime_text(call.opens_at)},
                    available=False,
                )
            else:
                action = InitiativeAction(
                    kind="apply",
                    label=_("Candidater"),
                    url=call.get_absolute_url(),
                    subject=call.title,
                    state=_("Candidatures closes depuis le %(date)s") % {"date": city_datetime_text(call.closes_at)},
                    available=False,
                )
            actions.setdefault(initiative_id, []).append(action)
    return actions
