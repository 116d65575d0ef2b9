import simple_history
from modeltranslation.translator import TranslationOptions, register

from common.history import HistoricalRecords

from .models import Call, Criterion


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("title", "summary", "eligibility", "offer")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name", "description")


# History after the translator (see FIELD-NOTES: HistoricalRecords on a translated model breaks saves).
for model in (Call, Criterion):
    simple_history.register(model, app=__package__, records_class=HistoricalRecords)
