from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "email", "language", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["email", "kind", "idempotency_key"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    list_select_related = ["recipient"]
