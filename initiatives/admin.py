from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from partnership.admin_mixins import CityScopedAdminMixin

from .models import Category, Initiative, Place


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(Place)
class PlaceAdmin(CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "town", "postcode", "city", "is_example"]
    list_filter = ["kind", "city", "is_example"]
    search_fields = ["name", "address", "postcode", "town"]
    prepopulated_fields = {"slug": ("name",)}
    list_select_related = ["city"]


@admin.register(Initiative)
class InitiativeAdmin(CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    city_field = "partnership__city"
    list_display = ["title", "partnership", "category", "audience", "status", "technology", "is_published"]
    list_filter = ["partnership__city", "partnership", "category", "audience", "status", "technology", "is_published"]
    search_fields = ["title", "summary", "description"]
    prepopulated_fields = {"slug": ("title_fr",)}
    list_select_related = ["partnership", "partnership__city", "category"]
    autocomplete_fields = ["partnership", "place"]
    date_hierarchy = "starts_on"
