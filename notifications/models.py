from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import BoundedTextField
from common.models import TimestampedModel
from partnership.scoping import CityScopedQuerySet


class Notification(TimestampedModel):
    """One message to one person: the outbox row written in the same transaction as its cause."""

    city_path = "city"  # the city whose staff see the record (none: superusers only)
    # Written only by the outbox services (delivery, retries).
    service_fields = ("status", "attempts", "last_error", "next_attempt_at", "sent_at")

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
