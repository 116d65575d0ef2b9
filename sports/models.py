"""The digital sports space: a bookable resource, its weekly opening hours, its slots and the bookings.

Capacity is guarded twice. The booking service locks the slot row (`select_for_update`) and gives each
confirmed booking the smallest free *place number* between 1 and the slot's capacity; the database holds
a unique constraint on (slot, place_number) among confirmed bookings. So even a code path that forgot the
lock could not seat two people on the same place: the second insert fails. The lock is what makes the
loser see "slot full" cleanly instead of an integrity error; the constraint is the last line of defence
(tests/sports/test_booking_race.py shows both).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.dates import format_datetime
from common.fields import BoundedTextField
from common.history import HistoricalRecords
from partnership.scoping import CityScopedQuerySet

from .constants import BookingStatus, SlotStatus, WaitlistStatus, Weekday


class SportsResource(models.Model):
    city_path = "place__city"

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), unique=True)
    place = models.ForeignKey(
        "initiatives.Place", verbose_name=_("lieu"), on_delete=models.PROTECT, related_name="sports_resources"
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sports_resources",
    )
    description = BoundedTextField(_("présentation"), max_length=5000, blank=True)
    slot_minutes = models.PositiveSmallIntegerField(
        _("durée d'un créneau (minutes)"), default=60, validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    capacity = models.PositiveSmallIntegerField(
        _("places par créneau"), default=10, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    horizon_weeks = models.PositiveSmallIntegerField(
        _("réservable sur (semaines)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
        help_text=_("Les créneaux sont créés à l'avance pour ce nombre de semaines."),
    )
    cancellation_hours = models.PositiveSmallIntegerField(
        _("annulation possible jusqu'à (heures avant)"),
        default=24,
        validators=[MaxValueValidator(336)],
        help_text=_("Une personne peut annuler sa réservation jusqu'à ce nombre d'heures avant le début."),
    )
    max_bookings_per_week = models.PositiveSmallIntegerField(
        _("réservations par personne et par semaine"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    is_active = models.BooleanField(_("réservations ouvertes"), default=True)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("espace réservable")
        verbose_name_plural = _("espaces réservables")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="sportsresource_capacity_positive"),
            models.CheckConstraint(condition=models.Q(slot_minutes__gte=15), name="sportsresource_slot_minutes_min"),
            models.CheckConstraint(condition=models.Q(horizon_weeks__gte=1), name="sportsresource_horizon_positive"),
            models.CheckConstraint(
                condition=models.Q(max_bookings_per_week__gte=1), name="sportsresource_weekly_limit_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sports:resource", kwargs={"slug": self.slug})


class OpeningPeriod(models.Model):
    city_path = "resource__place__city"

    resource = models.ForeignKey(
        SportsResource, verbose_name=_("espace"), on_delete=models.CASCADE, related_name="opening_periods"
    )
    weekday = models.PositiveSmallIntegerField(_("jour"), choices=Weekday.choices)
    opens_at = models.TimeField(_("ouverture"))
    closes_at = models.TimeField(_("fermeture"))
    history = HistoricalRecords()

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("horaire hebdomadaire")
        verbose_name_plural = _("horaires hebdomadaires")
        ordering = ["resource", "weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="openingperiod_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6), name="openingperiod_weekday_in_week"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class SlotQuerySet(CityScopedQuerySet):
    def with_booked_count(self):
        return self.annotate(
            booked_count=models.Count("bookings", filter=models.Q(bookings__status=BookingStatus.CONFIRMED))
        )


class Slot(models.Model):
    city_path = "resource__place__city"
    # Written only by slot_block/slot_unblock (bookings cancelled and people told).
    service_fields = ("status", "blocked_reason")

    resource = models.ForeignKey(
        SportsResource, verbose_name=_("espace"), on_delete=models.PROTECT, related_name="slots"
    )
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    capacity = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1)])
    status = models.CharField(_("état"), max_length=20, choices=SlotStatus.choices, default=SlotStatus.OPEN)
    blocked_reason = models.CharField(_("motif du blocage"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("créneau")
        verbose_name_plural = _("créneaux")
        ordering = ["resource", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "starts_at"], name="slot_unique_start_per_resource"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="slot_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.resource} — {format_datetime(self.starts_at)}"

    @property
    def is_blocked(self) -> bool:
        return self.status == SlotStatus.BLOCKED

    @property
    def cancellation_deadline(self):
        """Bookings of this slot can be cancelled until then (the resource's window before the start)."""
        return self.starts_at - timedelta(hours=self.resource.cancellation_hours)


class Booking(models.Model):
    city_path = "slot__resource__place__city"
    # Written only by the booking services (place numbers under the slot lock, emails, check-in).
    service_fields = (
        "status",
        "place_number",
        "cancelled_at",
        "checked_in_at",
        "checked_in_by",
        "reminder_sent_at",
        "ics_sequence",
    )

    slot = models.ForeignKey(Slot, verbose_name=_("créneau"), on_delete=models.PROTECT, related_name="bookings")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="sports_bookings"
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    place_number = models.PositiveSmallIntegerField(
        _("numéro de place"), null=True, blank=True, help_text=_("Attribué à la réservation, libéré à l'annulation.")
    )
    created_at = models.DateTimeField(_("réservée le"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("présence constatée le"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("présence constatée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    ics_sequence = models.PositiveIntegerField(
        _("version du fichier agenda"),
        default=0,
        help_text=_("Augmente à chaque changement, pour que les agendas remplacent l'événement."),
    )
    history = HistoricalRecords()

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("réservation")
        verbose_name_plural = _("réservations")
        ordering = ["slot__starts_at", "place_number", "pk"]
        constraints = [
            # The database guard against overbooking: a confirmed booking holds one numbered place.
            models.UniqueConstraint(
                fields=["slot", "place_number"],
                condition=models.Q(status="confirmed"),
                name="booking_unique_place_in_slot",
            ),
            models.UniqueConstraint(
                fields=["slot", "person"],
                condition=models.Q(status="confirmed"),
                name="booking_once_per_person_and_slot",
            ),
            models.CheckConstraint(
                condition=(models.Q(status="confirmed") & models.Q(place_number__gte=1))
                | (~models.Q(status="confirmed") & models.Q(place_number__isnull=True)),
                name="booking_place_number_only_when_confirmed",
            ),
        ]
        indexes = [models.Index(fields=["person", "status"], name="booking_person_status")]

    def __str__(self) -> str:
        return f"{self.person} — {self.slot}"

    def get_absolute_url(self) -> str:
        return reverse("sports:booking", kwargs={"pk": self.pk})

    @property
    def is_confirmed(self) -> bool:
        return self.status == BookingStatus.CONFIRMED


class WaitlistEntry(models.Model):
    """A person waiting for a place in a full slot. When a place frees, the first person still within
    their weekly limit gets it (sports.services.promote_waitlisted); the others keep their rank."""

    city_path = "slot__resource__place__city"
    service_fields = ("status", "joined_at", "ended_at", "booking")

    slot = models.ForeignKey(Slot, verbose_name=_("créneau"), on_delete=models.PROTECT, related_name="waitlist")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="sports_waitlist"
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=WaitlistStatus.choices, default=WaitlistStatus.WAITING
    )
    joined_at = models.DateTimeField(_("inscrite le"), default=timezone.now)
    ended_at = models.DateTimeField(_("sortie de la liste le"), null=True, blank=True)
    booking = models.OneToOneField(
        Booking,
        verbose_name=_("réservation obtenue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="waitlist_entry",
    )
    history = HistoricalRecords()

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription en liste d'attente")
        verbose_name_plural = _("inscriptions en liste d'attente")
        ordering = ["slot", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "person"],
                condition=models.Q(status="waiting"),
                name="waitlist_once_per_person_and_slot",
            ),
            models.CheckConstraint(
                condition=models.Q(status="promoted", booking__isnull=False) | ~models.Q(status="promoted"),
                name="waitlist_promoted_has_booking",
            ),
        ]
        indexes = [models.Index(fields=["slot", "status", "joined_at"], name="waitlist_queue")]

    def __str__(self) -> str:
        return f"{self.person} — {self.slot}"
