"""The portal's only table: the accessibility problems people report from the accessibility statement.

A report concerns the whole portal (every city shares its pages), so it belongs to no city: superusers and
every city's staff read the reports in the admin; superusers mark them handled. Nothing imports `portal`,
so this model lives with the page that collects it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.fields import BoundedTextField
from common.models import TimestampedModel

DESCRIPTION_MAX = 5000


class AccessibilityReport(TimestampedModel):
    page_url = models.CharField(_("page concernée"), max_length=500, blank=True)
    description = BoundedTextField(_("description du problème"), max_length=DESCRIPTION_MAX)
    name = models.CharField(pgettext_lazy("personne", "nom"), max_length=150, blank=True)
    email = models.EmailField(_("adresse électronique pour la réponse"), blank=True)
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES, blank=True)
    is_handled = models.BooleanField(_("traité"), default=False)
    staff_note = BoundedTextField(_("note de l'équipe"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("signalement d'accessibilité")
        verbose_name_plural = _("signalements d'accessibilité")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} — {self.description[:60]}"
