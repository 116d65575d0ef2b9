from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.fields import BoundedTextField
from common.history import HistoricalRecords
from common.models import TimestampedModel
from partnership.scoping import CityScopedQuerySet

from .places import Place


class PlaceReportTopic(models.TextChoices):
    HOURS = "horaires", _("Les horaires d'ouverture")
    ADDRESS = "adresse", _("L'adresse ou l'accès")
    CONTACT = "contact", _("Le téléphone, le courriel ou le site")
    SERVICES = "services", _("Les services proposés")
    CLOSED = "ferme", _("Le lieu a fermé ou déménagé")
    OTHER = "autre", pgettext_lazy("sujet d'un signalement", "Autre chose")


class PlaceReportStatus(models.TextChoices):
    NEW = "nouveau", pgettext_lazy("signalement", "À traiter")
    HANDLED = "traite", pgettext_lazy("signalement", "Traité")


class PlaceReport(TimestampedModel):
    """An error about a place, reported by anyone from the place's page (no account, no personal data asked).
    The city's staff see it in the admin, with a link to the place's history, and mark it handled
    (initiatives.services.reports)."""

    city_path = "place__city"
    # Written only by initiatives.services.reports (the public form, "mark handled").
    service_fields = ("place", "topic", "message", "language", "status", "handled_at", "handled_by")

    place = models.ForeignKey(Place, verbose_name=_("lieu"), on_delete=models.CASCADE, related_name="reports")
    topic = models.CharField(_("ce qui est faux"), max_length=20, choices=PlaceReportTopic.choices)
    message = BoundedTextField(
        _("ce qu'il faudrait corriger"),
        max_length=1500,
        help_text=_("Par exemple : « fermé le lundi depuis septembre ». N'écrivez pas de données personnelles."),
    )
    language = models.CharField(_("langue"), max_length=5, choices=settings.LANGUAGES, default="fr")
    status = models.CharField(
        _("état"), max_length=20, choices=PlaceReportStatus.choices, default=PlaceReportStatus.NEW
    )
    handled_at = models.DateTimeField(_("traité le"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("traité par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    staff_note = BoundedTextField(_("note de l'équipe"), max_length=2000, blank=True)

    objects = CityScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signalement d'erreur sur un lieu")
        verbose_name_plural = _("signalements d'erreur sur les lieux")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="placereport_status_created")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="nouveau", handled_at__isnull=True)
                | models.Q(status="traite", handled_at__isnull=False),
                name="placereport_handled_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} : {self.get_topic_display()}"
