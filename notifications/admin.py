from django.contrib import admin
from django.db.models import QuerySet
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from common.admin import ServiceWritesAdminMixin, run_service_action
from partnership.admin_scoping import CityScopedAdminMixin

from .models import Notification
from .services import notification_retry


@admin.register(Notification)
class NotificationAdmin(ServiceWritesAdminMixin, CityScopedAdminMixin, admin.ModelAdmin):
    """Read-only outbox. City staff see the records that name their city (notify(..., city=...))."""

    list_display = ["kind", "email", "language", "status", "attempts", "short_error", "created_at", "sent_at"]
    list_filter = ["status", "kind", "language", ("city", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["email", "kind", "idempotency_key"]
    list_select_related = ["recipient", "city"]
    date_hierarchy = "created_at"
    actions = ["retry_failed"]
    fieldsets = [
        (None, {"fields": ["kind", "email", "recipient", "language", "city", "idempotency_key"]}),
        (_("Envoi"), {"fields": ["status", "attempts", "last_error", "next_attempt_at", "created_at", "sent_at"]}),
        (_("Données du message"), {"fields": ["context"], "classes": ["collapse"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Notification._meta.fields]

    def get_fieldsets(self, request, obj=None):
        # A message's data may hold signed links (a recommendation to answer, an alert to confirm): they act
        # as passwords for someone else, so only superusers see them.
        if request.user.is_superuser:
            return self.fieldsets
        return [fieldset for fieldset in self.fieldsets if "context" not in fieldset[1]["fields"]]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("erreur"))
    def short_error(self, obj: Notification) -> str:
        return truncatechars(obj.last_error, 80)

    @admin.action(description=_("Renvoyer les notifications en échec sélectionnées"), permissions=["change"])
    def retry_failed(self, request, queryset: QuerySet[Notification]) -> None:
        run_service_action(
            self,
            request,
            queryset.filter(status=Notification.Status.FAILED),
            lambda notification: notification_retry(notification=notification),
            done_message=ngettext_lazy(
                "%(count)d notification remise en file d'envoi.",
                "%(count)d notifications remises en file d'envoi.",
                "count",
            ),
            nothing_message=_("Aucune notification en échec dans la sélection."),
        )
