"""Demo calls: one open call per start-up support or green-software initiative of the seed article.

The article names these initiatives but no call, dates or criteria: every call here is an example
(is_example=True). Dates are set relative to the day the demo is loaded, so the calls are open.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from initiatives.models import Initiative

from .models import Call
from .services import call_ensure_rubric

CALLS = [
    {
        "initiative": "conseils-aux-start-ups-parisiennes",
        "slug": "conseil-start-ups-paris",
        "title_fr": "Conseil aux start-ups parisiennes",
        "title_en": "Advice for Paris start-ups",
        "summary_fr": "Des séances de conseil avec les experts du partenaire pour les jeunes entreprises innovantes parisiennes.",
        "summary_en": "Advice sessions with the partner's experts for young innovative companies in Paris.",
        "eligibility_fr": "Entreprises immatriculées à Paris, créées depuis moins de cinq ans, qui développent un produit numérique.",
        "eligibility_en": "Companies registered in Paris, less than five years old, developing a digital product.",
        "offer_fr": "Six demi-journées de conseil (technique, commercial, juridique) et un mentor pendant six mois.",
        "offer_en": "Six half-days of advice (technical, sales, legal) and a mentor for six months.",
        "offers_advice": True,
        "offers_mentoring": True,
        "requires_recommendation": False,
    },
    {
        "initiative": "soutien-logiciels-protection-environnement",
        "slug": "logiciels-verts-paris",
        "title_fr": "Soutien aux entreprises du logiciel pour l'environnement",
        "title_en": "Support for companies building software for the environment",
        "summary_fr": "Un accompagnement pour les entreprises qui développent des logiciels en faveur de la protection de l'environnement.",
        "summary_en": "Support for companies developing software that protects the environment.",
        "eligibility_fr": "Entreprises dont le logiciel réduit un impact environnemental mesurable (énergie, émissions, ressources, biodiversité).",
        "eligibility_en": "Companies whose software reduces a measurable environmental impact (energy, emissions, resources, biodiversity).",
        "offer_fr": "Conseil, mise à disposition de ressources techniques et aide financière pour les projets retenus.",
        "offer_en": "Advice, technical resources and funding for the projects selected.",
        "offers_advice": True,
        "offers_funding": True,
        "requires_recommendation": False,
    },
    {
        "initiative": "aides-aux-start-ups-lyonnaises",
        "slug": "aides-start-ups-lyon",
        "title_fr": "Aides aux start-ups lyonnaises les plus prometteuses",
        "title_en": "Support for the most promising Lyon start-ups",
        "summary_fr": "Des aides aux start-ups lyonnaises recommandées par un acteur régional de l'innovation.",
        "summary_en": "Support for Lyon start-ups recommended by a regional innovation actor.",
        "eligibility_fr": (
            "Start-ups installées dans la métropole de Lyon, recommandées par un acteur régional de l'innovation "
            "(incubateur, pôle de compétitivité)."
        ),
        "eligibility_en": (
            "Start-ups based in the Lyon metropolitan area, recommended by a regional innovation actor "
            "(incubator, competitiveness cluster)."
        ),
        "offer_fr": "Un financement d'amorçage, du conseil et un accès aux programmes du partenaire.",
        "offer_en": "Seed funding, advice and access to the partner's programmes.",
        "offers_advice": True,
        "offers_funding": True,
        "offers_mentoring": True,
        "requires_recommendation": True,
    },
]


@transaction.atomic
def load() -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    initiatives = {i.slug: i for i in Initiative.objects.filter(slug__in=[c["initiative"] for c in CALLS])}
    for data in CALLS:
        data = dict(data)
        initiative = initiatives.get(data.pop("initiative"))
        if initiative is None:
            continue
        slug = data.pop("slug")
        existing = Call.objects.filter(slug=slug).first()
        dates = {
            "opens_at": now - timedelta(days=14),
            "closes_at": (now + timedelta(days=75)).replace(hour=12),
            "published_at": now - timedelta(days=14),
        }
        if existing is not None and existing.is_open:
            dates = {}  # loading again keeps an open call's dates (and its place in the alerts)
        call, _created = Call.objects.update_or_create(
            slug=slug, defaults={**data, **dates, "initiative": initiative, "is_example": True}
        )
        call_ensure_rubric(call=call)
