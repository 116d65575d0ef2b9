from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from partnership.admin_scoping import CityScopedAdminMixin, ScopedHistoryAdminMixin

from .models import Category, Initiative, Place
from .services import initiative_save, place_save


@admin.register(Category)
class CategoryAdmin(ScopedHistoryAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(Place)
class PlaceAdmin(CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "town", "postcode", "city", "identifier", "data_updated_on", "is_example"]
    list_filter = ["kind", "city", "is_example"]
    search_fields = ["name", "address", "postcode", "town", "identifier", "pivot"]
    prepopulated_fields = {"slug": ("name",)}
    list_select_related = ["city"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "city", "is_example"]}),
        (_("Identification (schéma national)"), {"fields": ["identifier", "pivot", "typology", "parent_organisation"]}),
        (
            _("Adresse"),
            {"fields": ["address", "address_complement", "postcode", "town", "insee_code", "latitude", "longitude"]},
        ),
        (_("Présentation"), {"fields": ["summary", "description", "opening_hours"]}),
        (
            _("Offre"),
            {
                "fields": [
                    "services",
                    "publics",
                    "specific_support",
                    "fees",
                    "access_modes",
                    "support_modes",
                    "mobility",
                    "national_programmes",
                    "labels",
                    "other_labels",
                ]
            },
        ),
        (
            _("Accessibilité et contact"),
            {
                "fields": [
                    "accessibility",
                    "acceslibre_url",
                    "booking_url",
                    "phone",
                    "email",
                    "other_emails",
                    "website",
                    "other_websites",
                ]
            },
        ),
        (_("Source"), {"fields": ["source", "data_updated_on"]}),
    ]

    def save_model(self, request, obj, form, change):
        place_save(place=obj, changed_fields=form.changed_data)


@admin.register(Initiative)
class InitiativeAdmin(CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "partnership", "category", "audience", "status", "technology", "is_published"]
    list_filter = [Initiative.city_path, "partnership", "category", "audience", "status", "technology", "is_published"]
    search_fields = ["title", "summary", "description"]
    prepopulated_fields = {"slug": ("title_fr",)}
    list_select_related = [Initiative.city_path, "category"]
    autocomplete_fields = ["partnership", "place"]
    date_hierarchy = "starts_on"
    readonly_fields = ["published_at"]

    def save_model(self, request, obj, form, change):
        was_published = bool(change and form.initial.get("is_published"))
        initiative_save(initiative=obj, was_published=was_published)
