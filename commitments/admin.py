from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ServiceWritesAdminMixin, run_service_action
from common.uploads import upload_limit, upload_refusal
from partnership.admin_scoping import CityScopedAdminMixin

from . import services
from .constants import EVIDENCE_MAX_BYTES, QuestionStatus
from .models import AttestationContact, ProgressUpdate, Question


@admin.register(AttestationContact)
class AttestationContactAdmin(CityScopedAdminMixin, SimpleHistoryAdmin):
    """Who, at a partner organisation, attests the progress updates of a partnership's commitments."""

    list_display = ["name", "organisation", "partnership", "language"]
    list_filter = ["partnership"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation", "partnership"]
    fields = ["partnership", "organisation", "name", "position", "email", "language"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ServiceWritesAdminMixin, CityScopedAdminMixin, SimpleHistoryAdmin):
    """Staff propose an update here (commitments.services.update_propose sends the partner's contact the link);
    once proposed, nothing is edited: the partner answers through the link, staff resend it or withdraw it."""

    history_revertible = False  # the partner's answer and the proposal go through the services only
    deletion_refusal = _(
        "Une mise à jour ne se supprime pas : elle fait partie de l'historique public de l'engagement. "
        "Retirez-la tant que le partenaire n'a pas répondu."
    )
    list_display = ["commitment", "progress", "status", "contact", "requested_at", "responded_at"]
    list_filter = ["status", "commitment__partnership"]
    search_fields = ["commitment__title", "summary"]
    list_select_related = ["commitment__partnership", "contact__organisation"]
    fields = [
        "commitment",
        "contact",
        "progress",
        "summary",
        "evidence_url",
        "evidence_file",
        "evidence_name",
        "status",
        "requested_at",
        "responded_at",
        "attested_by_name",
        "attested_by_organisation",
        "response_note",
        "proposed_by",
        "created_at",
    ]
    actions = ["resend", "withdraw"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj)) + ["evidence_name", "proposed_by", "created_at"]
        if obj is not None:  # proposed: what the partner was asked to attest does not change
            readonly += ["commitment", "contact", "progress", "summary", "evidence_url", "evidence_file"]
        return list(dict.fromkeys(readonly))

    def get_urls(self):
        """The add page takes the evidence document (common.uploads: a view says how large a file it takes)."""
        urls = super().get_urls()
        for pattern in urls:
            if (getattr(pattern, "name", None) or "").endswith("_add"):
                upload_limit(EVIDENCE_MAX_BYTES)(pattern.callback)
        return urls

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal = upload_refusal(request, "evidence_file")
        if refusal is None or "evidence_file" not in form.base_fields:
            return form

        class Refused(form):
            def clean_evidence_file(self):
                raise refusal

        return Refused

    def save_model(self, request, obj, form, change):
        # CityScopedAdminMixin checks the city before this runs (it wraps every save_model).
        if change:
            return  # every field is read-only once proposed
        obj._history_user = request.user
        data = form.cleaned_data
        services.update_propose(
            commitment=data["commitment"],
            contact=data.get("contact"),
            progress=data["progress"],
            summary=data["summary"],
            evidence_url=data.get("evidence_url") or "",
            evidence_file=data.get("evidence_file") or None,
            by=request.user,
            instance=obj,
        )

    @admin.action(description=_("Renvoyer le lien d'attestation au partenaire"), permissions=["change"])
    def resend(self, request, queryset):
        run_service_action(
            self,
            request,
            queryset,
            lambda update: services.update_resend(update=update, by=request.user),
            done_message=ngettext_lazy("%(count)d lien renvoyé.", "%(count)d liens renvoyés.", "count"),
        )

    @admin.action(description=_("Retirer les mises à jour sélectionnées"), permissions=["change"])
    def withdraw(self, request, queryset):
        run_service_action(
            self,
            request,
            queryset,
            lambda update: services.update_withdraw(update=update, by=request.user),
            done_message=ngettext_lazy("%(count)d mise à jour retirée.", "%(count)d mises à jour retirées.", "count"),
        )


@admin.register(Question)
class QuestionAdmin(ServiceWritesAdminMixin, CityScopedAdminMixin, SimpleHistoryAdmin):
    """Citizens' questions: staff write the answer, save, then publish it with the action (the asker is emailed
    and their address erased), or reject the question with a reason (never published)."""

    history_revertible = False  # moderation goes through the services only
    list_display = ["__str__", "commitment", "status", "created_at", "answered_at"]
    list_filter = ["status", "commitment__partnership"]
    search_fields = ["text", "answer"]
    list_select_related = ["commitment__partnership"]
    fields = [
        "commitment",
        "text",
        "status",
        "answer",
        "moderation_note",
        "email",
        "language",
        "created_at",
        "moderated_at",
        "answered_at",
        "answered_by",
    ]
    actions = ["publish_answer", "reject"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj)) + ["commitment", "text", "language", "created_at"]
        if obj is not None and obj.status != QuestionStatus.PENDING:
            readonly += ["answer", "moderation_note"]  # published (or rejected): changed by nobody
        return list(dict.fromkeys(readonly))

    def has_add_permission(self, request):
        return False  # only the public form

    @admin.action(description=_("Publier la réponse (et l'envoyer à la personne)"), permissions=["change"])
    def publish_answer(self, request, queryset):
        run_service_action(
            self,
            request,
            queryset,
            lambda question: services.question_answer(question=question, by=request.user, answer=question.answer),
            done_message=ngettext_lazy("%(count)d réponse publiée.", "%(count)d réponses publiées.", "count"),
        )

    @admin.action(
        description=_("Écarter les questions sélectionnées (motif : le champ « motif »)"), permissions=["change"]
    )
    def reject(self, request, queryset):
        run_service_action(
            self,
            request,
            queryset,
            lambda question: services.question_reject(
                question=question, by=request.user, reason=question.moderation_note
            ),
            done_message=ngettext_lazy("%(count)d question écartée.", "%(count)d questions écartées.", "count"),
        )
