from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import BoundedTextField
from common.models import TimestampedModel
from partnership.scoping import CityScopedQuerySet

from ..constants import Audience, CategorySlug, InitiativeStatus, Technology
from .places import Place


class Category(models.Model):
    slug = models.SlugField(_("identifiant d'URL"), unique=True, choices=CategorySlug.choices)
    name = models.CharField(_("nom"), max_length=150)
    description = BoundedTextField(_("description"), max_length=2000, blank=True)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("catégorie")
        verbose_name_plural = _("catégories")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name


class InitiativeQuerySet(CityScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)


class Initiative(TimestampedModel):
    city_path = "partnership__city"

    partnership = models.ForeignKey(
        "partnership.Partnership", verbose_name=_("partenariat"), on_delete=models.PROTECT, related_name="initiatives"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("catégorie"), on_delete=models.PROTECT, related_name="initiatives"
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    summary = models.CharField(_("résumé"), max_length=300)
    description = BoundedTextField(_("description"), max_length=10000, blank=True)
    audience = models.CharField(_("public"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    status = models.CharField(
        _("statut"), max_length=20, choices=InitiativeStatus.choices, default=InitiativeStatus.PLANNED
    )
    technology = models.CharField(
        _("technologie"),
        max_length=20,
        choices=Technology.choices,
        default=Technology.NOT_APPLICABLE,
        help_text=_("Repose-t-elle sur du logiciel libre ou sur les produits d'un éditeur ?"),
    )
    starts_on = models.DateField(_("début"), null=True, blank=True)
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    place = models.ForeignKey(
        Place, verbose_name=_("lieu"), on_delete=models.SET_NULL, null=True, blank=True, related_name="initiatives"
    )
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    how_to_take_part = BoundedTextField(_("comment participer"), max_length=5000, blank=True)
    # Not common.models.ExampleFlagModel's flag: here only some details are illustrative, and it says so.
    is_example = models.BooleanField(
        _("contient des exemples"),
        default=False,
        help_text=_("Cochez si des éléments (dates, lieu, contact) ne viennent pas de la source et sont illustratifs."),
    )
    is_published = models.BooleanField(
        _("publiée"),
        default=False,
        help_text=_("Une nouvelle initiative est un brouillon : cochez quand elle doit paraître dans le catalogue."),
    )
    published_at = models.DateTimeField(
        _("publiée le"),
        default=timezone.now,
        editable=False,
        db_index=True,
        help_text=_(
            "Quand l'initiative est devenue visible : les alertes annoncent ce qui est publié depuis la dernière."
        ),
    )

    # Written by the database (a trigger, initiatives/search.py) on PostgreSQL; unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at", "pk"]
        indexes = [
            models.Index(fields=["status", "audience"], name="initiative_status_audience"),
            models.Index(fields=["audience"], name="initiative_audience"),
            models.Index(fields=["technology"], name="initiative_technology"),
            # Counts per partnership (partnership_list, figures): an index-only range per partnership.
            models.Index(fields=["partnership", "is_published"], name="initiative_partnership_pub"),
            # The catalogue's order (newest first) among published initiatives: the first page reads the index.
            models.Index(
                fields=["-created_at", "id"], condition=models.Q(is_published=True), name="initiative_published_recent"
            ),
            # A partnership's page: its newest published initiatives, read in order from the index.
            models.Index(
                fields=["partnership", "-created_at", "id"],
                condition=models.Q(is_published=True),
                name="initiative_partnership_recent",
            ),
            # The partnership figures (published initiatives, free software, a vendor's products): one index-only
            # range per partnership, without reading the rows.
            models.Index(
                fields=["partnership", "technology"],
                condition=models.Q(is_published=True),
                name="initiative_partnership_tech",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="initiative_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", kwargs={"slug": self.slug})

    @property
    def city(self):
        return self.partnership.city
