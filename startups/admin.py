"""Admin for city staff: calls and their rubric, applications (filters, review, decisions, CSV export).

Every status change goes through services.application_transition(), from the bulk actions and from
the "Changer le statut" page alike.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext_lazy, pgettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from accounts.roles import REVIEWERS
from common.admin import ServiceWritesAdminMixin, run_service_action
from common.forms import add_service_errors
from partnership.admin_scoping import CityScopedAdminMixin
from partnership.models import City

from . import services
from .constants import CALL_CATEGORIES, ApplicationStatus, CallState, RecommendationStatus
from .exports import applications_csv
from .forms import RejectForm, StaffDecisionForm
from .models import Application, Call, Criterion, ReviewAssignment, Score, StatusChange
from .selectors import reviewer_candidates, weighted_average_subquery

# ---------------------------------------------------------------- calls


class CriterionInline(TranslationTabularInline):
    model = Criterion
    extra = 0
    fields = ["name", "description", "weight", "order"]


@admin.register(Call)
class CallAdmin(CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = [
        "title",
        "city",
        "initiative",
        "opens_at",
        "closes_at",
        "state",
        "requires_recommendation",
        "published_at",
        "application_count",
    ]
    list_filter = [Call.city_path, "initiative__category", "requires_recommendation"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ("title_fr",)}
    list_select_related = [Call.city_path]
    date_hierarchy = "closes_at"
    inlines = [CriterionInline]
    actions = ["publish_now"]
    fieldsets = (
        (None, {"fields": ("initiative", "title", "slug", "summary")}),
        (
            _("Conditions et offre"),
            {"fields": ("eligibility", "offer", ("offers_advice", "offers_funding", "offers_mentoring"))},
        ),
        (
            _("Calendrier et publication"),
            {"fields": (("opens_at", "closes_at"), "published_at", "requires_recommendation", "is_example")},
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_application_count=Count("applications", filter=~Q(applications__status=ApplicationStatus.DRAFT)))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "initiative" and field is not None:
            field.queryset = field.queryset.filter(category__slug__in=CALL_CATEGORIES).select_related("partnership")
        return field

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        created = services.call_ensure_rubric(call=form.instance)
        if not change and created:
            self.message_user(
                request, gettext("Le barème par défaut a été ajouté : ajustez-le si besoin."), messages.INFO
            )

    @admin.display(description=_("ville"), ordering=f"{Call.city_path}__name")
    def city(self, obj):
        return obj.initiative.partnership.city

    @admin.display(description=_("état"))
    def state(self, obj):
        if obj.published_at is None:
            return gettext("Non publié")
        return CallState(obj.state()).label

    @admin.display(description=_("candidatures déposées"), ordering="_application_count")
    def application_count(self, obj):
        return obj._application_count

    @admin.action(description=_("Publier maintenant"), permissions=["change"])
    def publish_now(self, request, queryset):
        count = queryset.filter(published_at__isnull=True).update(published_at=timezone.now())
        self.message_user(request, gettext("%(count)d appel(s) publié(s).") % {"count": count}, messages.SUCCESS)


# ---------------------------------------------------------------- applications


class CityFilter(admin.SimpleListFilter):
    title = _("ville")
    parameter_name = "ville"

    def lookups(self, request, model_admin):
        return [(city.pk, city.name) for city in City.objects.for_staff(request.user).order_by("name")]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value in {str(pk) for pk, _name in self.lookup_choices}:
            return queryset.in_cities([int(value)])
        return queryset  # anything else (typed by hand, or another city's id) is ignored


class RecommendationFilter(admin.SimpleListFilter):
    title = _("recommandation")
    parameter_name = "recommandation"

    def lookups(self, request, model_admin):
        return [
            (RecommendationStatus.CONFIRMED, _("Confirmée")),
            (RecommendationStatus.PENDING, _("En attente de réponse")),
            (RecommendationStatus.DECLINED, _("Déclinée")),
            ("none", _("Non demandée")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(recommendation__isnull=True)
        if value in RecommendationStatus.values:
            return queryset.filter(recommendation__status=value)
        return queryset


class ReviewAssignmentForm(forms.ModelForm):
    class Meta:
        model = ReviewAssignment
        fields = ["reviewer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "reviewer" in self.fields:
            self.fields["reviewer"].label_from_instance = lambda user: (
                f"{user.get_full_name() or user.email} ({user.email})"
            )

    def clean_reviewer(self):
        reviewer = self.cleaned_data["reviewer"]
        if not reviewer.groups.filter(name=REVIEWERS).exists():
            raise forms.ValidationError(
                gettext("Cette personne n'est pas membre du groupe « %(group)s ».") % {"group": REVIEWERS}
            )
        return reviewer


class ReviewAssignmentInline(admin.TabularInline):
    """Staff add reviewers here; an assignment, once made, is not edited (delete it and add another).
    Both go through the review services (ApplicationAdmin.save_formset)."""

    model = ReviewAssignment
    form = ReviewAssignmentForm
    fk_name = "application"
    extra = 0
    fields = ["reviewer", "assigned_at", "interests", "score_count"]
    readonly_fields = ["assigned_at", "interests", "score_count"]
    verbose_name = _("évaluateur")
    verbose_name_plural = _("évaluateurs")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("reviewer", "application")
            .annotate(_score_count=Count("scores"))
        )

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return (
            obj is not None
            and obj.status
            in (
                ApplicationStatus.SUBMITTED,
                ApplicationStatus.UNDER_REVIEW,
                ApplicationStatus.SHORTLISTED,
            )
            and request.user.has_perm("startups.add_reviewassignment")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "reviewer":
            kwargs["queryset"] = reviewer_candidates()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("conflit d'intérêts"))
    def interests(self, obj):
        if obj.conflict_declared_at:
            return gettext("Conflit déclaré : à remplacer")
        if obj.no_conflict_declared_at:
            return gettext("Aucun (déclaré le %(date)s)") % {
                "date": timezone.localtime(obj.no_conflict_declared_at).strftime("%d/%m/%Y")
            }
        return gettext("Déclaration attendue")

    @admin.display(description=_("critères notés"))
    def score_count(self, obj):
        return getattr(obj, "_score_count", 0)


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ["created_at", "from_status", "to_status", "actor", "message"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("historique des statuts")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


DATA_FIELDS = [
    "call",
    "applicant",
    "status",
    "company_name",
    "siret",
    "legal_form",
    "founded_on",
    "team_size",
    "stage",
    "sector",
    "website",
    "product_description",
    "environmental_impact",
    "impact_measurement",
    "sought",
    "contact_name",
    "contact_email",
    "contact_phone",
    "consent_given_at",
    "submitted_at",
    "decided_at",
]


@admin.register(Application)
class ApplicationAdmin(ServiceWritesAdminMixin, CityScopedAdminMixin, SimpleHistoryAdmin):
    history_revertible = False  # every status change goes through services.application_transition()
    list_display = [
        "company_name",
        "siret",
        "call",
        "city",
        "status",
        "recommendation_state",
        "average_score",
        "reviewer_count",
        "submitted_at",
    ]
    list_filter = ["status", ("call", admin.RelatedOnlyFieldListFilter), CityFilter, RecommendationFilter]
    search_fields = ["company_name", "siret"]
    list_select_related = [Application.city_path, "applicant", "recommendation__organisation"]
    date_hierarchy = "submitted_at"
    actions = ["start_review", "reject_with_reason", "export_csv"]
    readonly_fields = [*DATA_FIELDS, "pitch_deck_link", "recommendation_detail", "scores_table", "average_score"]
    fieldsets = (
        (_("Candidature"), {"fields": ("call", "applicant", "status", "submitted_at", "decided_at", "average_score")}),
        (
            _("Entreprise"),
            {
                "fields": (
                    "company_name",
                    "siret",
                    "legal_form",
                    "founded_on",
                    "team_size",
                    "stage",
                    "sector",
                    "website",
                )
            },
        ),
        (_("Projet"), {"fields": ("product_description", "environmental_impact", "impact_measurement", "sought")}),
        (
            _("Contact et pièces"),
            {"fields": ("contact_name", "contact_email", "contact_phone", "pitch_deck_link", "consent_given_at")},
        ),
        (_("Recommandation"), {"fields": ("recommendation_detail",)}),
        (_("Évaluation"), {"fields": ("scores_table",)}),
    )
    inlines = [ReviewAssignmentInline, StatusChangeInline]
    change_form_template = "admin/startups/application/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(weighted_average=weighted_average_subquery(), _reviewer_count=Count("assignments", distinct=True))
        )

    def has_add_permission(self, request):
        return False  # applications come from the applicants

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    # --- columns

    @admin.display(description=_("ville"), ordering=f"{Application.city_path}__name")
    def city(self, obj):
        return obj.call.initiative.partnership.city

    @admin.display(description=_("recommandation"), ordering="recommendation__status")
    def recommendation_state(self, obj):
        recommendation = getattr(obj, "recommendation", None)
        if recommendation is None:
            return gettext("Exigée, non demandée") if obj.call.requires_recommendation else "—"
        return recommendation.get_status_display()

    @admin.display(description=_("note moyenne pondérée"), ordering="weighted_average")
    def average_score(self, obj):
        value = getattr(obj, "weighted_average", None)
        return "—" if value is None else f"{number_format(value, 2)} / 5"

    @admin.display(description=_("évaluateurs"), ordering="_reviewer_count")
    def reviewer_count(self, obj):
        return obj._reviewer_count

    # --- change page

    @admin.display(description=_("présentation (PDF)"))
    def pitch_deck_link(self, obj):
        if not obj.pitch_deck:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("startups:pitch_deck", kwargs={"pk": obj.pk}),
            obj.pitch_deck_name or gettext("Télécharger"),
        )

    @admin.display(description=_("recommandation"))
    def recommendation_detail(self, obj):
        recommendation = getattr(obj, "recommendation", None)
        if recommendation is None:
            return gettext("Exigée par l'appel, pas encore demandée.") if obj.call.requires_recommendation else "—"
        return format_html(
            "{} — {} ({})<br>{}",
            recommendation.organisation.name,
            recommendation.get_status_display(),
            recommendation.contact_email,
            recommendation.comment or "",
        )

    @admin.display(description=_("notes"))
    def scores_table(self, obj):
        rows = (
            (score.assignment.reviewer or "—", score.criterion.name, score.criterion.weight, score.score, score.comment)
            for score in Score.objects.filter(assignment__application=obj)
            .select_related("assignment__reviewer", "criterion")
            .order_by("assignment__reviewer__email", "criterion__order")
        )
        body = format_html_join("", "<tr><td>{}</td><td>{} (×{})</td><td>{}</td><td>{}</td></tr>", rows)
        if not body:
            return gettext("Pas encore de note.")
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            gettext("Évaluateur"),
            gettext("Critère"),
            pgettext("score", "Note"),  # gettext("Note") is allauth's "Remarque"
            gettext("Commentaire"),
            body,
        )

    def save_formset(self, request, form, formset, change):
        """Reviewers are withdrawn and added by the review services. Every row is tried, every refusal is
        told, and one refusal undoes the whole save (ServiceWritesAdminMixin): nothing is half-done."""
        if formset.model is not ReviewAssignment:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        refusals = []
        for assignment in formset.deleted_objects:
            try:
                services.review_unassign(assignment=assignment, by=request.user)
            except ValidationError as exc:
                refusals += exc.messages
        for assignment in formset.new_objects:
            try:
                services.review_assign(
                    application=form.instance, reviewer=assignment.reviewer, assigned_by=request.user
                )
            except ValidationError as exc:
                refusals += [
                    gettext("%(object)s : %(reason)s") % {"object": assignment.reviewer, "reason": message}
                    for message in exc.messages
                ]
        if refusals:
            raise ValidationError(refusals)
        return None

    # --- staff decision (one application)

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<path:object_id>/statut/",
                self.admin_site.admin_view(self.decision_view),
                name="{}_{}_decision".format(*info),
            ),
            *super().get_urls(),
        ]

    def decision_view(self, request, object_id):
        application = self.get_object(request, object_id)
        if application is None:
            raise Http404
        if not self.has_change_permission(request, application):
            raise PermissionDenied
        form = StaffDecisionForm(request.POST or None, targets=services.staff_targets(application.status))
        if request.method == "POST" and form.is_valid():
            try:
                services.application_transition(
                    application=application,
                    to_status=form.cleaned_data["to_status"],
                    actor=request.user,
                    message=form.cleaned_data["message"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                self.message_user(
                    request,
                    gettext("« %(company)s » : %(status)s. Le candidat est prévenu par courriel.")
                    % {"company": application, "status": ApplicationStatus(form.cleaned_data["to_status"]).label},
                    messages.SUCCESS,
                )
                return redirect("admin:startups_application_change", application.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": application,
            "form": form,
            "title": gettext("Changer le statut de « %(company)s »") % {"company": application},
            "has_targets": bool(form.fields["to_status"].choices),
        }
        return TemplateResponse(request, "admin/startups/application/decision.html", context)

    # --- bulk actions

    def _move(self, request, queryset, to_status: str, message: str = "") -> None:
        run_service_action(
            self,
            request,
            queryset,
            lambda application: services.application_transition(
                application=application, to_status=to_status, actor=request.user, message=message
            ),
            done_message=ngettext_lazy(
                "%(count)d candidature passée à « %(status)s ».",
                "%(count)d candidatures passées à « %(status)s ».",
                "count",
            ),
            params={"status": ApplicationStatus(to_status).label},
        )

    @admin.action(description=_("Démarrer l'examen des candidatures déposées"), permissions=["change"])
    def start_review(self, request, queryset):
        self._move(request, queryset, ApplicationStatus.UNDER_REVIEW)

    @admin.action(description=_("Refuser avec un motif…"), permissions=["change"])
    def reject_with_reason(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            self._move(request, queryset, ApplicationStatus.REJECTED, form.cleaned_data["message"])
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Refuser des candidatures"),
            "applications": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/startups/application/reject.html", context)

    @admin.action(description=_("Exporter en CSV (Excel)"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(applications_csv(queryset), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="candidatures-{stamp}.csv"'
        return response
