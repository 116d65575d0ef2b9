import simple_history
from modeltranslation.translator import TranslationOptions, register

from common.history import HistoricalRecords

from .models import SportsResource


@register(SportsResource)
class SportsResourceTranslation(TranslationOptions):
    fields = ("name", "description")


# History after the translator (see FIELD-NOTES: HistoricalRecords on a translated model breaks saves).
simple_history.register(SportsResource, app=__package__, records_class=HistoricalRecords)
