"""Alert subscriptions: who asked for the daily digest, for which cities and categories, in which language."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.history import HistoricalRecords
from common.models import TimestampedModel
from partnership.scoping import CityScopedQuerySet


class SubscriptionQuerySet(CityScopedQuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the ones that receive the digest."""
        return self.filter(is_confirmed=True, unsubscribed_at__isnull=True)


class Subscription(TimestampedModel):
    """Someone who asked for the daily alert about new initiatives and calls (double opt-in)."""

    city_path = "cities"  # its staff are those of any city it names (none named: superusers only)
    # Written only by the alert services: the address is the one its owner confirmed (double opt-in).
    service_fields = ("email", "is_confirmed", "confirmed_at", "unsubscribed_at")

    email = models.EmailField(_("adresse électronique"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alert_subscriptions",
    )
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES, default="fr")
    cities = models.ManyToManyField(
        "partnership.City",
        verbose_name=_("villes"),
        blank=True,
        related_name="alert_subscriptions",
        help_text=_("Aucune ville choisie : toutes les villes."),
    )
    categories = models.ManyToManyField(
        "initiatives.Category",
        verbose_name=_("catégories"),
        blank=True,
        related_name="alert_subscriptions",
        help_text=_("Aucune catégorie choisie : toutes les catégories."),
    )
    token = models.UUIDField(_("jeton"), default=uuid.uuid4, unique=True, editable=False)
    is_confirmed = models.BooleanField(_("confirmée"), default=False)
    confirmation_sent_at = models.DateTimeField(_("lien de confirmation envoyé le"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("dernier récapitulatif le"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("désabonnée le"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()
    # Timestamps the code sets with update() (the digest, the confirmation email) are bookkeeping, not changes.
    history = HistoricalRecords(excluded_fields=["last_digest_at", "updated_at", "confirmation_sent_at"])

    class Meta:
        verbose_name = _("abonnement aux alertes")
        verbose_name_plural = _("abonnements aux alertes")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["is_confirmed", "unsubscribed_at"], name="subscription_active")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_confirmed=False) | models.Q(confirmed_at__isnull=False),
                name="subscription_confirmed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @classmethod
    def category_model(cls) -> type[models.Model]:
        """The catalogue's categories (initiatives.Category), reached through the relation declared above:
        the alerts import no other feature app."""
        return cls._meta.get_field("categories").related_model

    @property
    def is_active(self) -> bool:
        return self.is_confirmed and self.unsubscribed_at is None
