"""The sports space's links on a place's page (initiatives' place detail): book a slot in each bookable
resource of the place."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import SportsResource


def actions(place) -> list[dict[str, str]]:
    return [
        {"label": _("Réserver un créneau : %(name)s") % {"name": resource.name}, "url": resource.get_absolute_url()}
        for resource in SportsResource.objects.filter(place=place, is_active=True)
    ]
