from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ServiceWritesAdminMixin, run_service_action
from common.forms import add_service_errors
from partnership.admin_scoping import CityScopedAdminMixin

from . import services
from .constants import RegistrationStatus
from .exports import participants_csv
from .models import Attendance, Programme, Registration, Session, SessionDay
from .selectors import programme_figures


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} %"


@admin.register(Programme)
class ProgrammeAdmin(CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = [
        "title",
        "trade",
        "city",
        "confirmed_total",
        "waitlist_total",
        "attendance_rate_display",
        "completion_rate_display",
        "is_published",
    ]
    list_filter = ["trade", Programme.city_path, "is_published", "is_example"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ("title_fr",)}
    list_select_related = [Programme.city_path]
    fields = [
        "initiative",
        "title",
        "slug",
        "trade",
        "summary",
        "description",
        "prerequisites",
        "duration_hours",
        "cost_to_trainee",
        "eligibility",
        "asks_france_travail_id",
        "outcomes",
        "is_published",
        "is_example",
    ]

    def get_queryset(self, request):
        # The figures of every listed programme come with the rows, in one query.
        return programme_figures(super().get_queryset(request))

    @admin.display(description=_("ville"), ordering=f"{Programme.city_path}__name")
    def city(self, obj: Programme):
        return obj.initiative.partnership.city

    @admin.display(description=_("inscrits confirmés"), ordering="confirmed_total")
    def confirmed_total(self, obj: Programme) -> int:
        return obj.confirmed_total

    @admin.display(description=_("liste d'attente"), ordering="waitlist_total")
    def waitlist_total(self, obj: Programme) -> int:
        return obj.waitlist_total

    @admin.display(description=_("taux de présence"), ordering="attendance_rate")
    def attendance_rate_display(self, obj: Programme) -> str:
        return _percent(obj.attendance_rate)

    @admin.display(description=_("taux d'achèvement"), ordering="completion_rate")
    def completion_rate_display(self, obj: Programme) -> str:
        return _percent(obj.completion_rate)


class SessionDayInline(admin.TabularInline):
    model = SessionDay
    extra = 0
    verbose_name_plural = _("journées (créées d'après les dates de la session ; modifiables)")


class SessionAdminForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "programme",
            "reference",
            "starts_at",
            "ends_at",
            "registration_deadline",
            "place",
            "is_remote",
            "remote_details",
            "capacity",
            "practical_info",
        ]

    def clean(self):
        # The rule is the service's (it applies it again under the session's lock when saving).
        cleaned_data = super().clean()
        error = services.session_capacity_error(session=self.instance, capacity=cleaned_data.get("capacity"))
        if error is not None:
            add_service_errors(self, error)
        return cleaned_data


