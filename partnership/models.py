from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from common.fields import BoundedTextField
from common.identifiers import normalise_siret
from common.models import ExampleFlagModel, TimestampedModel
from common.validators import insee_validator

from .constants import (
    CommitmentStatus,
    ContributionKind,
    OrganisationKind,
    PartnerRole,
    PartnershipStatus,
    ProcurementNature,
    ProcurementProcedure,
    ScorecardTopic,
)
from .scoping import CityScopedQuerySet
from .storage import agreement_storage
from .validators import (
    agreement_path,
    parse_holders,
    validate_agreement_pdf,
    validate_buyer_siret,
    validate_cpv,
    validate_decp_id,
    validate_holders,
)


class City(models.Model):
    city_path = "self"

    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("identifiant d'URL"), unique=True)
    insee_code = models.CharField(_("code INSEE"), max_length=5, blank=True, validators=[insee_validator])
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agents de la ville"),
        related_name="staff_cities",
        blank=True,
        help_text=_("Comptes d'agents qui administrent les données de cette ville."),
    )

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ville")
        verbose_name_plural = _("villes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(ExampleFlagModel):
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    description = BoundedTextField(_("présentation"), max_length=5000, blank=True)
    website = models.URLField(_("site web"), blank=True)
    is_innovation_actor = models.BooleanField(
        _("acteur régional de l'innovation"),
        default=False,
        help_text=_("Peut recommander des start-ups candidates aux appels."),
    )
    cities = models.ManyToManyField(
        City,
        verbose_name=_("villes où l'organisation agit"),
        related_name="organisations",
        blank=True,
    )
    viewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("comptes partenaires (lecture seule)"),
        related_name="partner_organisations",
        blank=True,
        help_text=_("Comptes de l'organisation qui consultent, sans les modifier, les chiffres de ses partenariats."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        """The name, and for a demo organisation a word saying so in the reader's language (not in the name)."""
        if self.is_example:
            return f"{self.name} ({pgettext('donnée de démonstration', 'exemple')})"
        return self.name


class Partnership(TimestampedModel):
    city_path = "city"
    partnership_path = "self"  # partner viewers read the partnerships of their organisation

    city = models.ForeignKey(City, verbose_name=_("ville"), on_delete=models.PROTECT, related_name="partnerships")
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), unique=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=PartnershipStatus.choices, default=PartnershipStatus.ANNOUNCED
    )
    announced_on = models.DateField(_("annoncé le"), null=True, blank=True)
    signed_on = models.DateField(_("signé le"), null=True, blank=True)
    starts_on = models.DateField(_("début"), null=True, blank=True)
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    dates_note = models.CharField(
        _("précision sur les dates"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple : « signé en février, le jour n'est pas précisé par la source »."),
    )
    summary = BoundedTextField(_("résumé"), max_length=1000)
    source_title = models.CharField(_("source"), max_length=255, blank=True)
    source_url = models.URLField(_("lien vers la source"), blank=True)
    partners = models.ManyToManyField(
        Organisation, through="PartnerRoleAssignment", verbose_name=_("partenaires"), related_name="partnerships"
    )

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("partenariat")
        verbose_name_plural = _("partenariats")
        ordering = ["city__name", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="partnership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:detail", kwargs={"slug": self.slug})


class PartnerRoleAssignment(models.Model):
    city_path = "partnership__city"

    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partenariat"), on_delete=models.CASCADE, related_name="roles"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="roles"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER)
    description = models.CharField(_("précision"), max_length=255, blank=True)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("rôle d'un partenaire")
        verbose_name_plural = _("rôles des partenaires")
        ordering = ["partnership", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="one_role_per_partner"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_role_display()}"


class Signatory(models.Model):
    city_path = "partnership__city"

    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partenariat"), on_delete=models.CASCADE, related_name="signatories"
    )
    name = models.CharField(_("nom"), max_length=200)
    position = models.CharField(_("fonction"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation représentée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signatories",
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("signataire")
        verbose_name_plural = _("signataires")
        ordering = ["partnership", "order", "name"]

    def __str__(self) -> str:
        return self.name


class Commitment(models.Model):
    city_path = "partnership__city"
    partnership_path = "partnership"  # partner viewers follow the commitments of their partnerships

    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partenariat"), on_delete=models.CASCADE, related_name="commitments"
    )
    title = models.CharField(_("intitulé"), max_length=255)
    description = BoundedTextField(_("description"), max_length=5000, blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("avancement (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative", verbose_name=_("initiatives liées"), related_name="commitments", blank=True
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["partnership", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="commitment_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return self.title


# --- the scorecard: what each partner brings, the agreement's clauses, the public procurement records ---------


class SourcedLine(TimestampedModel):
    """A line of the scorecard says where it comes from: a named document, a link, a date (each may be missing,
    and the page then says so)."""

    city_path = "partnership__city"
    partnership_path = "partnership"

    source_title = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Le document d'où vient l'information (titre).")
    )
    source_url = models.URLField(_("lien vers la source"), max_length=300, blank=True)
    source_date = models.DateField(_("date de la source"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def has_source(self) -> bool:
        return bool(self.source_title or self.source_url)


class PartnerContribution(SourcedLine):
    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partenariat"), on_delete=models.CASCADE, related_name="contributions"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("partenaire"), on_delete=models.PROTECT, related_name="contributions"
    )
    kind = models.CharField(_("nature de l'apport"), max_length=20, choices=ContributionKind.choices)
    description = BoundedTextField(_("ce qui est apporté"), max_length=400)
    value_eur = models.DecimalField(
        _("valeur (euros)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Vide si la valeur n'est pas publiée : la page l'affiche comme non publiée."),
    )
    value_basis = models.CharField(
        _("base de la valeur"),
        max_length=150,
        blank=True,
        help_text=_("Comment la valeur est établie : prix public des licences, taux horaire, facture…"),
    )

    class Meta:
        verbose_name = _("apport d'un partenaire")
        verbose_name_plural = _("apports des partenaires")
        ordering = ["partnership", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value_eur__isnull=True) | models.Q(value_eur__gte=0),
                name="contribution_value_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_kind_display()}"


class ScorecardClause(SourcedLine):
    """What is known of one topic of the agreement (ScorecardTopic): the document itself, its duration, its
    renewal, the exit and reversibility clauses, the open standards and free software, whose products the
    initiatives depend on. A topic with no clause is shown as "non publié"."""

    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partenariat"), on_delete=models.CASCADE, related_name="clauses"
    )
    topic = models.CharField(_("rubrique"), max_length=20, choices=ScorecardTopic.choices)
    statement = BoundedTextField(
        _("ce qui est publié"),
        max_length=500,
        help_text=_("Pour la convention non publiée : pourquoi elle ne l'est pas."),
    )
    document = models.FileField(
        _("convention (PDF public)"),
        storage=agreement_storage,
        upload_to=agreement_path,
        max_length=255,
        blank=True,
        validators=[validate_agreement_pdf],
        help_text=_("Rubrique « Convention » seulement. Le fichier est publié tel quel sur le portail."),
    )
    document_url = models.URLField(
        _("lien vers la convention publiée ailleurs"),
        max_length=300,
        blank=True,
        help_text=_("Rubrique « Convention » seulement."),
    )
    open_formats = models.CharField(
        _("formats ouverts de restitution des données"),
        max_length=120,
        blank=True,
        help_text=_("Rubrique « Sortie » seulement, séparés par « | » : CSV|ODS|JSON."),
    )
    return_within_days = models.PositiveIntegerField(
        _("délai de restitution des données (jours)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(3650)],
        help_text=_("Rubrique « Sortie » seulement."),
    )

    class Meta:
        verbose_name = _("clause du partenariat")
        verbose_name_plural = _("clauses du partenariat")
        ordering = ["partnership", "topic", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} — {self.partnership}"

    def clean(self):
        super().clean()
        errors = {}
        if self.topic != ScorecardTopic.AGREEMENT:
            message = _("Un document ne se joint qu'à la rubrique « Convention ».")
            if self.document:
                errors["document"] = ValidationError(message, code="document_topic")
            if self.document_url:
                errors["document_url"] = ValidationError(message, code="document_topic")
        if self.topic != ScorecardTopic.EXIT:
            message = _("Les formats et le délai de restitution vont dans la rubrique « Sortie et réversibilité ».")
            if self.open_formats:
                errors["open_formats"] = ValidationError(message, code="exit_topic")
            if self.return_within_days is not None:
                errors["return_within_days"] = ValidationError(message, code="exit_topic")
        if errors:
            raise ValidationError(errors)

    @property
    def document_link(self) -> str:
        """Where a person reads the agreement: the portal's copy of the PDF, else the address given, else ""."""
        if self.document:
            return reverse("partnership_data:agreement_pdf", kwargs={"slug": self.partnership.slug, "pk": self.pk})
        return self.document_url

    @property
    def format_list(self) -> list[str]:
        return [value.strip() for value in self.open_formats.split("|") if value.strip()]


class ProcurementRecord(SourcedLine):
    """A public procurement contract linked to the partnership, in the national DECP format (the field names of
    the schema are given in the verbose names' help and in the open data)."""

    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partenariat"), on_delete=models.CASCADE, related_name="procurement_records"
    )
    decp_id = models.CharField(
        _("identifiant du marché (id)"),
        max_length=16,
        validators=[validate_decp_id],
        help_text=_("Numéro d'ordre propre à l'acheteur, 1 à 16 caractères (DECP : id)."),
    )
    buyer_siret = models.CharField(
        _("SIRET de l'acheteur (acheteur.id)"),
        max_length=14,
        validators=[validate_buyer_siret],
        help_text=_("14 chiffres (DECP : acheteur.id)."),
    )
    nature = models.CharField(
        _("nature du marché (nature)"),
        max_length=40,
        choices=ProcurementNature.choices,
        default=ProcurementNature.MARCHE,
    )
    subject = models.CharField(_("objet du marché (objet)"), max_length=1000)
    cpv_code = models.CharField(
        _("code CPV (codeCPV)"), max_length=10, blank=True, validators=[validate_cpv], help_text="72000000-5"
    )
    procedure = models.CharField(
        _("procédure (procedure)"), max_length=80, choices=ProcurementProcedure.choices, blank=True
    )
    duration_months = models.PositiveSmallIntegerField(
        _("durée en mois (dureeMois)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1200)],
    )
    notified_on = models.DateField(_("date de notification (dateNotification)"))
    amount = models.DecimalField(
        _("montant HT en euros (montant)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(1)],
        help_text=_("Montant forfaitaire ou estimé maximum, hors taxes (DECP : montant, au moins 1)."),
    )
    holders = models.CharField(
        _("titulaires (titulaires)"),
        max_length=200,
        validators=[validate_holders],
        help_text=_("typeIdentifiant:id, séparés par « | » : SIRET:73282932000074|TVA:FR40303265045."),
    )

    class Meta:
        verbose_name = _("marché public lié")
        verbose_name_plural = _("marchés publics liés")
        ordering = ["partnership", "-notified_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "buyer_siret", "decp_id"], name="procurement_record_once_per_partnership"
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=1), name="procurement_amount_at_least_1"),
        ]

    def __str__(self) -> str:
        return f"{self.decp_id} — {self.subject[:80]}"

    def clean(self):
        super().clean()
        self.buyer_siret = normalise_siret(self.buyer_siret)
        self.holders = "|".join(f"{kind}:{identifier}" for kind, identifier in parse_holders(self.holders))

    @property
    def holder_list(self) -> list[tuple[str, str]]:
        return parse_holders(self.holders)
