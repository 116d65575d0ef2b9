from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, RegexValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.fields import BoundedTextField, PhoneField
from common.models import ExampleFlagModel
from common.validators import insee_validator
from partnership.scoping import CityScopedQuerySet

from ..constants import (
    PlaceAccessMode,
    PlaceFee,
    PlaceKind,
    PlaceLabel,
    PlaceMobility,
    PlaceProgramme,
    PlacePublic,
    PlaceService,
    PlaceSpecificSupport,
    PlaceSupportMode,
)
from ..fields import MultipleChoiceJSONField
from ..hours import validate_opening_hours
from ..validators import validate_pivot

postcode_validator = RegexValidator(r"^\d{5}$", _("Un code postal compte 5 chiffres."))
typology_validator = RegexValidator(
    r"^[A-Za-z0-9_]+(;[A-Za-z0-9_]+)*$",
    _("Codes de typologie data.inclusion séparés par « ; », sans espace (par exemple « ASSO;TIERS_LIEUX »)."),
)


def lines(value: str) -> list[str]:
    """The non-empty lines of a one-per-line field (other e-mail addresses, other websites)."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def validate_email_lines(value: str) -> None:
    check = EmailValidator()
    for line in lines(value):
        try:
            check(line)
        except ValidationError:
            raise ValidationError(
                _("« %(value)s » n'est pas une adresse électronique valide."), code="invalid", params={"value": line}
            ) from None


def validate_url_lines(value: str) -> None:
    check = URLValidator(schemes=["http", "https"])
    for line in lines(value):
        try:
            check(line)
        except ValidationError:
            raise ValidationError(
                _("« %(value)s » n'est pas une adresse web valide (http ou https)."),
                code="invalid",
                params={"value": line},
            ) from None


class PlaceQuerySet(CityScopedQuerySet):
    def inclusion_centres(self):
        return self.filter(kind=PlaceKind.INCLUSION_CENTRE)


class Place(ExampleFlagModel):
    """A physical place: a digital-inclusion centre, the sports space, a training venue.

    Digital-inclusion centres follow the national schema of digital mediation places (La Mednum
    "standard-mediation-num"); `initiatives.mednum` maps each field to the schema's column.
    """

    city_path = "city"

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), unique=True)
    kind = models.CharField(_("type de lieu"), max_length=30, choices=PlaceKind.choices, default=PlaceKind.OTHER)
    city = models.ForeignKey(
        "partnership.City", verbose_name=_("ville"), on_delete=models.PROTECT, related_name="places"
    )
    identifier = models.CharField(
        _("identifiant du lieu (open data)"),
        max_length=150,
        blank=True,
        help_text=_("Champ « id » du schéma national ; l'import met à jour le lieu qui porte cet identifiant."),
    )
    pivot = models.CharField(
        _("SIRET ou RNA"),
        max_length=14,
        blank=True,
        validators=[validate_pivot],
        help_text=_("SIRET de la structure (14 chiffres) ou, pour une association sans SIRET, son numéro RNA."),
    )
    typology = models.CharField(
        _("typologie"),
        max_length=200,
        blank=True,
        validators=[typology_validator],
        help_text=typology_validator.message,
    )
    address = models.CharField(_("adresse"), max_length=255)
    address_complement = models.CharField(_("complément d'adresse"), max_length=255, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, validators=[postcode_validator])
    town = models.CharField(_("commune"), max_length=150)
    insee_code = models.CharField(_("code INSEE de la commune"), max_length=5, blank=True, validators=[insee_validator])
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    opening_hours = models.CharField(
        _("horaires d'ouverture"),
        max_length=255,
        blank=True,
        validators=[validate_opening_hours],
        help_text=_("Syntaxe OpenStreetMap opening_hours, par exemple « Mo-Fr 09:00-18:00; Sa 10:00-13:00 »."),
    )
    summary = models.CharField(
        _("présentation courte"), max_length=280, blank=True, help_text=_("280 caractères au plus.")
    )
    description = BoundedTextField(_("présentation"), max_length=5000, blank=True)
    services = MultipleChoiceJSONField(_("services"), vocabulary=PlaceService)
    publics = MultipleChoiceJSONField(
        _("publics spécifiquement accueillis"),
        vocabulary=PlacePublic,
        help_text=_("Laissez vide si le lieu accueille tout public."),
    )
    specific_support = MultipleChoiceJSONField(_("prise en charge spécifique"), vocabulary=PlaceSpecificSupport)
    fees = MultipleChoiceJSONField(_("frais à charge"), vocabulary=PlaceFee)
    access_modes = MultipleChoiceJSONField(_("modalités d'accès"), vocabulary=PlaceAccessMode)
    support_modes = MultipleChoiceJSONField(_("modalités d'accompagnement"), vocabulary=PlaceSupportMode)
    mobility = MultipleChoiceJSONField(
        _("itinérance"), vocabulary=PlaceMobility, help_text=_("Itinérant : un bus numérique, un camion connecté…")
    )
    national_programmes = MultipleChoiceJSONField(_("dispositifs et programmes nationaux"), vocabulary=PlaceProgramme)
    labels = MultipleChoiceJSONField(_("formations et labels"), vocabulary=PlaceLabel)
    other_labels = models.CharField(_("autres formations et labels"), max_length=500, blank=True)
    accessibility = BoundedTextField(_("accessibilité"), max_length=2000, blank=True)
    acceslibre_url = models.URLField(
        _("fiche Acceslibre"), blank=True, help_text=_("Lien vers la fiche du lieu sur acceslibre.beta.gouv.fr.")
    )
    booking_url = models.URLField(_("prise de rendez-vous en ligne"), blank=True)
    phone = PhoneField(_("téléphone"), blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    other_emails = BoundedTextField(
        _("autres courriels"),
        max_length=2000,
        blank=True,
        validators=[validate_email_lines],
        help_text=_("Une adresse par ligne."),
    )
    other_websites = BoundedTextField(
        _("autres sites web"),
        max_length=2000,
        blank=True,
        validators=[validate_url_lines],
        help_text=_("Une adresse par ligne (réseaux sociaux, page de la structure parente…)."),
    )
    parent_organisation = models.CharField(_("structure parente"), max_length=200, blank=True)
    source = models.CharField(
        _("source des données"), max_length=200, blank=True, help_text=_("Structure qui a collecté ces données.")
    )
    data_updated_on = models.DateField(
        _("données mises à jour le"), null=True, blank=True, help_text=_("Champ « date_maj » du schéma national.")
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "postcode"], name="place_kind_postcode"),
            models.Index(fields=["kind", "name", "id"], name="place_kind_name"),  # the directory's order
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_in_range",
            ),
            models.UniqueConstraint(
                fields=["identifier"], condition=~models.Q(identifier=""), name="place_identifier_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("places:detail", kwargs={"slug": self.slug})

    @property
    def open_data_id(self) -> str:
        """The schema's `id`: the identifier given by the source, else the URL slug (stable too)."""
        return self.identifier or self.slug

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_free(self) -> bool:
        return PlaceFee.FREE in self.fees

    def _labels(self, field: str) -> list[str]:
        vocabulary = self._meta.get_field(field).vocabulary
        return [vocabulary(code).label for code in getattr(self, field) if code in vocabulary.values]

    def service_labels(self) -> list[str]:
        return self._labels("services")

    def public_labels(self) -> list[str]:
        return self._labels("publics")

    def specific_support_labels(self) -> list[str]:
        return self._labels("specific_support")

    def fee_labels(self) -> list[str]:
        return self._labels("fees")

    def access_mode_labels(self) -> list[str]:
        return self._labels("access_modes")

    def support_mode_labels(self) -> list[str]:
        return self._labels("support_modes")

    def mobility_labels(self) -> list[str]:
        return self._labels("mobility")

    def programme_labels(self) -> list[str]:
        return self._labels("national_programmes")

    def label_labels(self) -> list[str]:
        return self._labels("labels")

    @property
    def emails(self) -> list[str]:
        return [address for address in [self.email, *lines(self.other_emails)] if address]

    @property
    def websites(self) -> list[str]:
        return [url for url in [self.website, *lines(self.other_websites)] if url]
