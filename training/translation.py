import simple_history
from modeltranslation.translator import TranslationOptions, register

from common.history import HistoricalRecords

from .models import Programme


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "prerequisites", "eligibility", "outcomes")


# History after the translator (see FIELD-NOTES: HistoricalRecords on a translated model breaks saves).
simple_history.register(Programme, app=__package__, records_class=HistoricalRecords)
