"""Start-ups' sections of "Mon espace": the person's applications (drafts to finish first) and, for a
reviewer, the files to review; and the header's "Mes évaluations" for reviewers."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.app_hooks import HeaderLink, SpaceItem, SpaceSection, SpaceTask, header_links, my_space_sections
from common.time import city_datetime_text

from .constants import ApplicationStatus, CallState
from .models import Application
from .permissions import is_reviewer, scoring_refusal
from .selectors import assignments_of

SHOWN = 20


@my_space_sections.register
def applications_section(user) -> SpaceSection | None:
    now = timezone.now()
    applications = list(
        Application.objects.filter(applicant=user).select_related("call").order_by("-created_at", "-pk")[:SHOWN]
    )
    items, tasks = [], []
    for application in applications:
        url = reverse("startups:application_detail", kwargs={"pk": application.pk})
        items.append(
            SpaceItem(
                title=application.call.title,
                url=url,
                detail=application.company_name,
                status=str(ApplicationStatus(application.status).label),
            )
        )
        if application.status == ApplicationStatus.DRAFT and application.call.state(now) == CallState.OPEN:
            tasks.append(
                SpaceTask(
                    label=_("Terminer votre candidature à « %(call)s »") % {"call": application.call.title},
                    url=url,
                    detail=_("Clôture le %(date)s") % {"date": city_datetime_text(application.call.closes_at)},
                    order=10,
                )
            )
    if not items:
        return None  # only for people who applied: the catalogue leads the others to the calls
    return SpaceSection(
        key="candidatures",
        title=_("Mes candidatures"),
        items=tuple(items),
        tasks=tuple(tasks),
        links=((_("Toutes mes candidatures"), reverse("startups:my_applications")),),
        order=40,
    )


@my_space_sections.register
def reviews_section(user) -> SpaceSection | None:
    if not is_reviewer(user):
        return None
    items, tasks = [], []
    for assignment in assignments_of(user):
        application = assignment.application
        url = reverse("startups:review_detail", kwargs={"pk": assignment.pk})
        title = (
            application.company_name if assignment.may_see_file else _("Candidature n° %(pk)s") % {"pk": application.pk}
        )
        refusal = scoring_refusal(assignment, criterion_count=assignment.criterion_count)
        if assignment.conflict_declared_at is not None:
            state = _("Conflit d'intérêts déclaré")
        elif assignment.no_conflict_declared_at is None:
            state = _("Déclaration d'intérêts à faire")
            tasks.append(SpaceTask(label=_("Déclarer vos intérêts : %(title)s") % {"title": title}, url=url, order=5))
        elif refusal is not None:
            state = _("Pas encore à noter")
        elif assignment.score_count < assignment.criterion_count:
            state = _("À noter : %(done)s critère(s) sur %(total)s") % {
                "done": assignment.score_count,
                "total": assignment.criterion_count,
            }
            tasks.append(SpaceTask(label=_("Noter %(title)s") % {"title": title}, url=url, order=5))
        else:
            state = _("Notée")
        items.append(SpaceItem(title=title, url=url, detail=application.call.title, status=state))
    return SpaceSection(
        key="evaluations",
        title=_("Mes évaluations"),
        items=tuple(items),
        tasks=tuple(tasks),
        empty=_("Aucune candidature ne vous est assignée."),
        links=((_("Toutes mes évaluations"), reverse("startups:review_list")),),
        order=10,
    )


@header_links.register
def reviewer_links(user) -> list[HeaderLink]:
    if not is_reviewer(user):
        return []
    return [
        HeaderLink(
            label=_("Mes évaluations"),
            url=reverse("startups:review_list"),
            view_names=("startups:review_list", "startups:review_detail"),
        )
    ]
