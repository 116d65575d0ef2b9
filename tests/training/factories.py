"""Factories for training: a job-training initiative, programmes, sessions with days, registrations."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from initiatives.constants import CategorySlug
from tests.factories import CategoryFactory, InitiativeFactory, PlaceFactory, UserFactory
from training.constants import RegistrationStatus, Situation, Trade
from training.models import Programme, Registration, Session


class JobTrainingInitiativeFactory(InitiativeFactory):
    category = factory.SubFactory(CategoryFactory, slug=CategorySlug.JOB_TRAINING)


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    initiative = factory.SubFactory(JobTrainingInitiativeFactory)
    title = factory.Sequence(lambda n: f"Formation numéro {n}")
    title_en = factory.Sequence(lambda n: f"Course number {n}")
    slug = factory.Sequence(lambda n: f"formation-{n}")
    trade = Trade.WEB_DEVELOPER
    summary = factory.Faker("sentence", locale="fr_FR")
    summary_en = "A course."
    duration_hours = 35


class SessionFactory(DjangoModelFactory):
    """An open session in ten days, 9:00–17:00 Paris time on one day, at a place in the programme's city."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    class Params:
        in_days = 10

    programme = factory.SubFactory(ProgrammeFactory)
    starts_at = factory.LazyAttribute(
        lambda o: timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + dt.timedelta(days=o.in_days)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=8))
    registration_deadline = factory.LazyAttribute(lambda o: o.starts_at - dt.timedelta(days=2))
    place = factory.SubFactory(PlaceFactory, city=factory.SelfAttribute("..programme.initiative.partnership.city"))
    capacity = 3

    @factory.post_generation
    def days(self, create, extracted, **kwargs):
        if create:
            from training.services import session_sync_days

            session_sync_days(session=self)


class RegistrationFactory(DjangoModelFactory):
    """A raw row (no service, no email); tests of the rules go through training.services."""

    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(UserFactory)
    status = RegistrationStatus.CONFIRMED
    seat_number = factory.Sequence(lambda n: n + 1)
    situation = Situation.JOB_SEEKER_REGISTERED
    motivation = "Je veux devenir développeuse."
    consent = True


def register(session, person=None, **kwargs):
    from training.services import registration_create

    values = {
        "situation": Situation.JOB_SEEKER_REGISTERED,
        "motivation": "Changer de métier et travailler dans le numérique.",
        "consent": True,
    }
    values.update(kwargs)
    return registration_create(session=session, person=person or UserFactory(), **values)
