"""The sections of an application form, which of their fields are required, and the progress through them.

The same definitions drive the forms (one form per section), the progress indicator and the check made
before submission, so "complete" means the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .constants import RecommendationStatus

COMPANY = "entreprise"
PROJECT = "projet"
CONTACT = "contact"
RECOMMENDATION = "recommandation"
DOCUMENTS = "documents"
SUBMIT = "depot"

GREEN_FIELDS = ("environmental_impact", "impact_measurement")


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    fields: tuple[str, ...] = ()
    required: tuple[str, ...] = field(default=())


_ALL_STEPS = (
    Step(
        COMPANY,
        _("Entreprise"),
        ("company_name", "siret", "legal_form", "founded_on", "team_size", "stage", "sector", "website"),
        ("company_name", "siret", "legal_form", "founded_on", "team_size", "stage", "sector"),
    ),
    Step(
        PROJECT,
        _("Projet"),
        ("product_description", "environmental_impact", "impact_measurement", "sought"),
        ("product_description", "environmental_impact", "impact_measurement", "sought"),
    ),
    Step(
        CONTACT,
        _("Contact"),
        ("contact_name", "contact_email", "contact_phone"),
        ("contact_name", "contact_email"),
    ),
    Step(RECOMMENDATION, _("Recommandation")),
    Step(DOCUMENTS, pgettext_lazy("pitch deck", "Présentation"), ("pitch_deck",), ("pitch_deck",)),
    Step(SUBMIT, _("Vérification et dépôt")),
)


def steps_for(call) -> list[Step]:
    """The sections of this call's form: the green call asks for the environmental impact, and the
    recommendation section appears only where the call requires one."""
    steps = []
    for step in _ALL_STEPS:
        if step.slug == RECOMMENDATION and not call.requires_recommendation:
            continue
        if step.slug == PROJECT and not call.is_green:
            step = Step(
                step.slug,
                step.title,
                tuple(f for f in step.fields if f not in GREEN_FIELDS),
                tuple(f for f in step.required if f not in GREEN_FIELDS),
            )
        steps.append(step)
    return steps


def step_by_slug(call, slug: str) -> Step | None:
    return next((step for step in steps_for(call) if step.slug == slug), None)


def recommendation_requested(application) -> bool:
    recommendation = getattr(application, "recommendation", None)
    return recommendation is not None and recommendation.status in (
        RecommendationStatus.PENDING,
        RecommendationStatus.CONFIRMED,
    )


def step_is_complete(application, step: Step) -> bool:
    if step.slug == SUBMIT:
        return not application.is_draft
    if step.slug == RECOMMENDATION:
        return recommendation_requested(application)
    return all(getattr(application, name) not in ("", None) for name in step.required)


def missing_steps(application) -> list[Step]:
    """The sections still to fill before the application can be submitted."""
    return [s for s in steps_for(application.call) if s.slug != SUBMIT and not step_is_complete(application, s)]


def progress(call, application=None, current: str | None = None) -> dict:
    """What the progress indicator shows: each section with its state, and how many are done.
    `application` is None before the first section is saved."""
    items = []
    for number, step in enumerate(steps_for(call), start=1):
        done = application is not None and step_is_complete(application, step)
        items.append({"number": number, "step": step, "done": done, "current": step.slug == current})
    done_count = sum(1 for item in items if item["done"])
    return {"items": items, "done": done_count, "total": len(items)}


def next_step(call, slug: str) -> Step | None:
    steps = steps_for(call)
    for index, step in enumerate(steps):
        if step.slug == slug and index + 1 < len(steps):
            return steps[index + 1]
    return None
