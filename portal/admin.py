"""The accessibility reports in the admin: every city's staff read them (view permission, accounts.roles via
portal/roles.py); superusers mark them handled and add a note. Nobody adds one here: they come from the
public form (portal.services)."""

from django.contrib import admin

from .models import AccessibilityReport


@admin.register(AccessibilityReport)
class AccessibilityReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "short_description", "page_url", "email", "is_handled"]
    list_filter = ["is_handled", "language"]
    search_fields = ["description", "page_url", "email", "name"]
    readonly_fields = ["created_at", "page_url", "description", "name", "email", "language"]
    fields = ["created_at", "page_url", "description", "name", "email", "language", "is_handled", "staff_note"]
    date_hierarchy = "created_at"

    @admin.display(description=AccessibilityReport._meta.get_field("description").verbose_name)
    def short_description(self, obj: AccessibilityReport) -> str:
        return obj.description[:80]

    def has_add_permission(self, request) -> bool:
        return False
