from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.constants import CategorySlug

# The initiative categories that may open calls for applications.
CALL_CATEGORIES = (CategorySlug.STARTUP_SUPPORT, CategorySlug.GREEN_SOFTWARE)

PITCH_DECK_MAX_BYTES = 10 * 1024 * 1024
# A pitch deck runs 10 to 20 slides, 40 with appendices; 60 leaves room for a long one and refuses whole
# reports (and 5,000-page files) that reviewers would not read and that cost time to check.
PITCH_DECK_MAX_PAGES = 60
SCORE_MIN = 0
SCORE_MAX = 5
# A draft keeps this many of its latest versions in its history; a submitted application keeps them all.
DRAFT_HISTORY_VERSIONS = 20


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposée")
    UNDER_REVIEW = "under_review", _("En cours d'examen")
    SHORTLISTED = "shortlisted", _("Présélectionnée")
    ACCEPTED = "accepted", _("Acceptée")
    REJECTED = "rejected", _("Refusée")
    WITHDRAWN = "withdrawn", _("Retirée")


# Statuses after which nothing changes any more.
FINAL_STATUSES = (ApplicationStatus.ACCEPTED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)


class LegalForm(models.TextChoices):
    SAS = "sas", _("SAS")
    SASU = "sasu", _("SASU")
    SARL = "sarl", _("SARL")
    EURL = "eurl", _("EURL")
    SA = "sa", _("SA")
    COOPERATIVE = "cooperative", _("SCOP ou SCIC")
    EI = "ei", _("Entreprise individuelle")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Autre")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idée, avant le premier prototype")
    PROTOTYPE = "prototype", _("Prototype ou premiers tests")
    FIRST_CUSTOMERS = "first_customers", _("Premiers clients")
    GROWTH = "growth", _("Croissance")


class Sector(models.TextChoices):
    ENVIRONMENT = "environment", _("Environnement, énergie, climat")
    MOBILITY = "mobility", _("Mobilité, transports")
    HEALTH = "health", _("Santé")
    EDUCATION = "education", _("Éducation, formation")
    CIVIC = "civic", _("Services publics, démocratie")
    SOCIAL = "social", _("Économie sociale et solidaire")
    COMMERCE = "commerce", _("Commerce, tourisme")
    CULTURE = "culture", _("Culture, médias")
    FINANCE = "finance", _("Finance, assurance")
    INDUSTRY = "industry", _("Industrie, construction")
    OTHER = "other", _("Autre")


class RecommendationStatus(models.TextChoices):
    PENDING = "pending", _("En attente de réponse")
    CONFIRMED = "confirmed", _("Confirmée")
    DECLINED = "declined", _("Déclinée")


class CallState(models.TextChoices):
    UPCOMING = "upcoming", _("À venir")
    OPEN = "open", _("Ouvert")
    CLOSED = "closed", _("Clos")
