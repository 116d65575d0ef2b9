import simple_history
from modeltranslation.translator import TranslationOptions, register

from common.history import HistoricalRecords

from .models import Category, Initiative, Place


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Place)
class PlaceTranslation(TranslationOptions):
    fields = ("summary", "description", "accessibility")


@register(Initiative)
class InitiativeTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "how_to_take_part")


# History after the translator (see FIELD-NOTES: HistoricalRecords on a translated model breaks saves).
for model in (Category, Place):
    simple_history.register(model, app=__package__, records_class=HistoricalRecords)
# The search vector is derived from the texts by the database: no history of it.
simple_history.register(Initiative, app=__package__, records_class=HistoricalRecords, excluded_fields=["search_vector"])
