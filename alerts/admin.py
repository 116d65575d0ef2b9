from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ServiceWritesAdminMixin
from partnership.admin_scoping import CityScopedAdminMixin

from .models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(ServiceWritesAdminMixin, CityScopedAdminMixin, SimpleHistoryAdmin):
    """City staff see the subscriptions whose city filter includes one of their cities (a subscription
    without a city filter concerns every city: only superusers see it). Subscriptions come from the public
    form and its double opt-in: the admin neither adds one nor confirms one or changes its address
    (`Subscription.service_fields`); it may delete one (a person's request to be forgotten)."""

    history_revertible = False  # double opt-in and unsubscribing go through the alert services only
    list_display = ["email", "language", "is_confirmed", "city_list", "created_at", "last_digest_at", "unsubscribed_at"]
    list_filter = [
        "is_confirmed",
        "language",
        ("unsubscribed_at", admin.EmptyFieldListFilter),
        ("cities", admin.RelatedOnlyFieldListFilter),
        "categories",
    ]
    search_fields = ["email"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["cities", "categories"]
    readonly_fields = [
        "token",
        "confirmation_sent_at",
        "confirmed_at",
        "last_digest_at",
        "unsubscribed_at",
        "created_at",
        "updated_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("cities")

    def has_add_permission(self, request) -> bool:
        return False  # only the person subscribes, by confirming the link sent to their address

    @admin.display(description=_("villes"))
    def city_list(self, obj: Subscription) -> str:
        return ", ".join(city.name for city in obj.cities.all()) or str(_("toutes"))
