"""Factories for calls, applications and reviews (valid SIRETs, a real minimal PDF)."""

import io
from datetime import date, timedelta

import factory
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from pypdf import PdfWriter

from accounts.roles import REVIEWERS
from initiatives.constants import CategorySlug
from startups.constants import ApplicationStatus, LegalForm, Sector, Stage
from startups.models import Application, Call, Criterion, Recommendation, ReviewAssignment
from tests.factories import CategoryFactory, InitiativeFactory, OrganisationFactory, UserFactory


def one_page_pdf() -> bytes:
    """A valid one-page PDF, as pypdf writes it (the portal reads pitch decks strictly)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


MINIMAL_PDF = one_page_pdf()


def with_luhn_key(first13: str) -> str:
    """Append the digit that makes `first13` a valid Luhn number (a valid SIRET)."""
    for key in "0123456789":
        candidate = first13 + key
        total = 0
        for position, char in enumerate(reversed(candidate)):
            digit = int(char) * (2 if position % 2 else 1)
            total += digit - 9 if digit > 9 else digit
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


class CallFactory(DjangoModelFactory):
    class Meta:
        model = Call

    initiative = factory.SubFactory(
        InitiativeFactory, category=factory.SubFactory(CategoryFactory, slug=CategorySlug.STARTUP_SUPPORT)
    )
    title = factory.Sequence(lambda n: f"Appel aux start-ups {n}")
    title_en = factory.Sequence(lambda n: f"Start-up call {n}")
    slug = factory.Sequence(lambda n: f"appel-{n}")
    summary = "Un accompagnement pour les jeunes entreprises."
    summary_en = "Support for young companies."
    eligibility = "Entreprises de moins de cinq ans."
    offer = "Conseil et mentorat."
    offers_advice = True
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Params:
        green = factory.Trait(
            initiative=factory.SubFactory(
                InitiativeFactory, category=factory.SubFactory(CategoryFactory, slug=CategorySlug.GREEN_SOFTWARE)
            )
        )


class CriterionFactory(DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    name = factory.Sequence(lambda n: f"Critère {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1
    order = factory.Sequence(int)


class ApplicationFactory(DjangoModelFactory):
    """A draft with every section filled except the pitch deck (pass pitch_deck=pdf_file() for it)."""

    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    applicant = factory.SubFactory(UserFactory)
    status = ApplicationStatus.DRAFT
    company_name = factory.Sequence(lambda n: f"Jeune Pousse {n}")
    siret = factory.Sequence(lambda n: with_luhn_key(f"{800000000 + n:09d}0001"))
    legal_form = LegalForm.SAS
    founded_on = date(2024, 3, 1)
    team_size = 4
    stage = Stage.PROTOTYPE
    sector = Sector.CIVIC
    product_description = "Une application qui simplifie les démarches."
    environmental_impact = factory.LazyAttribute(lambda o: "Moins de papier." if o.call.is_green else "")
    impact_measurement = factory.LazyAttribute(lambda o: "Pages économisées par an." if o.call.is_green else "")
    sought = "Du conseil commercial."
    contact_name = "Camille Martin"
    contact_email = factory.LazyAttribute(lambda o: o.applicant.email)


def pdf_file(name: str = "presentation.pdf") -> ContentFile:
    return ContentFile(MINIMAL_PDF, name=name)


class InnovationActorFactory(OrganisationFactory):
    kind = "association"
    is_innovation_actor = True


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation

    application = factory.SubFactory(ApplicationFactory)
    organisation = factory.SubFactory(InnovationActorFactory)
    contact_email = "incubateur@example.org"
    requested_at = factory.LazyFunction(timezone.now)


class ReviewerFactory(UserFactory):
    @factory.post_generation
    def reviewer_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=REVIEWERS)[0])


class ReviewAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = ReviewAssignment

    application = factory.SubFactory(ApplicationFactory)
    reviewer = factory.SubFactory(ReviewerFactory)
