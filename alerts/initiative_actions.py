"""Alerts' action on every initiative's page: subscribe to the news of its city and category."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from common.app_hooks import InitiativeAction, initiative_actions


@initiative_actions.register
def alert_actions(initiatives: Sequence) -> dict[int, list[InitiativeAction]]:
    """No query: the city and the category are already loaded with the initiatives."""
    return {
        initiative.pk: [
            InitiativeAction(
                kind="alerts",
                label=_("S'abonner aux alertes"),
                url=reverse("alerts:subscribe")
                + "?"
                + urlencode({"city": initiative.partnership.city.slug, "category": initiative.category.slug}),
                subject=initiative.category.name,
                state=_("Les nouveautés de %(city)s dans « %(category)s », par courriel")
                % {"city": initiative.partnership.city.name, "category": initiative.category.name},
                primary=False,
            )
        ]
        for initiative in initiatives
    }
