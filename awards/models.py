"""The Lutèces d'Or: editions run by a city with a partner, their categories and criteria, public
nominations confirmed by email, the jury (declarations, conflicts, scores), the public vote and the laureates."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import BoundedTextField
from common.history import HistoricalRecords
from common.models import ExampleFlagModel, TimestampedModel
from partnership.scoping import CityScopedQuerySet

from .constants import (
    LICENCE_CHOICES,
    SCORE_MAX,
    SCORE_MIN,
    ConflictSource,
    EditionPhase,
    NominationKind,
    NominationStatus,
    Prize,
)
from .validators import validate_digest, validate_domain, validate_repository_url


class EditionQuerySet(CityScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)


class Edition(TimestampedModel, ExampleFlagModel):
    """One year of the awards, run by the city of a partnership (the Lutèces d'Or: Paris with ASS2L)."""

    city_path = "partnership__city"
    # Written only by awards.services.results_publish (the laureates are computed then).
    service_fields = ("results_published_at",)

    partnership = models.ForeignKey(
        "partnership.Partnership",
        verbose_name=_("partenariat"),
        on_delete=models.PROTECT,
        related_name="award_editions",
        help_text=_("Le partenariat de la ville avec l'organisation qui co-organise les prix."),
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    intro = BoundedTextField(_("présentation"), max_length=3000, blank=True)
    is_published = models.BooleanField(
        _("visible du public"), default=False, help_text=_("Décochez tant que l'édition se prépare.")
    )
    nominations_open_at = models.DateTimeField(_("ouverture des propositions"))
    nominations_close_at = models.DateTimeField(_("clôture des propositions"))
    jury_opens_at = models.DateTimeField(_("début des délibérations du jury"))
    jury_closes_at = models.DateTimeField(_("fin des délibérations du jury"))
    vote_opens_at = models.DateTimeField(
        _("ouverture du vote du public"),
        null=True,
        blank=True,
        help_text=_("Laissez vide s'il n'y a pas de vote du public."),
    )
    vote_closes_at = models.DateTimeField(_("clôture du vote du public"), null=True, blank=True)
    results_announced_for = models.DateTimeField(_("annonce des résultats prévue le"))
    results_published_at = models.DateTimeField(_("résultats publiés le"), null=True, blank=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("édition des Lutèces d'Or")
        verbose_name_plural = _("éditions des Lutèces d'Or")
        ordering = ["-nominations_open_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nominations_close_at__gt=models.F("nominations_open_at"))
                & models.Q(jury_opens_at__gte=models.F("nominations_close_at"))
                & models.Q(jury_closes_at__gt=models.F("jury_opens_at"))
                & models.Q(results_announced_for__gte=models.F("jury_closes_at")),
                name="edition_dates_in_order",
                violation_error_message=_(
                    "Les dates se suivent : ouverture puis clôture des propositions, jury, puis résultats."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(vote_opens_at__isnull=True, vote_closes_at__isnull=True)
                | models.Q(
                    vote_opens_at__gte=models.F("nominations_close_at"),
                    vote_closes_at__gt=models.F("vote_opens_at"),
                    vote_closes_at__lte=models.F("results_announced_for"),
                ),
                name="edition_vote_dates_in_order",
                violation_error_message=_(
                    "Le vote du public s'ouvre après la clôture des propositions et se termine avant l'annonce "
                    "des résultats (ou les deux dates restent vides)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("awards:edition", kwargs={"slug": self.slug})

    def phase(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if self.results_published_at:
            return EditionPhase.RESULTS
        if now < self.nominations_open_at:
            return EditionPhase.UPCOMING
        if now < self.nominations_close_at:
            return EditionPhase.NOMINATIONS
        return EditionPhase.JURY

    @property
    def phase_label(self) -> str:
        return str(EditionPhase(self.phase()).label)

    def nominations_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.is_published and self.nominations_open_at <= now < self.nominations_close_at

    def vote_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return bool(self.is_published and self.vote_opens_at and self.vote_opens_at <= now < self.vote_closes_at)

    def vote_closed(self, now: datetime | None = None) -> bool:
        """The count of the public vote is shown only from then on."""
        return bool(self.vote_closes_at and (now or timezone.now()) >= self.vote_closes_at)

    def jury_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.jury_opens_at <= now < self.jury_closes_at and self.results_published_at is None


class Category(models.Model):
    city_path = "edition__partnership__city"

    edition = models.ForeignKey(Edition, verbose_name=_("édition"), on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("identifiant d'URL"), max_length=150)
    description = BoundedTextField(_("description"), max_length=1000, blank=True)
    kind = models.CharField(
        _("ce qui peut être proposé"), max_length=20, choices=NominationKind.choices, default=NominationKind.PROJECT
    )
    public_vote = models.BooleanField(
        _("vote du public"), default=False, help_text=_("Un prix du public, aux dates de vote de l'édition.")
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("catégorie de prix")
        verbose_name_plural = _("catégories de prix")
        ordering = ["edition", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["edition", "slug"], name="award_category_slug_per_edition")]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """What the jury scores, 0 to 5, with a weight."""

    city_path = "edition__partnership__city"

    edition = models.ForeignKey(Edition, verbose_name=_("édition"), on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("critère"), max_length=150)
    weight = models.PositiveSmallIntegerField(
        _("poids"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)], help_text=_("De 1 à 10.")
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("critère du jury")
        verbose_name_plural = _("critères du jury")
        ordering = ["edition", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=10), name="award_criterion_weight_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (×{self.weight})"


class NominationQuerySet(CityScopedQuerySet):
    def counted(self):
        """Confirmed by the nominator (a pending nomination counts for nothing)."""
        from .constants import COUNTED_STATUSES

        return self.filter(status__in=COUNTED_STATUSES)

    def accepted(self):
        return self.filter(status=NominationStatus.ACCEPTED)


class Nomination(TimestampedModel, ExampleFlagModel):
    """A free-software project or company proposed by anyone; counted once the nominator confirms their address,
    shown once staff accept it. The nominator's address is kept in clear only until they confirm it."""

    city_path = "category__edition__partnership__city"
    # Written only by awards.services (confirmation link, moderation).
    service_fields = ("status", "confirmed_at", "moderated_at", "nominator_email", "nominator_digest")

    category = models.ForeignKey(
        Category, verbose_name=_("catégorie"), on_delete=models.PROTECT, related_name="nominations"
    )
    status = models.CharField(
        _("état"), max_length=20, choices=NominationStatus.choices, default=NominationStatus.PENDING
    )
    name = models.CharField(_("nom du projet ou de l'entreprise"), max_length=150)
    description = BoundedTextField(_("pourquoi ce prix"), max_length=1500)
    website = models.URLField(_("site web"), max_length=300, blank=True)
    repository_url = models.URLField(
        _("dépôt du code source"), max_length=300, blank=True, validators=[validate_repository_url]
    )
    licence = models.CharField(_("licence (identifiant SPDX)"), max_length=40, choices=LICENCE_CHOICES)
    organisation = models.CharField(
        _("organisation qui porte le projet"),
        max_length=200,
        blank=True,
        help_text=_("L'entreprise, l'association ou la communauté, s'il y en a une."),
    )
    organisation_domain = models.CharField(
        _("domaine internet de l'organisation"),
        max_length=253,
        blank=True,
        validators=[validate_domain],
        help_text=_("Par exemple : exemple.org. Sert à repérer les conflits d'intérêts du jury."),
    )
    nominator_email = models.EmailField(_("courriel de la personne qui propose"), blank=True)
    nominator_digest = models.CharField(
        _("empreinte du courriel"), max_length=64, editable=False, validators=[validate_digest]
    )
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES, default="fr")
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("modérée le"), null=True, blank=True)
    moderation_note = models.CharField(_("motif de la modération"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["nominator_email"])
    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ["category", "name", "pk"]
        indexes = [models.Index(fields=["category", "status"], name="nomination_category_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=NominationStatus.values), name="nomination_status_is_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status=NominationStatus.PENDING) | models.Q(confirmed_at__isnull=False),
                name="nomination_counted_once_confirmed",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=NominationStatus.REJECTED) | ~models.Q(moderation_note=""),
                name="nomination_rejection_has_a_reason",
                violation_error_message=_("Une proposition écartée doit être motivée."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_counted(self) -> bool:
        return self.status != NominationStatus.PENDING


class Juror(models.Model):
    """A member of an edition's jury. They see no nomination before declaring their interests."""

    city_path = "edition__partnership__city"
    # Written only by awards.services.juror_declare.
    service_fields = ("declared_at",)

    edition = models.ForeignKey(Edition, verbose_name=_("édition"), on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,  # an erased juror's scores stay with the city, without their name
        null=True,
        related_name="award_juries",
    )
    role = models.CharField(_("qualité"), max_length=200, blank=True, help_text=_("Par exemple : « présidente »."))
    declared_organisations = BoundedTextField(
        _("organisations déclarées"),
        max_length=2000,
        blank=True,
        help_text=_("Une par ligne : employeurs, clients, associations, projets où la personne a un rôle."),
    )
    declaration = BoundedTextField(_("autres liens d'intérêts"), max_length=3000, blank=True)
    declared_at = models.DateTimeField(_("déclaration d'intérêts faite le"), null=True, blank=True)

    history = HistoricalRecords()
    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("juré")
        verbose_name_plural = _("jurés")
        ordering = ["edition", "pk"]
        constraints = [models.UniqueConstraint(fields=["edition", "user"], name="one_seat_per_juror_per_edition")]

    def __str__(self) -> str:
        return str(self.user) if self.user_id else str(_("Juré n° %(pk)s") % {"pk": self.pk})

    @property
    def has_declared(self) -> bool:
        return self.declared_at is not None


class Conflict(models.Model):
    """A juror who may not score a nomination: declared by them, or found automatically."""

    city_path = "juror__edition__partnership__city"

    juror = models.ForeignKey(Juror, verbose_name=_("juré"), on_delete=models.CASCADE, related_name="conflicts")
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("proposition"), on_delete=models.CASCADE, related_name="conflicts"
    )
    source = models.CharField(_("origine"), max_length=20, choices=ConflictSource.choices)
    detail = models.CharField(_("précision"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("relevé le"), default=timezone.now)

    history = HistoricalRecords()
    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("conflit d'intérêts")
        verbose_name_plural = _("conflits d'intérêts")
        ordering = ["juror", "nomination", "pk"]
        constraints = [models.UniqueConstraint(fields=["juror", "nomination"], name="one_conflict_per_juror")]

    def __str__(self) -> str:
        return f"{self.juror} — {self.nomination}"


class Score(models.Model):
    city_path = "juror__edition__partnership__city"

    juror = models.ForeignKey(Juror, verbose_name=_("juré"), on_delete=models.CASCADE, related_name="scores")
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("proposition"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, verbose_name=_("critère"), on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(
        _("note"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords()
    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("note du jury")
        verbose_name_plural = _("notes du jury")
        ordering = ["juror", "nomination", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["juror", "nomination", "criterion"], name="one_award_score_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(value__gte=SCORE_MIN, value__lte=SCORE_MAX), name="award_score_between_0_and_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id} : {self.value}/{SCORE_MAX}"


class Vote(models.Model):
    """One person's vote in a category's public vote. The person is known only by a keyed hash of the address
    they confirmed (one vote per address and category); the address itself is not kept."""

    city_path = "category__edition__partnership__city"

    category = models.ForeignKey(Category, verbose_name=_("catégorie"), on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("proposition"), on_delete=models.CASCADE, related_name="votes"
    )
    voter_digest = models.CharField(_("empreinte du courriel"), max_length=64, validators=[validate_digest])
    confirmed_at = models.DateTimeField(_("confirmé le"), default=timezone.now)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("vote du public")
        verbose_name_plural = _("votes du public")
        ordering = ["category", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["category", "voter_digest"], name="one_vote_per_person_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.category_id} — {self.nomination_id}"


class Laureate(models.Model):
    """A prize given when the results are published (awards.services.results_publish)."""

    city_path = "category__edition__partnership__city"

    category = models.ForeignKey(
        Category, verbose_name=_("catégorie"), on_delete=models.CASCADE, related_name="laureates"
    )
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("proposition"), on_delete=models.PROTECT, related_name="prizes"
    )
    prize = models.CharField(_("prix"), max_length=10, choices=Prize.choices)
    jury_score = models.DecimalField(_("note pondérée du jury"), max_digits=5, decimal_places=2, null=True, blank=True)
    votes = models.PositiveIntegerField(_("voix du public"), null=True, blank=True)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lauréat")
        verbose_name_plural = _("lauréats")
        ordering = ["category__order", "category", "prize"]
        constraints = [models.UniqueConstraint(fields=["category", "prize"], name="one_laureate_per_prize")]

    def __str__(self) -> str:
        return f"{self.get_prize_display()} — {self.nomination}"
