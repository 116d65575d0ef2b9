import simple_history
from modeltranslation.translator import TranslationOptions, register

from common.history import HistoricalRecords

from .models import City, Commitment, Organisation, PartnerRoleAssignment, Partnership, Signatory


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


for model in (City, Organisation, Partnership, PartnerRoleAssignment, Signatory, Commitment):
    simple_history.register(model, app=__package__, records_class=HistoricalRecords)
