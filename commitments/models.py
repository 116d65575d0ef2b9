"""Commitments the partner attests, citizens can question.

Staff propose a progress update on a partnership's commitment (percentage, what was done, evidence: a link or
a PDF); the partner's attestation contact confirms or disputes it through a signed link sent by email; the
partnership page shows each commitment's dated timeline. Anyone may ask a question about a commitment;
staff moderate it and answer it publicly."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.fields import BoundedTextField
from common.history import HistoricalRecords
from common.models import TimestampedModel
from partnership.scoping import CityScopedQuerySet

from .constants import ATTESTED_STATUSES, QUESTION_MAX_LENGTH, QuestionStatus, UpdateStatus
from .storage import evidence_path, private_storage
from .validators import validate_evidence


class AttestationContact(TimestampedModel):
    """The person of a partner organisation who attests progress updates on the partnership's commitments.
    Their name and organisation are published with what they attest; their address never is."""

    city_path = "partnership__city"

    partnership = models.ForeignKey(
        "partnership.Partnership",
        verbose_name=_("partenariat"),
        on_delete=models.CASCADE,
        related_name="attestation_contacts",
    )
    organisation = models.ForeignKey(
        "partnership.Organisation",
        verbose_name=_("organisation représentée"),
        on_delete=models.PROTECT,
        related_name="attestation_contacts",
    )
    name = models.CharField(_("nom"), max_length=200)
    position = models.CharField(_("fonction"), max_length=200, blank=True)
    email = models.EmailField(_("adresse électronique"), help_text=_("Jamais publiée."))
    language = models.CharField(
        _("langue des messages"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    objects = CityScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact d'attestation")
        verbose_name_plural = _("contacts d'attestation")
        ordering = ["partnership", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "email"], name="attestation_contact_once_per_partnership"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class ProgressUpdateQuerySet(CityScopedQuerySet):
    def public(self):
        from .constants import PUBLIC_UPDATE_STATUSES

        return self.filter(status__in=PUBLIC_UPDATE_STATUSES)


class ProgressUpdate(TimestampedModel):
    city_path = "commitment__partnership__city"
    partnership_path = "commitment__partnership"
    # Written only by commitments.services (proposal, the partner's answer through the signed link, withdrawal).
    service_fields = (
        "status",
        "requested_at",
        "responded_at",
        "response_note",
        "attested_by_name",
        "attested_by_organisation",
    )

    commitment = models.ForeignKey(
        "partnership.Commitment",
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="progress_updates",
    )
    contact = models.ForeignKey(
        AttestationContact,
        verbose_name=_("contact qui atteste"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="updates",
        help_text=_("La personne du partenaire qui reçoit le lien pour confirmer ou contester."),
    )
    progress = models.PositiveSmallIntegerField(
        _("avancement (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    summary = BoundedTextField(_("ce qui a été fait"), max_length=3000)
    evidence_url = models.URLField(_("preuve : lien"), blank=True)
    evidence_file = models.FileField(
        _("preuve : document (PDF)"),
        storage=private_storage,
        upload_to=evidence_path,
        max_length=255,
        blank=True,
        validators=[validate_evidence],
        help_text=_("Publié seulement une fois la mise à jour attestée par le partenaire."),
    )
    evidence_name = models.CharField(_("nom du document envoyé"), max_length=255, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("statut"), max_length=20, choices=UpdateStatus.choices, default=UpdateStatus.PROPOSED)
    requested_at = models.DateTimeField(_("lien envoyé le"), null=True, blank=True)
    responded_at = models.DateTimeField(_("réponse du partenaire le"), null=True, blank=True)
    response_note = BoundedTextField(_("mots du partenaire"), max_length=2000, blank=True)
    attested_by_name = models.CharField(_("attestée par"), max_length=200, blank=True)
    attested_by_organisation = models.CharField(_("pour l'organisation"), max_length=200, blank=True)

    objects = ProgressUpdateQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["evidence_file"])

    class Meta:
        verbose_name = _("mise à jour d'un engagement")
        verbose_name_plural = _("mises à jour des engagements")
        ordering = ["commitment", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="progress_update_at_most_100"),
            models.CheckConstraint(
                condition=~models.Q(status=UpdateStatus.DISPUTED) | ~models.Q(response_note=""),
                name="progress_update_dispute_has_reason",
                violation_error_message=_("Une contestation dit pourquoi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} — {self.progress} %"

    @property
    def is_attested(self) -> bool:
        return self.status in ATTESTED_STATUSES

    @property
    def evidence_public(self) -> bool:
        return bool(self.evidence_file) and self.is_attested


class QuestionQuerySet(CityScopedQuerySet):
    def answered(self):
        return self.filter(status=QuestionStatus.ANSWERED)


class Question(TimestampedModel):
    """A citizen's question about a commitment: no account, an address only to send the answer to (erased once
    the answer is sent, or the question is rejected)."""

    city_path = "commitment__partnership__city"
    partnership_path = "commitment__partnership"
    service_fields = ("status", "answered_at", "answered_by", "email", "moderated_at")

    commitment = models.ForeignKey(
        "partnership.Commitment", verbose_name=_("engagement"), on_delete=models.CASCADE, related_name="questions"
    )
    text = BoundedTextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    email = models.EmailField(
        _("adresse pour la réponse"), blank=True, help_text=_("Effacée une fois la réponse envoyée.")
    )
    language = models.CharField(_("langue"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    status = models.CharField(
        _("statut"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.PENDING
    )
    answer = BoundedTextField(
        _("réponse"),
        max_length=3000,
        blank=True,
        help_text=_("Rédigez la réponse, enregistrez, puis publiez-la avec l'action « Publier la réponse »."),
    )
    answered_at = models.DateTimeField(_("répondue le"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("répondue par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("modérée le"), null=True, blank=True)
    moderation_note = models.CharField(
        _("motif"), max_length=300, blank=True, help_text=_("Pourquoi la question est écartée (jamais publié).")
    )

    objects = QuestionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["email"])

    class Meta:
        verbose_name = _("question sur un engagement")
        verbose_name_plural = _("questions sur les engagements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=QuestionStatus.ANSWERED) | ~models.Q(answer=""),
                name="question_answered_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return reverse("commitments:question", kwargs={"pk": self.commitment_id})
