import simple_history
from modeltranslation.translator import TranslationOptions, register

from common.history import HistoricalRecords

from .models import Programme, Session


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "prerequisites", "eligibility", "outcomes")


@register(Session)
class SessionTranslation(TranslationOptions):
    # What staff write about one session: people who registered in English read it in English (page, emails,
    # .ics), French where it has no English yet.
    fields = ("remote_details", "practical_info")


# History after the translator (see FIELD-NOTES: HistoricalRecords on a translated model breaks saves).
simple_history.register(Programme, app=__package__, records_class=HistoricalRecords)
simple_history.register(Session, app=__package__, records_class=HistoricalRecords)
