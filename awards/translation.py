import simple_history
from modeltranslation.translator import TranslationOptions, register

from common.history import HistoricalRecords

from .models import Category, Criterion, Edition


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("title", "intro")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name",)


# History after the translator (see FIELD-NOTES: HistoricalRecords on a translated model breaks saves).
for model in (Edition, Category, Criterion):
    simple_history.register(model, app=__package__, records_class=HistoricalRecords)
