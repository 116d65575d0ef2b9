"""Demo Lutèces d'Or, on the Paris free-software partnership with ASS2L (partnership/demo): the article names
the awards and nothing more, so every edition, category, date and entry below is invented and marked as an
example. Two editions: 2025, results published; 2026, nominations open from the day the demo is loaded.
Idempotent: keyed by slug (entries by edition, category and name)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from partnership.models import Partnership

from .constants import NominationKind, NominationStatus, Prize
from .models import Category, Criterion, Edition, Laureate, Nomination
from .services.links import email_digest

CATEGORIES = [
    (
        "projet-libre",
        NominationKind.PROJECT,
        True,
        ("Projet libre de l'année", "Free-software project of the year"),
        (
            "Un logiciel libre utile aux Parisiens ou aux services publics.",
            "Free software useful to Parisians or to public services.",
        ),
    ),
    (
        "entreprise-du-libre",
        NominationKind.COMPANY,
        False,
        ("Entreprise du libre", "Free-software company"),
        (
            "Une entreprise dont l'activité repose sur le logiciel libre et y contribue.",
            "A company whose business rests on free software and contributes to it.",
        ),
    ),
    (
        "administration-ouverte",
        NominationKind.PROJECT,
        False,
        ("Logiciel libre pour l'administration", "Free software for public administration"),
        (
            "Un logiciel libre adopté par une collectivité ou un service public.",
            "Free software adopted by a local authority or a public service.",
        ),
    ),
]
CRITERIA = [
    (("Utilité pour le public", "Usefulness to the public"), 3),
    (("Qualité et ouverture du développement", "Quality and openness of development"), 2),
    (("Communauté et documentation", "Community and documentation"), 1),
]
# (category slug, name, organisation, domain, repository or website, licence)
ENTRIES = [
    (
        "projet-libre",
        "Carto'Quartier",
        "Association Carto'Quartier",
        "cartoquartier.example",
        "https://framagit.org/cartoquartier/cartoquartier",
        "AGPL-3.0-or-later",
    ),
    ("projet-libre", "Agenda Solidaire", "", "", "https://codeberg.org/agenda-solidaire/agenda", "GPL-3.0-or-later"),
    (
        "projet-libre",
        "Bibliothèque Numérique Ouverte",
        "Collectif BNO",
        "bno.example",
        "https://gitlab.com/bno/bno",
        "MIT",
    ),
    (
        "entreprise-du-libre",
        "Libre Service Conseil",
        "Libre Service Conseil",
        "libre-service.example",
        "https://www.libre-service.example",
        "Apache-2.0",
    ),
    (
        "entreprise-du-libre",
        "Coopérative Logiciels Communs",
        "Coopérative Logiciels Communs",
        "logiciels-communs.example",
        "https://logiciels-communs.example",
        "EUPL-1.2",
    ),
    (
        "administration-ouverte",
        "Registre des Marchés Ouverts",
        "",
        "",
        "https://framagit.org/marches-ouverts/registre",
        "EUPL-1.2",
    ),
]
LAUREATES_2025 = [
    ("projet-libre", "Carto'Quartier", Prize.JURY, Decimal("4.33"), 128),
    ("projet-libre", "Agenda Solidaire", Prize.PUBLIC, Decimal("3.83"), 214),
    ("entreprise-du-libre", "Coopérative Logiciels Communs", Prize.JURY, Decimal("4.17"), None),
    ("administration-ouverte", "Registre des Marchés Ouverts", Prize.JURY, Decimal("4.50"), None),
]


def _dates(year: int, now) -> dict:
    if year == 2025:
        start = now - timedelta(days=300)
        return {
            "nominations_open_at": start,
            "nominations_close_at": start + timedelta(days=45),
            "jury_opens_at": start + timedelta(days=46),
            "jury_closes_at": start + timedelta(days=80),
            "vote_opens_at": start + timedelta(days=50),
            "vote_closes_at": start + timedelta(days=75),
            "results_announced_for": start + timedelta(days=85),
        }
    start = now - timedelta(days=10)
    return {
        "nominations_open_at": start,
        "nominations_close_at": start + timedelta(days=50),
        "jury_opens_at": start + timedelta(days=51),
        "jury_closes_at": start + timedelta(days=85),
        "vote_opens_at": start + timedelta(days=55),
        "vote_closes_at": start + timedelta(days=80),
        "results_announced_for": start + timedelta(days=90),
    }


def _edition(partnership, year: int, now) -> Edition:
    values = {
        "partnership": partnership,
        "title_fr": f"Lutèces d'Or {year} (exemple)",
        "title_en": f"Lutèces d'Or {year} (example)",
        "intro_fr": "Les Lutèces d'Or distinguent des projets et des entreprises du logiciel libre. La Ville de Paris "
        "les organise avec l'ASS2L (Association des Sociétés de Services en Logiciels Libres). Édition inventée pour "
        "la démonstration.",
        "intro_en": "The Lutèces d'Or awards recognise free-software projects and companies. The City of Paris runs them "
        "with ASS2L (the association of free-software service companies). An edition made up for the demo.",
        "is_published": True,
        "is_example": True,
        **_dates(year, now),
    }
    edition = Edition.objects.update_or_create(slug=f"lutece-d-or-{year}", defaults=values)[0]
    for order, (slug, kind, public_vote, names, descriptions) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            edition=edition,
            slug=slug,
            defaults={
                "kind": kind,
                "public_vote": public_vote,
                "order": order,
                "name_fr": names[0],
                "name_en": names[1],
                "description_fr": descriptions[0],
                "description_en": descriptions[1],
            },
        )
    for order, (names, weight) in enumerate(CRITERIA):
        Criterion.objects.update_or_create(
            edition=edition, order=order, defaults={"name_fr": names[0], "name_en": names[1], "weight": weight}
        )
    categories = {category.slug: category for category in edition.categories.all()}
    for slug, name, organisation, domain, url, licence in ENTRIES:
        is_company = categories[slug].kind == NominationKind.COMPANY
        # Demo entries once said "(exemple)" in their name; the badge says it now, in the reader's language.
        Nomination.objects.filter(category=categories[slug], name=f"{name} (exemple)", is_example=True).update(
            name=name
        )
        Nomination.objects.update_or_create(
            category=categories[slug],
            name=name,
            defaults={
                "description": "Proposition inventée pour la démonstration.",
                "organisation": organisation,
                "organisation_domain": domain,
                "website": url if is_company else "",
                "repository_url": "" if is_company else url,
                "licence": licence,
                "status": NominationStatus.ACCEPTED,
                "nominator_digest": email_digest("nominator", "exemple@demo.partenariats.example"),
                "confirmed_at": edition.nominations_open_at + timedelta(days=3),
                "moderated_at": edition.nominations_open_at + timedelta(days=4),
                "is_example": True,
            },
        )
    return edition


@transaction.atomic
def load() -> None:
    partnership = Partnership.objects.filter(slug="paris-logiciel-libre").first()
    if partnership is None:
        return
    now = timezone.now()
    past = _edition(partnership, 2025, now)
    _edition(partnership, 2026, now)
    categories = {category.slug: category for category in past.categories.all()}
    for slug, name, prize, score, votes in LAUREATES_2025:
        Laureate.objects.update_or_create(
            category=categories[slug],
            prize=prize,
            defaults={
                "nomination": Nomination.objects.get(category=categories[slug], name=name),
                "jury_score": score,
                "votes": votes,
            },
        )
    Edition.objects.filter(pk=past.pk).update(results_published_at=past.results_announced_for)
