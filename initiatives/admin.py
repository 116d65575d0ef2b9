from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ServiceWritesAdminMixin, run_service_action
from partnership.admin_scoping import CityScopedAdminMixin, ScopedHistoryAdminMixin

from .models import Category, Initiative, Place, PlaceReport
from .services import initiative_save, place_report_handle, place_save


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


@admin.register(PlaceReport)
class PlaceReportAdmin(ServiceWritesAdminMixin, CityScopedAdminMixin, SimpleHistoryAdmin):
    """Errors reported by anyone from a place's page. Staff correct the place (its history is one click away),
    then mark the report handled with the action; only the team's note is edited here."""

    history_revertible = False  # "handled" goes through the service only

    list_display = ["place", "topic", "status", "created_at", "handled_at"]
    list_filter = ["status", "topic", PlaceReport.city_path]
    search_fields = ["place__name", "message"]
    list_select_related = ["place", PlaceReport.city_path]
    date_hierarchy = "created_at"
    fields = [
        "place",
        "place_links",
        "topic",
        "message",
        "language",
        "status",
        "created_at",
        "handled_at",
        "handled_by",
        "staff_note",
    ]
    readonly_fields = ["place_links", "created_at"]
    actions = ["mark_handled"]

    def has_add_permission(self, request):
        return False  # reports come from the public form

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("place", PlaceReport.city_path, "handled_by")

    @admin.display(description=_("fiche et historique du lieu"))
    def place_links(self, obj):
        if obj is None or obj.place_id is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:initiatives_place_change", args=[obj.place_id]),
            _("Modifier le lieu"),
            reverse("admin:initiatives_place_history", args=[obj.place_id]),
            _("Historique du lieu"),
            obj.place.get_absolute_url(),
            _("Page publique"),
        )

    @admin.action(description=_("Marquer les signalements sélectionnés comme traités"), permissions=["change"])
    def mark_handled(self, request, queryset):
        run_service_action(
            self,
            request,
            queryset,
            lambda report: place_report_handle(report=report, by=request.user),
            done_message=ngettext_lazy(
                "%(count)d signalement marqué comme traité.", "%(count)d signalements marqués comme traités.", "count"
            ),
        )
