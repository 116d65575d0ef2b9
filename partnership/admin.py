from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from .admin_mixins import CityScopedAdminMixin
from .models import City, Commitment, Organisation, PartnerRoleAssignment, Partnership, Signatory


@admin.register(City)
class CityAdmin(CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    city_field = "self"
    list_display = ["name", "slug", "insee_code"]
    search_fields = ["name", "insee_code"]
    prepopulated_fields = {"slug": ("name_fr",)}
    filter_horizontal = ["staff"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "is_innovation_actor", "website"]
    list_filter = ["kind", "is_innovation_actor", "cities"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ["cities", "viewers"]


class PartnerRoleInline(TranslationTabularInline):
    model = PartnerRoleAssignment
    extra = 0
    autocomplete_fields = ["organisation"]


class SignatoryInline(TranslationTabularInline):
    model = Signatory
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Partnership)
class PartnershipAdmin(CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    partnership_field = "self"
    readonly_fields = ["figures"]
    list_display = ["title", "city", "status", "announced_on", "signed_on", "initiative_count"]
    list_filter = ["city", "status"]
    search_fields = ["title", "summary", "partners__name"]
    prepopulated_fields = {"slug": ("title_fr",)}
    list_select_related = ["city"]
    inlines = [PartnerRoleInline, SignatoryInline]
    date_hierarchy = "announced_on"

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_initiative_count=Count("initiatives"))

    @admin.display(description=_("initiatives"), ordering="_initiative_count")
    def initiative_count(self, obj):
        return obj._initiative_count

    @admin.display(description=_("ce que le partenariat a apporté"))
    def figures(self, obj):
        if obj.pk is None:
            return "—"
        from django.template.loader import render_to_string

        from .transparency import partnership_figures

        return render_to_string("partnership/_figures.html", {"figures": partnership_figures([obj])[obj.pk]})


@admin.register(Commitment)
class CommitmentAdmin(CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    city_field = "partnership__city"
    partnership_field = "partnership"
    list_display = ["title", "partnership", "status", "progress"]
    list_filter = ["status", "partnership__city", "partnership"]
    search_fields = ["title", "description"]
    list_select_related = ["partnership", "partnership__city"]
    autocomplete_fields = ["partnership", "initiatives"]
