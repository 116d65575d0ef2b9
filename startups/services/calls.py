"""Calls: the default rubric a call starts with (the green call adds the environmental impact)."""

from __future__ import annotations

from django.db import transaction

from ..models import Call, Criterion

# (name_fr, name_en, description_fr, description_en, weight)
DEFAULT_RUBRIC = [
    (
        "Caractère innovant",
        "Innovation",
        "Ce que le produit ou le service apporte de nouveau, et à qui.",
        "What the product or service brings that is new, and to whom.",
        3,
    ),
    (
        "Équipe",
        "Team",
        "La capacité de l'équipe à mener le projet.",
        "The team's ability to carry the project.",
        2,
    ),
    (
        "Marché et modèle économique",
        "Market and business model",
        "Les clients visés et la façon dont l'entreprise vivra.",
        "The customers targeted and how the company will make a living.",
        2,
    ),
    (
        "Adéquation avec l'accompagnement",
        "Fit with the support offered",
        "Ce que l'accompagnement proposé changerait pour l'entreprise.",
        "What the support on offer would change for the company.",
        1,
    ),
]
ENVIRONMENTAL_CRITERION = (
    "Impact environnemental",
    "Environmental impact",
    "L'impact attendu sur l'environnement et le sérieux de sa mesure.",
    "The expected effect on the environment and how seriously it is measured.",
    3,
)


def default_rubric(call: Call) -> list[tuple[str, str, str, str, int]]:
    return DEFAULT_RUBRIC + ([ENVIRONMENTAL_CRITERION] if call.is_green else [])


@transaction.atomic
def call_ensure_rubric(*, call: Call) -> list[Criterion]:
    """Give a call without criteria the default rubric; a call that has criteria keeps them."""
    existing = list(call.criteria.all())
    if existing:
        return existing
    criteria = []
    for order, (name_fr, name_en, description_fr, description_en, weight) in enumerate(default_rubric(call)):
        criterion = Criterion(
            call=call,
            name_fr=name_fr,
            name_en=name_en,
            description_fr=description_fr,
            description_en=description_en,
            weight=weight,
            order=order,
        )
        criterion.full_clean()
        criterion.save()
        criteria.append(criterion)
    return criteria
