"""Training's section of "Mon espace": the person's registrations to sessions to come, with calendar files."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.app_hooks import SpaceItem, SpaceSection, my_space_sections
from common.time import city_datetime_text

from .constants import RegistrationStatus
from .models import Registration

SHOWN = 10


@my_space_sections.register
def registrations_section(user) -> SpaceSection:
    now = timezone.now()
    registrations = (
        Registration.objects.filter(
            person=user,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
            session__ends_at__gt=now,
        )
        .select_related("session__programme")
        .order_by("session__starts_at", "pk")[:SHOWN]
    )
    items = []
    for registration in registrations:
        session = registration.session
        links = [(_("La session"), session.get_absolute_url())]
        if registration.status == RegistrationStatus.CONFIRMED:
            links.append((_("Ajouter à mon agenda"), reverse("training:session_ics", kwargs={"pk": session.pk})))
        items.append(
            SpaceItem(
                title=session.programme.title,
                url=session.get_absolute_url(),
                detail=_("À partir du %(date)s") % {"date": city_datetime_text(session.starts_at)},
                status=str(RegistrationStatus(registration.status).label),
                links=tuple(links),
            )
        )
    return SpaceSection(
        key="formations",
        title=_("Mes formations"),
        items=tuple(items),
        empty=_("Aucune session de formation à venir."),
        links=(
            (_("Toutes mes inscriptions"), reverse("training:my_registrations")),
            (_("Trouver une formation"), reverse("training:programme_list")),
        ),
        order=30,
    )
