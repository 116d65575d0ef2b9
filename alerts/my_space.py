"""Alerts' section of "Mon espace": the person's subscriptions, and a confirmation still to do."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common.app_hooks import SpaceItem, SpaceSection, SpaceTask, my_space_sections

from .selectors import subscriptions_for_user


@my_space_sections.register
def alerts_section(user) -> SpaceSection:
    items, tasks = [], []
    for subscription in subscriptions_for_user(user):
        cities = ", ".join(str(city.name) for city in subscription.cities.all()) or _("toutes les villes")
        categories = ", ".join(str(category.name) for category in subscription.categories.all()) or _(
            "toutes les catégories"
        )
        items.append(
            SpaceItem(
                title=subscription.email,
                detail=f"{cities} · {categories}",
                status=pgettext("alerte", "active") if subscription.is_active else _("en attente de confirmation"),
            )
        )
        if not subscription.is_active:
            tasks.append(
                SpaceTask(
                    label=_("Confirmer vos alertes"),
                    url=reverse("alerts:subscribe"),
                    detail=_("Ouvrez le lien envoyé à %(email)s pour recevoir les alertes.")
                    % {"email": subscription.email},
                    order=60,
                )
            )
    return SpaceSection(
        key="alertes",
        title=_("Mes alertes"),
        items=tuple(items),
        tasks=tuple(tasks),
        empty=_("Vous ne recevez pas d'alertes."),
        links=((_("Gérer mes alertes"), reverse("alerts:subscribe")),),
        order=50,
    )
