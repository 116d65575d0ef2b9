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


# --- the partnership scorecard (partnership/models.py: PartnerContribution, ScorecardClause, ProcurementRecord)


class ContributionKind(models.TextChoices):
    MONEY = "money", _("Financement")
    LICENCES = "licences", _("Licences de logiciels")
    HOURS = "hours", _("Heures de travail ou d'accompagnement")
    EQUIPMENT = "equipment", _("Matériel")
    UNSPECIFIED = "unspecified", _("Apport de nature non précisée")


class ScorecardTopic(models.TextChoices):
    """The clauses of the scorecard, in the order the page shows them."""

    AGREEMENT = "agreement", _("Convention")
    DURATION = "duration", _("Durée")
    RENEWAL = "renewal", _("Renouvellement")
    EXIT = "exit", _("Sortie et réversibilité")
    OPEN_STANDARDS = "open_standards", _("Standards ouverts et logiciels libres")
    DEPENDENCIES = "dependencies", _("Produits dont dépendent les initiatives")


# The données essentielles de la commande publique (DECP, arrêtés du 22 décembre 2022, schema v2:
# https://github.com/139bercy/format-commande-publique): the values are the schema's own words.
class ProcurementNature(models.TextChoices):
    MARCHE = "Marché", _("Marché")
    PARTENARIAT = "Marché de partenariat", _("Marché de partenariat")
    DEFENSE = "Marché de défense ou de sécurité", _("Marché de défense ou de sécurité")


class ProcurementProcedure(models.TextChoices):
    ADAPTEE = "Procédure adaptée", _("Procédure adaptée")
    AO_OUVERT = "Appel d'offres ouvert", _("Appel d'offres ouvert")
    AO_RESTREINT = "Appel d'offres restreint", _("Appel d'offres restreint")
    NEGOCIATION = "Procédure avec négociation", _("Procédure avec négociation")
    SANS_PUBLICITE = (
        "Marché passé sans publicité ni mise en concurrence préalable",
        _("Marché passé sans publicité ni mise en concurrence préalable"),
    )
    DIALOGUE = "Dialogue compétitif", _("Dialogue compétitif")


# DECP `titulaires[].typeIdentifiant`
HOLDER_ID_TYPES = ("SIRET", "TVA", "TAHITI", "RIDET", "FRWF", "IREP", "HORS-UE")
AGREEMENT_MAX_BYTES = 10 * 1024 * 1024
AGREEMENT_MAX_PAGES = 300
