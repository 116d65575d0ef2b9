"""Factories for the Lutèces d'Or: an edition in each phase, its categories, criteria, nominations and jurors."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from awards.constants import NominationKind, NominationStatus
from awards.models import Category, Criterion, Edition, Juror, Nomination
from awards.services import email_digest
from tests.factories import PartnershipFactory, UserFactory


def phase_dates(phase: str) -> dict:
    """Dates that put an edition in `phase`: nominations, jury (with the vote open), closed (all over)."""
    now = timezone.now()
    start = {
        "nominations": now - timedelta(days=5),
        "jury": now - timedelta(days=40),
        "closed": now - timedelta(days=90),
    }[phase]
    return {
        "nominations_open_at": start,
        "nominations_close_at": start + timedelta(days=30),
        "jury_opens_at": start + timedelta(days=31),
        "jury_closes_at": start + timedelta(days=60),
        "vote_opens_at": start + timedelta(days=31),
        "vote_closes_at": start + timedelta(days=55),
        "results_announced_for": start + timedelta(days=61),
    }


class EditionFactory(DjangoModelFactory):
    class Meta:
        model = Edition

    class Params:
        phase = "nominations"

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Lutèces d'Or {2000 + n}")
    title_en = factory.LazyAttribute(lambda o: o.title)
    slug = factory.Sequence(lambda n: f"lutece-d-or-{2000 + n}")
    is_published = True
    nominations_open_at = factory.LazyAttribute(lambda o: phase_dates(o.phase)["nominations_open_at"])
    nominations_close_at = factory.LazyAttribute(lambda o: phase_dates(o.phase)["nominations_close_at"])
    jury_opens_at = factory.LazyAttribute(lambda o: phase_dates(o.phase)["jury_opens_at"])
    jury_closes_at = factory.LazyAttribute(lambda o: phase_dates(o.phase)["jury_closes_at"])
    vote_opens_at = factory.LazyAttribute(lambda o: phase_dates(o.phase)["vote_opens_at"])
    vote_closes_at = factory.LazyAttribute(lambda o: phase_dates(o.phase)["vote_closes_at"])
    results_announced_for = factory.LazyAttribute(lambda o: phase_dates(o.phase)["results_announced_for"])


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Catégorie {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")
    kind = NominationKind.PROJECT
    public_vote = True


class CriterionFactory(DjangoModelFactory):
    class Meta:
        model = Criterion

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Critère {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1


class NominationFactory(DjangoModelFactory):
    class Meta:
        model = Nomination

    category = factory.SubFactory(CategoryFactory)
    status = NominationStatus.ACCEPTED
    name = factory.Sequence(lambda n: f"Projet libre {n}")
    description = "Un logiciel libre utile."
    repository_url = factory.Sequence(lambda n: f"https://framagit.org/exemple/projet-{n}")
    licence = "AGPL-3.0-or-later"
    nominator_digest = factory.Sequence(lambda n: email_digest("nominator", f"n{n}@example.org"))
    confirmed_at = factory.LazyFunction(timezone.now)


class JurorFactory(DjangoModelFactory):
    class Meta:
        model = Juror

    edition = factory.SubFactory(EditionFactory)
    user = factory.SubFactory(UserFactory)
