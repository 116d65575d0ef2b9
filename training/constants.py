from django.db import models
from django.utils.translation import gettext_lazy as _

REMINDER_HOURS_BEFORE = 48


class Trade(models.TextChoices):
    """The IT trades the programmes lead to (French RNCP job titles, simplified)."""

    WEB_DEVELOPER = "web_developer", _("Développeur ou développeuse web")
    IT_SUPPORT = "it_support", _("Technicien ou technicienne d'assistance informatique")
    CLOUD_ADMIN = "cloud_admin", _("Administrateur ou administratrice cloud")
    NETWORK_ADMIN = "network_admin", _("Administrateur ou administratrice systèmes et réseaux")
    DATA_ANALYST = "data_analyst", _("Analyste de données")
    CYBERSECURITY = "cybersecurity", _("Technicien ou technicienne en cybersécurité")
    DIGITAL_BASICS = "digital_basics", _("Compétences numériques de base")


class SessionStatus(models.TextChoices):
    OPEN = "open", _("Inscriptions ouvertes")
    FULL = "full", _("Complète (liste d'attente)")
    CANCELLED = "cancelled", _("Annulée")
    FINISHED = "finished", _("Terminée")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmée")
    WAITLISTED = "waitlisted", _("En liste d'attente")
    CANCELLED = "cancelled", _("Annulée")


class Situation(models.TextChoices):
    JOB_SEEKER_REGISTERED = "job_seeker_registered", _("Demandeur ou demandeuse d'emploi inscrit·e à France Travail")
    JOB_SEEKER_NOT_REGISTERED = "job_seeker_not_registered", _("Sans emploi, non inscrit·e à France Travail")
    RETRAINING = "retraining", _("En reconversion (salarié·e ou indépendant·e)")
    YOUNG_PERSON = "young_person", _("Jeune de moins de 26 ans accompagné·e par une mission locale")
    OTHER = "other", _("Autre situation")