@admin.register(Session)
class SessionAdmin(ServiceWritesAdminMixin, CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    history_revertible = False  # seats, the waitlist and cancellation go through the session services
    form = SessionAdminForm
    list_display = [
        "programme",
        "reference",
        "starts_at",
        "where",
        "capacity",
        "confirmed_count",
        "waitlist_count",
        "status",
        "staff_links",
    ]
    list_filter = ["status", Session.city_path, "is_remote", "programme__trade"]
    search_fields = ["reference", "programme__title"]
    list_select_related = ["programme", "place"]
    autocomplete_fields = ["programme", "place"]
    date_hierarchy = "starts_at"
    readonly_fields = ["status", "ics_sequence", "staff_links"]
    fields = [
        "programme",
        "reference",
        ("starts_at", "ends_at"),
        "registration_deadline",
        "place",
        ("is_remote", "remote_details"),
        "capacity",
        "practical_info",
        "status",
        "ics_sequence",
        "staff_links",
    ]
    inlines = [SessionDayInline]
    actions = ["cancel_sessions", "export_participants"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
                waitlist_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
            )
        )

    @admin.display(description=_("confirmés"), ordering="confirmed_count")
    def confirmed_count(self, obj: Session) -> int:
        return obj.confirmed_count

    @admin.display(description=_("en attente"), ordering="waitlist_count")
    def waitlist_count(self, obj: Session) -> int:
        return obj.waitlist_count

    @admin.display(description=_("lieu"))
    def where(self, obj: Session) -> str:
        return gettext("À distance") if obj.is_remote else str(obj.place)

    @admin.display(description=_("suivi"))
    def staff_links(self, obj: Session) -> str:
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("training:staff_attendance", kwargs={"pk": obj.pk}),
            gettext("Présences"),
            reverse("training:staff_participants_csv", kwargs={"pk": obj.pk}),
            gettext("Participants (CSV)"),
        )

    def save_model(self, request, obj, form, change):
        # CityScopedAdminMixin checks the city before this runs (it wraps every save_model); the service saves,
        # promotes waitlisted people when capacity grows and tells registered people when dates or place change.
        obj._history_user = request.user
        self._dates_changed = bool({"starts_at", "ends_at"} & set(form.changed_data))
        services.session_save(session=obj, sync_days=False)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        session = form.instance
        if (change and self._dates_changed) or not session.days.exists():
            services.session_sync_days(session=session)

    @admin.action(
        description=_("Annuler les sessions sélectionnées (les inscrits sont prévenus)"), permissions=["change"]
    )
    def cancel_sessions(self, request, queryset):
        run_service_action(
            self,
            request,
            queryset,
            lambda session: services.session_cancel(session=session, by=request.user),
            done_message=ngettext_lazy("%(count)d session annulée.", "%(count)d sessions annulées.", "count"),
        )

    def has_view_participants_permission(self, request) -> bool:
        """The participants' list is personal data: it takes the permission to see registrations."""
        return request.user.has_perm("training.view_registration")

    @admin.action(description=_("Exporter les participants (CSV)"), permissions=["view_participants"])
    def export_participants(self, request, queryset):
        sessions = list(queryset[:2])
        if len(sessions) != 1:
            self.message_user(request, gettext("Choisissez une seule session à exporter."), messages.WARNING)
            return None
        session = sessions[0]
        response = HttpResponse(participants_csv(session), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="participants-session-{session.pk}.csv"'
        return response


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["day", "present", "recorded_by", "recorded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Registration)
class RegistrationAdmin(ServiceWritesAdminMixin, CityScopedAdminMixin, SimpleHistoryAdmin):
    """Registrations come from the public form; staff read them, cancel them (an action, so the waitlist
    moves up) and take attendance on the session's attendance page."""

    history_revertible = False  # seats and the waitlist move through the registration services only
    list_display = ["person", "session", "status", "seat_number", "situation", "queued_at", "completed"]
    list_filter = ["status", "situation", "completed", Registration.city_path]
    search_fields = ["person__email", "person__last_name", "session__reference", "session__programme__title"]
    list_select_related = ["person", "session__programme"]
    readonly_fields = [
        "session",
        "person",
        "status",
        "seat_number",
        "situation",
        "motivation",
        "consent",
        "france_travail_id",
        "queued_at",
        "confirmed_at",
        "was_promoted",
        "cancelled_at",
        "reminder_sent_at",
        "completed",
    ]
    fields = readonly_fields
    inlines = [AttendanceInline]
    actions = ["cancel_registrations"]

    def has_add_permission(self, request) -> bool:
        return False

    deletion_refusal = _(
        "Une inscription ne se supprime pas : sa place serait libérée sans que la liste d'attente avance et sans "
        "prévenir personne. Utilisez l'action « Annuler les inscriptions sélectionnées » : la personne est "
        "prévenue et la première personne en attente prend la place."
    )

    @admin.action(
        description=_("Annuler les inscriptions sélectionnées (la liste d'attente avance)"), permissions=["change"]
    )
    def cancel_registrations(self, request, queryset):
        run_service_action(
            self,
            request,
            queryset,
            lambda registration: services.registration_cancel(registration=registration, by=request.user),
            done_message=ngettext_lazy("%(count)d inscription annulée.", "%(count)d inscriptions annulées.", "count"),
        )
