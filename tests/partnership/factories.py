"""Factories of the partnership scorecard's lines."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from partnership.constants import ContributionKind, ScorecardTopic
from partnership.models import PartnerContribution, ProcurementRecord, ScorecardClause
from tests.factories import OrganisationFactory, PartnershipFactory


class ContributionFactory(DjangoModelFactory):
    class Meta:
        model = PartnerContribution

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = ContributionKind.LICENCES
    description = "Licences de bureautique pour 40 postes"
    description_en = "Office licences for 40 workstations"
    value_eur = Decimal("12000.00")
    value_basis = "Prix public des licences"
    value_basis_en = "Public price of the licences"
    source_title = "Convention de partenariat"
    source_url = "https://www.example.org/convention"
    source_date = dt.date(2026, 3, 1)


class ClauseFactory(DjangoModelFactory):
    class Meta:
        model = ScorecardClause

    partnership = factory.SubFactory(PartnershipFactory)
    topic = ScorecardTopic.DURATION
    statement = "Trois ans à compter de la signature"
    statement_en = "Three years from signature"
    source_title = "Convention de partenariat"
    source_date = dt.date(2026, 3, 1)


class ProcurementRecordFactory(DjangoModelFactory):
    class Meta:
        model = ProcurementRecord

    partnership = factory.SubFactory(PartnershipFactory)
    decp_id = factory.Sequence(lambda n: f"2026-{n:04d}")
    buyer_siret = "21750001600019"  # Ville de Paris
    subject = "Licences de logiciels de bureautique"
    cpv_code = "48000000-8"
    notified_on = dt.date(2026, 4, 2)
    amount = Decimal("45000.00")
    holders = "SIRET:32773318400516"
    source_title = "Données essentielles de la commande publique"
    source_url = (
        "https://www.data.gouv.fr/fr/datasets/donnees-essentielles-de-la-commande-publique-fichiers-consolides/"
    )
