"""Calls for applications, applications, their recommendation, review and status history."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import BoundedTextField, PhoneField
from common.history import HistoricalRecords
from common.models import ExampleFlagModel, TimestampedModel
from initiatives.constants import CategorySlug
from partnership.scoping import CityScopedQuerySet

from .constants import (
    CALL_CATEGORIES,
    FINAL_STATUSES,
    SCORE_MAX,
    SCORE_MIN,
    ApplicationStatus,
    CallState,
    LegalForm,
    RecommendationStatus,
    Sector,
    Stage,
)
from .storage import pitch_deck_path, private_storage
from .validators import validate_pitch_deck, validate_siret


class CallQuerySet(CityScopedQuerySet):
    def published(self, now: datetime | None = None):
        return self.filter(published_at__isnull=False, published_at__lte=now or timezone.now())

    def open(self, now: datetime | None = None):
        now = now or timezone.now()
        return self.published(now).filter(opens_at__lte=now, closes_at__gt=now)

    def upcoming(self, now: datetime | None = None):
        now = now or timezone.now()
        return self.published(now).filter(opens_at__gt=now)


class Call(TimestampedModel, ExampleFlagModel):
    """A call for applications opened by a start-up support or green-software initiative."""

    city_path = "initiative__partnership__city"

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="calls",
        limit_choices_to={"category__slug__in": CALL_CATEGORIES},
        help_text=_("Une initiative de soutien aux start-ups ou aux logiciels pour l'environnement."),
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    summary = models.CharField(_("résumé"), max_length=300)
    eligibility = BoundedTextField(_("qui peut candidater"), max_length=5000)
    offer = BoundedTextField(_("ce qui est proposé"), max_length=5000)
    offers_advice = models.BooleanField(_("conseil"), default=False)
    offers_funding = models.BooleanField(_("financement"), default=False)
    offers_mentoring = models.BooleanField(_("mentorat"), default=False)
    opens_at = models.DateTimeField(_("ouverture des candidatures"))
    closes_at = models.DateTimeField(_("clôture des candidatures"))
    requires_recommendation = models.BooleanField(
        _("recommandation exigée"),
        default=False,
        help_text=_(
            "La candidature doit être recommandée par un acteur régional de l'innovation. Le dépôt est possible "
            "dès que la demande est envoyée ; l'acceptation n'est possible qu'une fois la recommandation confirmée."
        ),
    )
    published_at = models.DateTimeField(
        _("publié le"),
        null=True,
        blank=True,
        help_text=_("Laissez vide tant que l'appel ne doit pas être visible du public."),
    )

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("appel à candidatures")
        verbose_name_plural = _("appels à candidatures")
        ordering = ["closes_at", "pk"]
        indexes = [models.Index(fields=["published_at", "opens_at", "closes_at"], name="call_publication_window")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="call_closes_after_it_opens"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("startups:call_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.initiative_id and self.initiative.category.slug not in CALL_CATEGORIES:
            raise ValidationError(
                {
                    "initiative": _(
                        "Seules les initiatives de soutien aux start-ups ou aux logiciels verts ouvrent des appels."
                    )
                }
            )

    def state(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return CallState.UPCOMING
        if now >= self.closes_at:
            return CallState.CLOSED
        return CallState.OPEN

    @property
    def is_open(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now() and self.state() == CallState.OPEN

    @property
    def is_green(self) -> bool:
        """The green-software call also asks for the environmental impact and how it is measured."""
        return self.initiative.category.slug == CategorySlug.GREEN_SOFTWARE

    @property
    def city(self):
        return self.initiative.partnership.city

    @property
    def offer_labels(self) -> list[str]:
        pairs = [
            (self.offers_advice, _("Conseil")),
            (self.offers_funding, _("Financement")),
            (self.offers_mentoring, _("Mentorat")),
        ]
        return [str(label) for flag, label in pairs if flag]


class Criterion(models.Model):
    city_path = "call__initiative__partnership__city"

    call = models.ForeignKey(Call, verbose_name=_("appel"), on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("critère"), max_length=150)
    description = BoundedTextField(_("ce qui est regardé"), max_length=1000, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("poids"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)], help_text=_("De 1 à 10.")
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("critère d'évaluation")
        verbose_name_plural = _("critères d'évaluation")
        ordering = ["call", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gte=1, weight__lte=10), name="criterion_weight_1_to_10"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (×{self.weight})"


class Application(TimestampedModel):
    """One company's application to one call. Most fields may stay empty while it is a draft."""

    city_path = "call__initiative__partnership__city"
    # Written only by services.application_transition/application_submit (recorded, the applicant told).
    service_fields = ("status", "submitted_at", "decided_at")

    call = models.ForeignKey(Call, verbose_name=_("appel"), on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidat"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="startup_applications",
        help_text=_("Vide quand la personne a supprimé son compte : la candidature est alors anonymisée."),
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    company_name = models.CharField(_("nom de l'entreprise"), max_length=200, blank=True)
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_("14 chiffres, sur votre extrait Kbis ou sur annuaire-entreprises.data.gouv.fr."),
    )
    legal_form = models.CharField(_("forme juridique"), max_length=20, choices=LegalForm.choices, blank=True)
    founded_on = models.DateField(_("date de création"), null=True, blank=True)
    team_size = models.PositiveSmallIntegerField(
        _("taille de l'équipe"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    stage = models.CharField(_("stade de développement"), max_length=20, choices=Stage.choices, blank=True)
    sector = models.CharField(_("secteur"), max_length=20, choices=Sector.choices, blank=True)
    website = models.URLField(_("site web"), blank=True)
    product_description = BoundedTextField(_("votre produit ou service"), max_length=5000, blank=True)
    environmental_impact = BoundedTextField(_("impact environnemental"), max_length=5000, blank=True)
    impact_measurement = BoundedTextField(_("comment vous mesurez cet impact"), max_length=5000, blank=True)
    sought = BoundedTextField(_("ce que vous attendez de l'accompagnement"), max_length=3000, blank=True)
    contact_name = models.CharField(_("personne à contacter"), max_length=200, blank=True)
    contact_email = models.EmailField(_("courriel de la personne à contacter"), blank=True)
    contact_phone = PhoneField(_("téléphone"), blank=True)
    pitch_deck = models.FileField(
        _("présentation (PDF)"),
        storage=private_storage,
        upload_to=pitch_deck_path,
        max_length=255,
        blank=True,
        validators=[validate_pitch_deck],
    )
    pitch_deck_name = models.CharField(_("nom du fichier envoyé"), max_length=255, blank=True)
    consent_given_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    anonymised_at = models.DateTimeField(
        _("anonymisée le"),
        null=True,
        blank=True,
        help_text=_("La personne a supprimé son compte ; la ville garde le dossier sans ses coordonnées."),
    )
    submitted_at = models.DateTimeField(_("déposée le"), null=True, blank=True)
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["pitch_deck"])

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["call", "status"], name="application_call_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "siret"],
                condition=~models.Q(siret="") & ~models.Q(status=ApplicationStatus.WITHDRAWN),
                name="one_application_per_siret_per_call",
                violation_error_code="duplicate_siret",
                violation_error_message=_(
                    "Une candidature existe déjà pour ce SIRET à cet appel : une seule candidature par entreprise."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values), name="application_status_is_known"
            ),
        ]

    def __str__(self) -> str:
        return self.company_name or str(_("Candidature n° %(pk)s") % {"pk": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("startups:application_detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    @property
    def is_decided(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def can_withdraw(self) -> bool:
        return self.status not in FINAL_STATUSES


class Recommendation(models.Model):
    """An innovation actor's recommendation, asked by the applicant and answered through a signed link."""

    city_path = "application__call__initiative__partnership__city"

    application = models.OneToOneField(
        Application, verbose_name=_("candidature"), on_delete=models.CASCADE, related_name="recommendation"
    )
    organisation = models.ForeignKey(
        "partnership.Organisation",
        verbose_name=_("acteur de l'innovation"),
        on_delete=models.PROTECT,
        related_name="startup_recommendations",
        limit_choices_to={"is_innovation_actor": True},
    )
    contact_email = models.EmailField(_("courriel de la personne qui recommande"))
    status = models.CharField(
        _("état"), max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.PENDING
    )
    requested_at = models.DateTimeField(_("demandée le"))
    responded_at = models.DateTimeField(_("réponse le"), null=True, blank=True)
    comment = BoundedTextField(_("commentaire de l'acteur"), max_length=2000, blank=True)

    history = HistoricalRecords()

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommandation")
        verbose_name_plural = _("recommandations")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_status_display()}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == RecommendationStatus.CONFIRMED


class StatusChange(models.Model):
    """One step of an application's lifecycle: who moved it, when, and what they said."""

    city_path = "application__call__initiative__partnership__city"

    application = models.ForeignKey(
        Application, verbose_name=_("candidature"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("ancien statut"), max_length=20, choices=ApplicationStatus.choices)
    to_status = models.CharField(_("nouveau statut"), max_length=20, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message = BoundedTextField(_("message"), max_length=5000, blank=True)
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("changement de statut")
        verbose_name_plural = _("changements de statut")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(to_status=ApplicationStatus.REJECTED) | ~models.Q(message=""),
                name="rejection_has_a_reason",
                violation_error_message=_("Un refus doit être motivé."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ReviewAssignment(models.Model):
    """A reviewer asked to score one application. They see it only after declaring no conflict of interest."""

    city_path = "application__call__initiative__partnership__city"

    application = models.ForeignKey(
        Application, verbose_name=_("candidature"), on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("évaluateur"),
        on_delete=models.SET_NULL,  # an erased reviewer's scores stay with the city, without their name
        null=True,
        related_name="review_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assignée le"), default=timezone.now)
    no_conflict_declared_at = models.DateTimeField(
        _("absence de conflit d'intérêts déclarée le"), null=True, blank=True
    )
    conflict_declared_at = models.DateTimeField(_("conflit d'intérêts déclaré le"), null=True, blank=True)

    history = HistoricalRecords()

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("évaluation assignée")
        verbose_name_plural = _("évaluations assignées")
        ordering = ["-assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                name="one_assignment_per_reviewer",
                violation_error_message=_("Cette personne évalue déjà cette candidature."),
            ),
            models.CheckConstraint(
                condition=models.Q(no_conflict_declared_at__isnull=True) | models.Q(conflict_declared_at__isnull=True),
                name="assignment_conflict_declared_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} — {self.application}"

    @property
    def may_see_file(self) -> bool:
        return self.no_conflict_declared_at is not None and self.conflict_declared_at is None


class Score(models.Model):
    city_path = "assignment__application__call__initiative__partnership__city"

    assignment = models.ForeignKey(
        ReviewAssignment, verbose_name=_("évaluation"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, verbose_name=_("critère"), on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(
        _("note"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)], help_text=_("De 0 à 5.")
    )
    comment = BoundedTextField(_("commentaire"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords()

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["assignment", "criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX), name="score_between_0_and_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name} : {self.score}/5"
