from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    VENDOR = "vendor", _("Éditeur de logiciels")
    ASSOCIATION = "association", _("Association")
    PUBLIC_BODY = "public_body", _("Organisme public")
    COMPANY = "company", _("Entreprise")


class PartnershipStatus(models.TextChoices):
    ANNOUNCED = "announced", _("Annoncé")
    SIGNED = "signed", _("Signé")
    ACTIVE = "active", _("En cours")
    ENDED = "ended", _("Terminé")


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Partenaire principal")
    PARTNER = "partner", _("Partenaire")
    FUNDER = "funder", _("Financeur")
    OPERATOR = "operator", _("Opérateur")
    SUPPORTER = "supporter", _("Soutien")


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("Prévu")
    IN_PROGRESS = "in_progress", _("En cours")
    DELIVERED = "delivered", _("Tenu")
    ABANDONED = "abandoned", _("Abandonné")
