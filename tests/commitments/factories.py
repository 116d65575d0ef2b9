"""Factories for the commitments' follow-up: a partner's attestation contact, progress updates, questions."""

import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from pypdf import PdfWriter

from commitments.constants import QuestionStatus, UpdateStatus
from commitments.models import AttestationContact, ProgressUpdate, Question
from tests.factories import CommitmentFactory, OrganisationFactory


def pdf_file(name: str = "rapport.pdf") -> ContentFile:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return ContentFile(buffer.getvalue(), name=name)


class AttestationContactFactory(DjangoModelFactory):
    class Meta:
        model = AttestationContact

    partnership = factory.SubFactory("tests.factories.PartnershipFactory")
    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Dominique Partenaire {n}")
    position = "Directrice des relations publiques"
    email = factory.Sequence(lambda n: f"contact{n}@partenaire.example")
    language = "fr"


class ProgressUpdateFactory(DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    contact = factory.SubFactory(
        AttestationContactFactory, partnership=factory.SelfAttribute("..commitment.partnership")
    )
    progress = 40
    summary = "Dix ateliers tenus dans trois bibliothèques."
    evidence_url = "https://www.example.org/bilan"
    status = UpdateStatus.PROPOSED
    requested_at = factory.LazyFunction(timezone.now)


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    commitment = factory.SubFactory(CommitmentFactory)
    text = "Combien de personnes ont suivi ces ateliers ?"
    email = "habitante@example.org"
    language = "fr"
    status = QuestionStatus.PENDING


def attested_update(commitment, *, status=UpdateStatus.CONFIRMED, note="", with_file=True, **fields) -> ProgressUpdate:
    """An update the partner has answered (confirmed by default), with a PDF and a link as evidence."""
    update = ProgressUpdateFactory(
        commitment=commitment,
        status=status,
        responded_at=timezone.now(),
        response_note=note or ("Nos chiffres diffèrent." if status == UpdateStatus.DISPUTED else ""),
        attested_by_name="Alex Martin",
        attested_by_organisation="Éditeur SA",
        evidence_file=pdf_file() if with_file else "",
        **fields,
    )
    return update


def answered_question(commitment, *, text="Combien d'ateliers ?", answer="Trente.") -> Question:
    return QuestionFactory(
        commitment=commitment,
        text=text,
        answer=answer,
        email="",
        status=QuestionStatus.ANSWERED,
        answered_at=timezone.now(),
        moderated_at=timezone.now(),
    )
