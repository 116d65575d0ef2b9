from django.db import models
from django.utils.translation import gettext_lazy as _


class CategorySlug(models.TextChoices):
    """The categories the portal knows; other apps rely on these slugs (calls, training, bookings)."""

    SPORTS_SPACE = "espace-sportif", _("Espace sportif numérique")
    STARTUP_SUPPORT = "soutien-start-up", _("Soutien aux start-ups")
    JOB_TRAINING = "formation-emploi", _("Formation des demandeurs d'emploi")
    GREEN_SOFTWARE = "logiciel-vert", _("Logiciels pour l'environnement")
    DIGITAL_INCLUSION = "inclusion-numerique", _("Inclusion numérique")
    E_ADMINISTRATION = "e-administration", _("Administration en ligne")
    SCHOOL_SUPPORT = "soutien-scolaire", _("Soutien scolaire")
    INNOVATION_SCHOOL = "ecole-innovation", _("École de l'innovation")
    FREE_SOFTWARE = "logiciel-libre", _("Logiciel libre")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Tout public")
    STARTUPS = "startups", _("Start-ups et entreprises")
    JOB_SEEKERS = "job_seekers", _("Demandeurs d'emploi")
    YOUNG_PEOPLE = "young_people", _("Jeunes et élèves")
    ASSOCIATIONS = "associations", _("Associations")
    PUBLIC_AGENTS = "public_agents", _("Agents publics")


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    OPEN = "open", _("Ouverte")
    RUNNING = "running", _("En cours")
    COMPLETED = "completed", _("Terminée")
    CANCELLED = "cancelled", _("Annulée")


class Technology(models.TextChoices):
    FREE_SOFTWARE = "free_software", _("Logiciel libre")
    VENDOR = "vendor", _("Produits d'un éditeur")
    MIXED = "mixed", _("Mixte")
    NOT_APPLICABLE = "not_applicable", _("Sans objet")


class PlaceKind(models.TextChoices):
    INCLUSION_CENTRE = "inclusion_centre", _("Lieu de médiation numérique")
    SPORTS_SPACE = "sports_space", _("Espace sportif")
    SCHOOL = "school", _("Lieu de formation")
    OTHER = "other", _("Autre lieu")
