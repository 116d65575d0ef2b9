from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ServiceWritesAdminMixin, ServiceWritesInlineMixin
from common.forms import add_service_errors
from partnership.admin_scoping import CityScopedAdminMixin

from .constants import BookingStatus, SlotStatus
from .models import Booking, OpeningPeriod, Slot, SportsResource, WaitlistEntry
from .services import (
    STAFF_CANCEL_REASON_MAX,
    BookingError,
    booking_cancel_by_staff,
    booking_check_in,
    slot_block,
    slot_capacity_error,
    slot_unblock,
    slot_update,
    slots_generate,
)


class OpeningPeriodInline(admin.TabularInline):
    model = OpeningPeriod
    extra = 0
    min_num = 0


@admin.register(SportsResource)
class SportsResourceAdmin(CityScopedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    history_revertible = False  # capacity and weekly hours make the slots: changed on the change page only
    list_display = [
        "name",
        "place",
        "capacity",
        "slot_minutes",
        "horizon_weeks",
        "cancellation_hours",
        "max_bookings_per_week",
        "is_active",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "place__name"]
    list_select_related = [SportsResource.city_path]
    autocomplete_fields = ["place", "initiative"]
    prepopulated_fields = {"slug": ("name_fr",)}
    inlines = [OpeningPeriodInline]
    actions = ["generate_slots"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        transaction.on_commit(lambda: slots_generate(resource=form.instance))

    @admin.action(description=_("Créer les créneaux des semaines à venir"), permissions=["change"])
    def generate_slots(self, request, queryset):
        created = sum(slots_generate(resource=resource) for resource in queryset)
        self.message_user(
            request, ngettext("%(count)d créneau créé.", "%(count)d créneaux créés.", created) % {"count": created}
        )


class BookingInline(ServiceWritesInlineMixin, admin.TabularInline):
    model = Booking
    extra = 0
    can_delete = False
    fields = ["person", "status", "place_number", "created_at", "checked_in_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "slot__resource")

    def has_add_permission(self, request, obj=None):
        return False


class WaitlistInline(ServiceWritesInlineMixin, admin.TabularInline):
    """The slot's waitlist, first in line first; the list moves through the booking services only."""

    model = WaitlistEntry
    fk_name = "slot"
    extra = 0
    can_delete = False
    fields = ["person", "status", "joined_at", "ended_at", "booking"]
    readonly_fields = fields
    verbose_name_plural = _("liste d'attente")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "booking", "slot__resource")

    def has_add_permission(self, request, obj=None):
        return False


class SlotAdminForm(forms.ModelForm):
    class Meta:
        model = Slot
        fields = ["capacity"]

    def clean(self):
        cleaned_data = super().clean()
        error = slot_capacity_error(slot=self.instance, capacity=cleaned_data.get("capacity"))
        if error is not None:
            add_service_errors(self, error)
        return cleaned_data


@admin.register(Slot)
class SlotAdmin(ServiceWritesAdminMixin, CityScopedAdminMixin, SimpleHistoryAdmin):
    history_revertible = False  # capacity and blocking go through the booking rules and services
    form = SlotAdminForm
    list_display = ["starts_at", "ends_at", "resource", "capacity", "booked", "status", "blocked_reason"]
    list_filter = ["status", ("resource", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["resource__name", "blocked_reason"]
    list_select_related = ["resource"]
    date_hierarchy = "starts_at"
    readonly_fields = ["resource", "starts_at", "ends_at", "status", "blocked_reason"]
    fields = ["resource", "starts_at", "ends_at", "capacity", "status", "blocked_reason"]
    inlines = [BookingInline, WaitlistInline]
    actions = ["block_slots", "unblock_slots"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_booked_count()

    def has_add_permission(self, request):
        return False  # slots come from the resource's weekly hours

    @admin.display(description=_("réservées"), ordering="booked_count")
    def booked(self, obj):
        return obj.booked_count

    def save_model(self, request, obj, form, change):
        # The form showed the rule beside the field; the service applies it again under the slot's lock
        # (a booking made meanwhile): its refusal is then a message, and nothing is saved.
        slot_update(slot=obj, capacity=form.cleaned_data["capacity"])

    @admin.action(description=_("Bloquer (maintenance) et prévenir les personnes inscrites"), permissions=["change"])
    def block_slots(self, request, queryset):
        slots = queryset.exclude(status=SlotStatus.BLOCKED)
        cancelled = sum(slot_block(slot=slot, reason=str(_("Maintenance")), by=request.user) for slot in slots)
        self.message_user(
            request,
            ngettext(
                "Créneaux bloqués ; %(count)d réservation annulée et prévenue.",
                "Créneaux bloqués ; %(count)d réservations annulées et prévenues.",
                cancelled,
            )
            % {"count": cancelled},
        )

    @admin.action(description=_("Rouvrir à la réservation"), permissions=["change"])
    def unblock_slots(self, request, queryset):
        for slot in queryset.filter(status=SlotStatus.BLOCKED):
            slot_unblock(slot=slot)
        self.message_user(request, _("Créneaux rouverts."))


class BookingActionForm(ActionForm):
    """The changelist's action bar, with the reason staff may give when they cancel bookings (sent to each
    person in their email). The other actions ignore it."""

    # The bound here only stops absurd bodies; the action itself says when the reason is over
    # STAFF_CANCEL_REASON_MAX (Django's action bar would answer an invalid form with "No action selected").
    reason = forms.CharField(
        label=_("Motif de l'annulation (facultatif, envoyé à la personne)"),
        required=False,
        max_length=10 * STAFF_CANCEL_REASON_MAX,
        widget=forms.TextInput(attrs={"maxlength": STAFF_CANCEL_REASON_MAX, "size": 40}),
    )


@admin.register(Booking)
class BookingAdmin(ServiceWritesAdminMixin, CityScopedAdminMixin, SimpleHistoryAdmin):
    history_revertible = False  # a booking's status changes through the booking services only
    deletion_refusal = _(
        "Une réservation ne se supprime pas : sa place serait libérée sans que la personne soit prévenue. "
        "Pour annuler une réservation, utilisez l'action « Annuler ces réservations et prévenir les personnes » "
        "(la place revient à la liste d'attente) ; pour tout un créneau, bloquez-le."
    )
    list_display = ["slot", "person", "status", "place_number", "created_at", "checked_in_at"]
    list_filter = [
        "status",
        ("slot__resource", admin.RelatedOnlyFieldListFilter),
        ("checked_in_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["person__email", "person__first_name", "person__last_name"]
    list_select_related = ["slot", "slot__resource", "person"]
    date_hierarchy = "slot__starts_at"
    readonly_fields = [
        "slot",
        "person",
        "status",
        "place_number",
        "created_at",
        "cancelled_at",
        "checked_in_at",
        "checked_in_by",
    ]
    actions = ["check_in", "cancel_bookings"]
    action_form = BookingActionForm

    def has_add_permission(self, request):
        return False  # a booking is made by the person, through the booking service

    @admin.action(
        description=_("Annuler ces réservations et prévenir les personnes (la place revient à la liste d'attente)"),
        permissions=["change"],
    )
    def cancel_bookings(self, request, queryset):
        reason = request.POST.get("reason", "")
        if len(reason.strip()) > STAFF_CANCEL_REASON_MAX:  # said once, and nothing is cancelled
            self.message_user(
                request,
                _("Le motif tient en %(max)d caractères au plus (%(length)d reçus) : aucune réservation annulée.")
                % {"max": STAFF_CANCEL_REASON_MAX, "length": len(reason.strip())},
                messages.ERROR,
            )
            return
        done, refused = 0, []
        for booking in queryset.select_related("slot__resource", "person"):
            try:
                booking_cancel_by_staff(booking=booking, reason=reason)
            except BookingError as error:
                refused.append(f"{booking}: {' '.join(error.messages)}")
                continue
            done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d réservation annulée ; la personne est prévenue.",
                "%(count)d réservations annulées ; les personnes sont prévenues.",
                done,
            )
            % {"count": done},
        )
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description=_("Marquer présent·e"), permissions=["change"])
    def check_in(self, request, queryset):
        done = 0
        for booking in queryset.filter(status=BookingStatus.CONFIRMED):
            try:
                booking_check_in(booking=booking, by=request.user)
            except BookingError:
                continue
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d présence enregistrée.", "%(count)d présences enregistrées.", done) % {"count": done},
        )


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(ServiceWritesAdminMixin, CityScopedAdminMixin, SimpleHistoryAdmin):
    """Who waits for which full slot, in order. Read only: people join and leave from the site, and a freed
    place goes to the first in line through the booking services (cancel a booking to free one)."""

    history_revertible = False
    deletion_refusal = _(
        "Une inscription en liste d'attente ne se supprime pas ici : la personne la quitte depuis le site, "
        "et elle prend fin d'elle-même quand une place lui est donnée."
    )
    list_display = ["slot", "person", "status", "joined_at", "ended_at"]
    list_filter = ["status", ("slot__resource", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["person__email", "person__first_name", "person__last_name"]
    list_select_related = ["slot__resource", "person"]
    date_hierarchy = "slot__starts_at"
    readonly_fields = ["slot", "person", "status", "joined_at", "ended_at", "booking"]

    def has_add_permission(self, request):
        return False
