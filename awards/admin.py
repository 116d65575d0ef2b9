from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ServiceWritesAdminMixin, ServiceWritesInlineMixin, run_service_action
from partnership.admin_scoping import CityScopedAdminMixin

from . import services
from .models import Category, Conflict, Criterion, Edition, Juror, Nomination


class CategoryInline(TranslationTabularInline):
    model = Category
    extra = 0
    prepopulated_fields = {"slug": ("name_fr",)}


class CriterionInline(TranslationTabularInline):
    model = Criterion
    extra = 0


class JurorInline(ServiceWritesInlineMixin, admin.TabularInline):
    """A juror added here is seated through awards.services.juror_add (which invites them by email)."""

    model = Juror
    extra = 0
    fields = ["user", "role", "declared_at", "declared_organisations", "declaration"]
    readonly_fields = ["declared_organisations", "declaration"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Edition)
class EditionAdmin(ServiceWritesAdminMixin, CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    history_revertible = False  # its results are published by results_publish: changed on the change page only
    list_display = ["title", "partnership", "nominations_open_at", "nominations_close_at", "results_published_at"]
    list_filter = [Edition.city_path, "is_published"]
    search_fields = ["title"]
    list_select_related = [Edition.city_path]
    prepopulated_fields = {"slug": ("title_fr",)}
    autocomplete_fields = ["partnership"]
    inlines = [CategoryInline, CriterionInline, JurorInline]
    actions = ["publish_results"]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Juror:
            return super().save_formset(request, form, formset, change)
        jurors = formset.save(commit=False)
        for juror in formset.deleted_objects:
            if juror.scores.exists():
                raise ValidationError(_("%(juror)s a déjà noté : ce juré reste au jury.") % {"juror": juror})
            juror.delete()
        for juror in jurors:
            if juror.pk is None:
                services.juror_add(edition=form.instance, user=juror.user, by=request.user, role=juror.role)
            else:
                juror.save()
        formset.save_m2m()

    @admin.action(
        description=_("Publier les résultats (calculés depuis les notes et les votes)"), permissions=["change"]
    )
    def publish_results(self, request, queryset):
        run_service_action(
            self,
            request,
            queryset,
            lambda edition: services.results_publish(edition=edition, by=request.user),
            done_message=ngettext_lazy(
                "Résultats publiés pour %(count)d édition.", "Résultats publiés pour %(count)d éditions.", "count"
            ),
        )


class ConflictInline(admin.TabularInline):
    model = Conflict
    extra = 0
    fields = ["juror", "source", "detail", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("juror__user")


@admin.register(Nomination)
class NominationAdmin(ServiceWritesAdminMixin, CityScopedAdminMixin, SimpleHistoryAdmin):
    """Nominations come from the public form (confirmed by their nominator's link); staff accept or reject them
    with the actions, and may delete spam."""

    history_revertible = False  # confirmation and moderation go through the services only
    list_display = ["name", "category", "status", "licence", "confirmed_at", "is_example"]
    list_filter = ["status", "category__edition", "licence"]
    search_fields = ["name", "organisation"]
    list_select_related = ["category__edition"]
    readonly_fields = ["category", "created_at", "updated_at"]
    fields = [
        "category",
        "status",
        "name",
        "description",
        "website",
        "repository_url",
        "licence",
        "organisation",
        "organisation_domain",
        "nominator_email",
        "language",
        "confirmed_at",
        "moderated_at",
        "moderation_note",
        "is_example",
        "created_at",
        "updated_at",
    ]
    inlines = [ConflictInline]
    actions = ["accept", "reject"]

    def has_add_permission(self, request):
        return False  # only the public form, confirmed by the nominator

    @admin.action(description=_("Retenir les propositions sélectionnées"), permissions=["change"])
    def accept(self, request, queryset):
        run_service_action(
            self,
            request,
            queryset,
            lambda nomination: services.nomination_accept(nomination=nomination, by=request.user),
            done_message=ngettext_lazy("%(count)d proposition retenue.", "%(count)d propositions retenues.", "count"),
        )

    @admin.action(
        description=_("Écarter les propositions sélectionnées (motif : le champ « motif »)"), permissions=["change"]
    )
    def reject(self, request, queryset):
        default = str(_("Ne correspond pas au règlement de l'édition."))
        run_service_action(
            self,
            request,
            queryset,
            lambda nomination: services.nomination_reject(
                nomination=nomination, by=request.user, reason=nomination.moderation_note or default
            ),
            done_message=ngettext_lazy("%(count)d proposition écartée.", "%(count)d propositions écartées.", "count"),
        )
