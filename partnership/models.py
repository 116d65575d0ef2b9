from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.fields import BoundedTextField
from common.models import ExampleFlagModel, TimestampedModel
from common.validators import insee_validator

from .constants import CommitmentStatus, OrganisationKind, PartnerRole, PartnershipStatus
from .scoping import CityScopedQuerySet


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
