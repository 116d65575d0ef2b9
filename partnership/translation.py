import simple_history
from modeltranslation.translator import TranslationOptions, register

from common.history import HistoricalRecords

from .models import (
    City,
    Commitment,
    Organisation,
    PartnerContribution,
    PartnerRoleAssignment,
    Partnership,
    ProcurementRecord,
    ScorecardClause,
    Signatory,
)


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("description",)


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("title", "summary", "dates_note")


@register(PartnerRoleAssignment)
class PartnerRoleTranslation(TranslationOptions):
    fields = ("description",)


@register(Signatory)
class SignatoryTranslation(TranslationOptions):
    fields = ("position",)


@register(Commitment)
class CommitmentTranslation(TranslationOptions):
    fields = ("title", "description")


@register(PartnerContribution)
class PartnerContributionTranslation(TranslationOptions):
    fields = ("description", "value_basis")


@register(ScorecardClause)
class ScorecardClauseTranslation(TranslationOptions):
    fields = ("statement",)


for model in (City, Organisation, Partnership, PartnerRoleAssignment, Signatory, Commitment):
    simple_history.register(model, app=__package__, records_class=HistoricalRecords)
simple_history.register(PartnerContribution, app=__package__, records_class=HistoricalRecords)
simple_history.register(ProcurementRecord, app=__package__, records_class=HistoricalRecords)
# The file stays out of the history: a past version never points at a file that was replaced.
simple_history.register(ScorecardClause, app=__package__, records_class=HistoricalRecords, excluded_fields=["document"])
