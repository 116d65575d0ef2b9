from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from common.uploads import upload_limit

from .admin_scoping import CityScopedAdminMixin, ScopedHistoryAdminMixin, StaffCitiesListFilter
from .constants import AGREEMENT_MAX_BYTES
from .models import (
    City,
    Commitment,
    Organisation,
    PartnerContribution,
    PartnerRoleAssignment,
    Partnership,
    ProcurementRecord,
    ScorecardClause,
    Signatory,
)
from .scoping import staff_city_ids


@admin.register(City)
class CityAdmin(CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "slug", "insee_code"]
    search_fields = ["name", "insee_code"]
    prepopulated_fields = {"slug": ("name_fr",)}
    filter_horizontal = ["staff"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        # Who administers a city is decided by a superuser, not by the city's staff themselves.
        return [] if request.user.is_superuser else ["slug", "staff"]

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if request.user.is_superuser else {}


@admin.register(Organisation)
class OrganisationAdmin(ScopedHistoryAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    """Organisations are shared between cities (Microsoft works with Paris and Lyon): city staff may list
    them and add new ones for their city; only an organisation that works in their cities alone can be
    changed by them, and only a superuser names its partner accounts."""

    list_display = ["name", "kind", "is_innovation_actor", "website"]
    list_filter = ["kind", "is_innovation_actor", ("cities", StaffCitiesListFilter)]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ["cities", "viewers"]
    fields = [
        "name",
        "slug",
        "kind",
        "description",
        "website",
        "is_innovation_actor",
        "is_example",
        "cities",
        "viewers",
    ]

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["viewers"]

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        ids = staff_city_ids(request.user)
        if ids is None or obj is None:
            return True
        cities = {city.pk for city in obj.cities.all()}
        return bool(cities) and cities <= set(ids)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "cities" and field is not None:
            field.queryset = field.queryset.for_staff(request.user)
        return field


class PartnerRoleInline(TranslationTabularInline):
    model = PartnerRoleAssignment
    extra = 0
    autocomplete_fields = ["organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class SignatoryInline(TranslationTabularInline):
    model = Signatory
    extra = 0
    autocomplete_fields = ["organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


SOURCE_FIELDS = ("source_title", "source_url", "source_date")


class BoundedInlineMixin:
    """An inline that refuses more rows than `max_num` with a message (not only by hiding the add button).

    The cap bounds what the partnership's page may add at once (the request's size limit counts every row an
    inline may send). A partnership with more lines, added on the lines' own admin pages, keeps them all
    editable here: the cap is then the number of lines it has."""

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("validate_max", True)
        return super().get_formset(request, obj, **kwargs)

    def get_max_num(self, request, obj=None, **kwargs):
        cap = super().get_max_num(request, obj, **kwargs)
        if cap is None or obj is None or obj.pk is None:
            return cap
        return max(cap, self.model._default_manager.filter(partnership=obj).count())


CONTRIBUTOR_NOT_PARTNER = _(
    "Cette organisation ne fait pas partie des partenaires de ce partenariat : ajoutez-la d'abord "
    "dans « Rôles des partenaires » sur cette page."
)


class PartnerContributionFormSet(BaseInlineFormSet):
    """A contribution is a partner's: its organisation must be among the partnership's partners as this same
    submit leaves them (a partner added above in the same save counts; one removed no longer does)."""

    roles_prefix = "roles"  # PartnerRoleInline's formset, on the same page

    def clean(self):
        super().clean()
        partners = self._partners_after_save()
        for form in self.forms:
            organisation = getattr(form, "cleaned_data", {}).get("organisation")
            if organisation is None or self._should_delete_form(form) or str(organisation.pk) in partners:
                continue
            form.add_error("organisation", CONTRIBUTOR_NOT_PARTNER)

    def _partners_after_save(self) -> set[str]:
        total = self.data.get(f"{self.roles_prefix}-TOTAL_FORMS")
        if total is None or not str(total).isdigit():  # the partners' rows were not sent: the saved ones
            if self.instance.pk is None:
                return set()
            return {str(pk) for pk in self.instance.roles.values_list("organisation_id", flat=True)}
        deleted = forms.CheckboxInput()
        return {
            str(self.data.get(f"{self.roles_prefix}-{index}-organisation"))
            for index in range(min(int(total), 1000))
            if self.data.get(f"{self.roles_prefix}-{index}-organisation")
            and not deleted.value_from_datadict(self.data, None, f"{self.roles_prefix}-{index}-DELETE")
        }


class PartnerContributionInline(BoundedInlineMixin, TranslationStackedInline):
    """The scorecard's first line: what each partner brings, its value and the basis of that value."""

    model = PartnerContribution
    formset = PartnerContributionFormSet
    extra = 0
    max_num = 8  # the request's size limit (tests/test_input_bounds.py) counts every row an inline may send
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "kind", "description", ("value_eur", "value_basis"), SOURCE_FIELDS, "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class ScorecardClauseInline(BoundedInlineMixin, TranslationStackedInline):
    """The agreement (its public PDF, or why it is not public), duration, renewal, exit and reversibility,
    open standards and free software, whose products the initiatives depend on."""

    model = ScorecardClause
    extra = 0
    max_num = 8
    fields = [
        "topic",
        "statement",
        ("document", "document_url"),
        ("open_formats", "return_within_days"),
        SOURCE_FIELDS,
        "order",
    ]


class ProcurementRecordInline(BoundedInlineMixin, admin.StackedInline):
    """Public procurement records in the DECP format, checked field by field (partnership.validators)."""

    model = ProcurementRecord
    extra = 0
    max_num = 6
    fields = [
        ("decp_id", "buyer_siret"),
        ("nature", "procedure"),
        "subject",
        ("cpv_code", "duration_months"),
        ("notified_on", "amount"),
        "holders",
        SOURCE_FIELDS,
    ]


class AgreementUploadMixin:
    """Add and change pages that take the agreement's PDF (common.uploads drops files sent to other views)."""

    def get_urls(self):
        urls = super().get_urls()
        for pattern in urls:
            if pattern.name and pattern.name.endswith(("_add", "_change")):
                upload_limit(AGREEMENT_MAX_BYTES)(pattern.callback)
        return urls


@admin.register(Partnership)
class PartnershipAdmin(AgreementUploadMixin, CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    readonly_fields = ["figures"]
    list_display = ["title", "city", "status", "announced_on", "signed_on", "initiative_count"]
    list_filter = ["city", "status"]
    search_fields = ["title", "summary", "partners__name"]
    prepopulated_fields = {"slug": ("title_fr",)}
    list_select_related = ["city"]
    inlines = [
        PartnerRoleInline,
        SignatoryInline,
        PartnerContributionInline,
        ScorecardClauseInline,
        ProcurementRecordInline,
    ]
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
    list_display = ["title", "partnership", "status", "progress"]
    list_filter = ["status", Commitment.city_path, "partnership"]
    search_fields = ["title", "description"]
    list_select_related = [Commitment.city_path]
    autocomplete_fields = ["partnership", "initiatives"]


# --- the scorecard's lines, each on pages of their own ---------------------------------------------------------
# The partnership's page edits them as inlines; these pages list them across partnerships (search, filters), show
# each line's history and take a partnership's lines beyond what its page adds at once.


class PartnerContributionAdminForm(forms.ModelForm):
    class Meta:
        model = PartnerContribution
        fields = ["partnership", "organisation", "kind", "description", "value_eur", "value_basis", "order"]

    def clean(self):
        cleaned_data = super().clean()
        partnership, organisation = cleaned_data.get("partnership"), cleaned_data.get("organisation")
        if partnership and organisation and not partnership.roles.filter(organisation=organisation).exists():
            self.add_error(
                "organisation",
                _(
                    "Cette organisation ne fait pas partie des partenaires de ce partenariat : ajoutez-la d'abord "
                    "aux rôles des partenaires, sur la page du partenariat."
                ),
            )
        return cleaned_data


@admin.register(PartnerContribution)
class PartnerContributionAdmin(CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    form = PartnerContributionAdminForm
    list_display = ["organisation", "kind", "partnership", "value_eur", "source_title"]
    list_filter = ["kind", PartnerContribution.city_path, "partnership"]
    search_fields = ["description", "organisation__name", "partnership__title"]
    list_select_related = ["partnership", "organisation"]
    autocomplete_fields = ["partnership", "organisation"]
    fields = ["partnership", *PartnerContributionInline.fields]


@admin.register(ScorecardClause)
class ScorecardClauseAdmin(AgreementUploadMixin, CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["topic", "partnership", "statement", "source_title"]
    list_filter = ["topic", ScorecardClause.city_path, "partnership"]
    search_fields = ["statement", "partnership__title"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    fields = ["partnership", *ScorecardClauseInline.fields]


@admin.register(ProcurementRecord)
class ProcurementRecordAdmin(CityScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["decp_id", "subject", "partnership", "notified_on", "amount"]
    list_filter = ["nature", ProcurementRecord.city_path, "partnership"]
    search_fields = ["decp_id", "subject", "holders", "partnership__title"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    date_hierarchy = "notified_on"
    fields = ["partnership", *ProcurementRecordInline.fields]
