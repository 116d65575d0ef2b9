"""Training's action on an initiative's page: "S'inscrire" to the next session still taking registrations."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.app_hooks import InitiativeAction, initiative_actions
from common.time import city_datetime_text

from .constants import RegistrationStatus, SessionStatus
from .models import Programme, Registration, Session


@initiative_actions.register
def registration_actions(initiatives: Sequence) -> dict[int, list[InitiativeAction]]:
    """One query for all the initiatives: each published programme with its next session open to registration."""
    now = timezone.now()
    confirmed = (
        Registration.objects.filter(session=OuterRef("pk"), status=RegistrationStatus.CONFIRMED)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    open_sessions = (
        Session.objects.filter(
            programme=OuterRef("pk"),
            starts_at__gt=now,
            registration_deadline__gte=now,
            status__in=[SessionStatus.OPEN, SessionStatus.FULL],
        )
        .annotate(left=F("capacity") - Coalesce(Subquery(confirmed, output_field=IntegerField()), 0))
        .order_by("starts_at", "pk")
    )
    programmes = (
        Programme.objects.published()
        .filter(initiative__in=[initiative.pk for initiative in initiatives])
        .annotate(
            next_session=Subquery(open_sessions.values("pk")[:1]),
            next_left=Subquery(open_sessions.values("left")[:1], output_field=IntegerField()),
            next_deadline=Subquery(open_sessions.values("registration_deadline")[:1]),
        )
        .order_by("title", "pk")
    )
    actions: dict[int, list[InitiativeAction]] = {}
    for programme in programmes:
        if programme.next_session is None:
            action = InitiativeAction(
                kind="register",
                label=_("S'inscrire"),
                url=programme.get_absolute_url(),
                subject=programme.title,
                state=_("Aucune session ouverte aux inscriptions pour le moment"),
                available=False,
            )
        else:
            deadline = city_datetime_text(programme.next_deadline)
            if programme.next_left > 0:
                state = ngettext(
                    "%(count)s place restante, inscriptions jusqu'au %(date)s",
                    "%(count)s places restantes, inscriptions jusqu'au %(date)s",
                    programme.next_left,
                ) % {"count": programme.next_left, "date": deadline}
            else:
                state = _("Session complète : liste d'attente ouverte jusqu'au %(date)s") % {"date": deadline}
            action = InitiativeAction(
                kind="register",
                label=_("S'inscrire"),
                url=reverse("training:session_register", kwargs={"pk": programme.next_session}),
                subject=programme.title,
                state=state,
            )
        actions.setdefault(programme.initiative_id, []).append(action)
    return actions
