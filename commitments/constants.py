from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LINK_MAX_AGE = timedelta(days=14)  # the partner's attestation link
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_MAX_PAGES = 200
QUESTIONS_PER_ADDRESS_PER_HOUR = 5
QUESTION_MAX_LENGTH = 1000
# A question never answered nor rejected loses its address after this many days (accounts' retention job).
QUESTION_EMAIL_RETENTION_DAYS = 90


class UpdateStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("attestation", "En attente du partenaire")
    CONFIRMED = "confirmed", pgettext_lazy("attestation", "Confirmée par le partenaire")
    DISPUTED = "disputed", pgettext_lazy("attestation", "Contestée par le partenaire")
    WITHDRAWN = "withdrawn", pgettext_lazy("attestation", "Retirée par la ville")


ATTESTED_STATUSES = (UpdateStatus.CONFIRMED, UpdateStatus.DISPUTED)
PUBLIC_UPDATE_STATUSES = (UpdateStatus.PROPOSED, UpdateStatus.CONFIRMED, UpdateStatus.DISPUTED)


class QuestionStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("question", "À modérer")
    ANSWERED = "answered", pgettext_lazy("question", "Répondue")
    REJECTED = "rejected", pgettext_lazy("question", "Écartée")


class Decision(models.TextChoices):
    CONFIRM = "confirm", _("Je confirme cette mise à jour")
    DISPUTE = "dispute", _("Je conteste cette mise à jour")
