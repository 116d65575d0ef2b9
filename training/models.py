"""Training programmes, their sessions, registrations (confirmed or waitlisted) and attendance.

Capacity is guarded twice: services lock the session row (`select_for_update()`) before counting
seats, and the database gives every confirmed registration a seat number unique within its session
(`one_person_per_seat`), a number the service only takes between 1 and the capacity. See services.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import BoundedTextField
from common.history import HistoricalRecords
from common.models import ExampleFlagModel, TimestampedModel
from common.time import city_datetime, city_localtime
from initiatives.constants import CategorySlug
from partnership.scoping import CityScopedQuerySet

from .constants import RegistrationStatus, SessionStatus, Situation, Trade

france_travail_id_validator = RegexValidator(
    r"^[0-9]{7}[0-9A-Z]$",
    _("L'identifiant France Travail compte 8 caractères : 7 chiffres puis un chiffre ou une lettre (ex. 1234567A)."),
)

session_reference_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._/-]*$",
    _(
        "Une référence ne contient que des lettres sans accent, des chiffres et les signes - _ . / (ex. WEB-PARIS-2027-01)."
    ),
)


class ProgrammeQuerySet(CityScopedQuerySet):
    def published(self):
        return self.filter(is_published=True, initiative__is_published=True)


class Programme(TimestampedModel, ExampleFlagModel):
    """A training course leading to an IT trade, offered by a job-training initiative."""

    city_path = "initiative__partnership__city"

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="training_programmes",
        limit_choices_to={"category__slug": CategorySlug.JOB_TRAINING},
        help_text=_("Une initiative de la catégorie « Formation des demandeurs d'emploi »."),
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    trade = models.CharField(_("métier visé"), max_length=30, choices=Trade.choices)
    summary = models.CharField(_("résumé"), max_length=300)
    description = BoundedTextField(_("description"), max_length=10000, blank=True)
    prerequisites = BoundedTextField(_("prérequis"), max_length=3000, blank=True)
    duration_hours = models.PositiveSmallIntegerField(
        _("durée (heures)"), validators=[MinValueValidator(1), MaxValueValidator(3000)]
    )
    cost_to_trainee = models.DecimalField(
        _("coût pour le stagiaire (€)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("0 si la formation est gratuite pour la personne."),
    )
    eligibility = BoundedTextField(_("conditions d'accès"), max_length=3000, blank=True)
    asks_france_travail_id = models.BooleanField(
        _("demander l'identifiant France Travail"),
        default=True,
        help_text=_("Le formulaire d'inscription propose un champ facultatif pour l'identifiant France Travail."),
    )
    outcomes = BoundedTextField(_("débouchés et certification"), max_length=3000, blank=True)
    is_published = models.BooleanField(_("publié"), default=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme de formation")
        verbose_name_plural = _("programmes de formation")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(cost_to_trainee__gte=0), name="programme_cost_not_negative"),
            models.CheckConstraint(condition=models.Q(duration_hours__gte=1), name="programme_duration_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:programme_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.initiative_id and self.initiative.category.slug != CategorySlug.JOB_TRAINING:
            raise ValidationError(
                {"initiative": _("Choisissez une initiative de la catégorie « Formation des demandeurs d'emploi ».")}
            )

    @property
    def is_free(self) -> bool:
        return self.cost_to_trainee == 0


class Session(TimestampedModel):
    """One run of a programme: dates, place or remote, capacity and registration deadline."""

    city_path = "programme__initiative__partnership__city"
    # Written only by the session services (seats, waitlist, cancellation, calendar version).
    service_fields = ("status", "ics_sequence")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="sessions"
    )
    reference = models.CharField(
        _("référence"),
        max_length=50,
        blank=True,
        validators=[session_reference_validator],
        help_text=_("Référence interne, par exemple WEB-PARIS-2027-01."),
    )
    starts_at = models.DateTimeField(_("début"), help_text=_("Heure de Paris."))
    ends_at = models.DateTimeField(_("fin"), help_text=_("Heure de Paris."))
    registration_deadline = models.DateTimeField(_("date limite d'inscription"))
    place = models.ForeignKey(
        "initiatives.Place",
        verbose_name=_("lieu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_sessions",
    )
    is_remote = models.BooleanField(_("à distance"), default=False)
    remote_details = models.CharField(
        _("modalités à distance"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple : « Le lien de connexion est envoyé la veille »."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("nombre de places"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    status = models.CharField(_("statut"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.OPEN)
    practical_info = BoundedTextField(_("informations pratiques"), max_length=3000, blank=True)
    ics_sequence = models.PositiveIntegerField(
        _("version du calendrier"), default=0, help_text=_("Augmente à chaque changement de dates ou de lieu.")
    )

    # history: registered in translation.py, after the translator (remote details and practical information
    # are translated)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"], name="session_status_starts")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(registration_deadline__lte=models.F("starts_at")),
                name="session_deadline_before_start",
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="session_capacity_positive"),
            models.CheckConstraint(
                condition=models.Q(place__isnull=False) | models.Q(is_remote=True), name="session_place_or_remote"
            ),
            models.UniqueConstraint(
                fields=["reference"], condition=~models.Q(reference=""), name="session_reference_unique"
            ),
        ]

    def __str__(self) -> str:
        start = city_localtime(self.starts_at).strftime("%d/%m/%Y")
        return f"{self.programme} — {start}"

    def get_absolute_url(self) -> str:
        return reverse("training:session_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("La fin doit être après le début.")
        if self.starts_at and self.registration_deadline and self.registration_deadline > self.starts_at:
            errors["registration_deadline"] = _("La date limite d'inscription doit précéder le début de la session.")
        if not self.place_id and not self.is_remote:
            errors["place"] = _("Indiquez un lieu ou cochez « à distance ».")
        if errors:
            raise ValidationError(errors)

    @property
    def city(self):
        return self.programme.initiative.partnership.city

    @property
    def local_starts_at(self) -> dt.datetime:
        return city_localtime(self.starts_at)

    @property
    def local_ends_at(self) -> dt.datetime:
        return city_localtime(self.ends_at)

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    def has_started(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def registration_is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.status in (SessionStatus.OPEN, SessionStatus.FULL) and now <= self.registration_deadline


class SessionDay(models.Model):
    """A day the session meets (a multi-day session has several); attendance is taken per day."""

    city_path = "session__programme__initiative__partnership__city"

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("heure de début"), help_text=_("Heure de Paris."))
    end_time = models.TimeField(_("heure de fin"), help_text=_("Heure de Paris."))

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("journée de session")
        verbose_name_plural = _("journées de session")
        ordering = ["session", "date"]
        constraints = [
            models.UniqueConstraint(fields=["session", "date"], name="one_session_day_per_date"),
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")), name="day_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.date.strftime("%d/%m/%Y")

    @property
    def starts_at(self) -> dt.datetime:
        return city_datetime(self.date, self.start_time)

    @property
    def ends_at(self) -> dt.datetime:
        return city_datetime(self.date, self.end_time)


class Registration(TimestampedModel):
    """A person's place in a session: confirmed (with a seat number), waitlisted (in queue order) or cancelled."""

    city_path = "session__programme__initiative__partnership__city"
    # Written only by the registration services (seats under the session lock, the waitlist, emails).
    service_fields = ("status", "seat_number", "queued_at", "confirmed_at", "was_promoted", "cancelled_at")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="training_registrations",
    )
    status = models.CharField(_("statut"), max_length=12, choices=RegistrationStatus.choices)
    seat_number = models.PositiveSmallIntegerField(
        _("numéro de place"), null=True, blank=True, help_text=_("Attribué aux inscriptions confirmées.")
    )
    situation = models.CharField(_("situation"), max_length=40, choices=Situation.choices)
    motivation = BoundedTextField(_("motivation"), max_length=2000)
    consent = models.BooleanField(_("consentement au traitement des données"), default=False)
    france_travail_id = models.CharField(
        _("identifiant France Travail"), max_length=8, blank=True, validators=[france_travail_id_validator]
    )
    queued_at = models.DateTimeField(
        _("date d'inscription"), default=timezone.now, help_text=_("Ordre de la liste d'attente.")
    )
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    was_promoted = models.BooleanField(_("venue de la liste d'attente"), default=False)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    completed = models.BooleanField(_("formation achevée"), default=False)

    history = HistoricalRecords()

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["session", "queued_at", "pk"]
        indexes = [models.Index(fields=["session", "status", "queued_at"], name="registration_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=~models.Q(status=RegistrationStatus.CANCELLED),
                name="one_active_registration_per_person",
                violation_error_message=_("Vous êtes déjà inscrit·e à cette session."),
            ),
            models.UniqueConstraint(fields=["session", "seat_number"], name="one_person_per_seat"),
            models.CheckConstraint(
                condition=(
                    models.Q(status=RegistrationStatus.CONFIRMED, seat_number__isnull=False, seat_number__gte=1)
                    | (~models.Q(status=RegistrationStatus.CONFIRMED) & models.Q(seat_number__isnull=True))
                ),
                name="seat_number_only_when_confirmed",
            ),
            models.CheckConstraint(condition=models.Q(consent=True), name="registration_requires_consent"),
            models.CheckConstraint(
                condition=models.Q(completed=False) | models.Q(status=RegistrationStatus.CONFIRMED),
                name="completion_only_when_confirmed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.session}"

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED


class Attendance(models.Model):
    """Whether a confirmed person was there on one day of the session."""

    city_path = "registration__session__programme__initiative__partnership__city"

    registration = models.ForeignKey(
        Registration, verbose_name=_("inscription"), on_delete=models.CASCADE, related_name="attendances"
    )
    day = models.ForeignKey(SessionDay, verbose_name=_("journée"), on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(_("présent·e"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("relevée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("relevée le"), auto_now=True)

    history = HistoricalRecords()

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        ordering = ["day", "registration"]
        constraints = [models.UniqueConstraint(fields=["registration", "day"], name="one_attendance_per_day")]

    def __str__(self) -> str:
        return f"{self.registration.person} — {self.day}"
