"""Generated rows for the benchmarks (not for tests): N initiatives and N places spread over the demo's
partnerships, categories, statuses, audiences and postcodes, with varied French and English texts.
Written with bulk_create in batches (the search vectors are filled by the database's trigger).

    from bench.data import generate; generate(initiatives=50_000, places=50_000)
"""

from __future__ import annotations

import random

WORDS = [
    "atelier",
    "formation",
    "numérique",
    "médiation",
    "accompagnement",
    "démarches",
    "inclusion",
    "robotique",
    "fablab",
    "vélo",
    "école",
    "collège",
    "jeunes",
    "seniors",
    "emploi",
    "insertion",
    "logiciel",
    "libre",
    "données",
    "ouvertes",
    "accessibilité",
    "quartier",
    "bibliothèque",
    "tablette",
    "ordinateur",
    "réparation",
    "codage",
    "cybersécurité",
    "parentalité",
    "santé",
    "administration",
    "services",
    "associations",
]
WORDS_EN = [
    "workshop",
    "training",
    "digital",
    "inclusion",
    "support",
    "procedures",
    "robotics",
    "fablab",
    "school",
    "youth",
    "seniors",
    "jobs",
    "free",
    "software",
    "open",
    "data",
    "accessibility",
    "library",
    "tablet",
    "computer",
    "repair",
    "coding",
    "security",
    "parenting",
    "health",
]
POSTCODES = [f"750{n:02d}" for n in range(1, 21)] + [f"6900{n}" for n in range(1, 10)]


SYLLABLES = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo", "qua", "tri"]
REAL_WORD_SHARE = 0.03  # a real word in 3 % of the word slots: "formation numérique" matches about 0.5 % of rows


def _sentence(rng: random.Random, words, count: int) -> str:
    """Mostly made-up words (a vocabulary of thousands, like a real catalogue's), some real ones."""
    return " ".join(
        rng.choice(words) if rng.random() < REAL_WORD_SHARE else "".join(rng.choices(SYLLABLES, k=3))
        for _ in range(count)
    ).capitalize()


def generate(initiatives: int, places: int = 0, seed: int = 16, batch: int = 2000, offset: int = 0) -> None:
    from initiatives.constants import Audience, InitiativeStatus, PlaceKind, PlacePublic, PlaceService, Technology
    from initiatives.models import Category, Initiative, Place
    from partnership.models import City, Partnership

    rng = random.Random(seed + offset)
    partnerships = list(Partnership.objects.all())
    categories = list(Category.objects.all())
    cities = list(City.objects.all())
    for start in range(0, initiatives, batch):
        rows = []
        for i in range(offset + start, offset + min(start + batch, initiatives)):
            rows.append(
                Initiative(
                    partnership=rng.choice(partnerships),
                    category=rng.choice(categories),
                    title_fr=_sentence(rng, WORDS, 4) + f" {i}",
                    title_en=_sentence(rng, WORDS_EN, 4) + f" {i}",
                    slug=f"bench-{i}",
                    summary_fr=_sentence(rng, WORDS, 12),
                    summary_en=_sentence(rng, WORDS_EN, 12),
                    description_fr=_sentence(rng, WORDS, 60),
                    description_en=_sentence(rng, WORDS_EN, 60),
                    audience=rng.choice(Audience.values),
                    status=rng.choice(InitiativeStatus.values),
                    technology=rng.choice(Technology.values),
                    is_published=rng.random() > 0.05,
                )
            )
        Initiative.objects.bulk_create(rows)
    for start in range(0, places, batch):
        rows = []
        for i in range(start, min(start + batch, places)):
            rows.append(
                Place(
                    name=f"Lieu {_sentence(rng, WORDS, 2)} {i}",
                    slug=f"bench-lieu-{i}",
                    kind=rng.choice(PlaceKind.values),
                    city=rng.choice(cities),
                    address=f"{i} rue du Numérique",
                    postcode=rng.choice(POSTCODES),
                    town="Paris",
                    latitude=48.80 + rng.random() / 10,
                    longitude=2.25 + rng.random() / 7,
                    opening_hours="Mo-Fr 09:00-18:00",
                    services=rng.sample(PlaceService.values, 2),
                    publics=rng.sample(PlacePublic.values, 1),
                )
            )
        Place.objects.bulk_create(rows)
