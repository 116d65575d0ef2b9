import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import BoundedTextField
from common.history import HistoricalRecords
from partnership.scoping import CityScopedQuerySet


class Notification(models.Model):
    """One message to one person: the outbox row written in the same transaction as its cause."""

    city_path = "city"  # the city whose staff see the record (none: superusers only)

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        SENDING = "sending", _("En cours d'envoi")
        SENT = "sent", _("Envoyée")
        FAILED = "failed", _("Échec")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinataire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    email = models.EmailField(_("adresse électronique"))
    kind = models.CharField(_("type"), max_length=100, db_index=True)
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES, default="fr")
    context = models.JSONField(_("données du message"), default=dict, blank=True)
    city = models.ForeignKey(
        "partnership.City",
        verbose_name=_("ville"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Ville concernée : ses agents voient la notification dans l'administration."),
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = BoundedTextField(_("dernière erreur"), max_length=2000, blank=True)
    idempotency_key = models.CharField(_("clé d'idempotence"), max_length=255, unique=True)
    next_attempt_at = models.DateTimeField(
        _("prochaine tentative"),
        default=timezone.now,
        help_text=_("Une notification encore en attente une minute après cette heure est remise en file."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)

    objects = CityScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="notification_status_created"),
            models.Index(fields=["status", "next_attempt_at"], name="notification_status_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="notification_sent_has_sent_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.email}"


class SubscriptionQuerySet(CityScopedQuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the ones that receive the digest."""
        return self.filter(is_confirmed=True, unsubscribed_at__isnull=True)


class Subscription(models.Model):
    """Someone who asked for the daily alert about new initiatives and calls (double opt-in)."""

    city_path = "cities"  # its staff are those of any city it names (none named: superusers only)

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
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

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

    @property
    def is_active(self) -> bool:
        return self.is_confirmed and self.unsubscribed_at is None
