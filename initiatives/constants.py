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


# --- Digital-inclusion places: the vocabularies of the La Mednum "standard-mediation-num" schema ----------
# Each value is a short code stored in the database; MEDNUM_VALUES gives the exact French string of the
# schema v1.0.2 (what the open-data files hold), MEDNUM_ALIASES the spellings of earlier versions (long
# labels, typos) that the importer maps to the same code.


class PlaceService(models.TextChoices):
    ADMIN_PROCEDURES = "demarches", _("Aide aux démarches administratives")
    EVERYDAY_TOOLS = "outils-quotidien", _("Maîtrise des outils numériques du quotidien")
    EMPLOYMENT = "insertion-pro", _("Insertion professionnelle via le numérique")
    SAFE_USE = "securite", _("Utilisation sécurisée du numérique")
    PARENTING = "parentalite", _("Parentalité et éducation avec le numérique")
    LEISURE = "loisirs", _("Loisirs et créations numériques")
    UNDERSTANDING = "comprehension", _("Compréhension du monde numérique")
    ACCESS = "acces-materiel", _("Accès internet et matériel informatique")
    SOLIDARITY_EQUIPMENT = "materiel-solidaire", _("Acquisition de matériel informatique à prix solidaire")


class PlacePublic(models.TextChoices):
    YOUNG = "jeunes", _("Jeunes")
    STUDENTS = "etudiants", _("Étudiants")
    FAMILIES = "familles", _("Familles et/ou enfants")
    SENIORS = "seniors", _("Seniors")
    WOMEN = "femmes", _("Femmes")


class PlaceSpecificSupport(models.TextChoices):
    DEAFNESS = "surdite", _("Surdité")
    MOTOR = "handicap-moteur", _("Handicaps moteurs")
    MENTAL = "handicap-mental", _("Handicaps mentaux")
    ILLITERACY = "illettrisme", _("Illettrisme")
    ENGLISH = "anglais", _("Langues étrangères (anglais)")
    OTHER_LANGUAGES = "autres-langues", _("Langues étrangères (autres)")
    VISUAL = "deficience-visuelle", _("Déficience visuelle")


class PlaceFee(models.TextChoices):
    FREE = "gratuit", _("Gratuit")
    FREE_UNDER_CONDITIONS = "gratuit-sous-condition", _("Gratuit sous condition")
    PAYING = "payant", _("Payant")


class PlaceAccessMode(models.TextChoices):
    WALK_IN = "se-presenter", _("Se présenter")
    PHONE = "telephoner", _("Téléphoner")
    EMAIL = "courriel", _("Contacter par mail")
    ONLINE_BOOKING = "rdv-en-ligne", _("Prendre un RDV en ligne")
    NO_PUBLIC = "sans-public", _("Ce lieu n'accueille pas de public")
    REFERRAL = "prescription", _("Envoyer un mail avec une fiche de prescription")


class PlaceSupportMode(models.TextChoices):
    ALONE = "autonomie", _("En autonomie")
    ONE_TO_ONE = "individuel", _("Accompagnement individuel")
    WORKSHOP = "atelier", _("Dans un atelier collectif")
    REMOTE = "distance", _("À distance (par téléphone ou en visioconférence)")


class PlaceMobility(models.TextChoices):
    ITINERANT = "itinerant", _("Itinérant")
    FIXED = "fixe", _("Fixe")


class PlaceProgramme(models.TextChoices):
    AIDANTS_CONNECT = "aidants-connect", "Aidants Connect"
    REFERENCE_LIBRARIES = "bibliotheques-numeriques", _("Bibliothèques numérique de référence")
    PIX = "pix", _("Certification PIX")
    ADVISERS = "conseillers-numeriques", _("Conseillers numériques")
    EMMAUS_CONNECT = "emmaus-connect", "Emmaüs Connect"
    FRANCE_SERVICES = "france-services", "France Services"
    GRANDE_ECOLE = "grande-ecole-numerique", _("Grande école du numérique")
    RED_CROSS = "croix-rouge", _("La Croix Rouge")
    CAF = "point-numerique-caf", _("Point d'accès numérique CAF")
    PROMENEURS = "promeneurs-du-net", _("Promeneurs du net")
    EMMAUS_RELAY = "relais-emmaus-connect", _("Relais numérique (Emmaüs Connect)")


class PlaceLabel(models.TextChoices):
    MON_ESPACE_SANTE = "mon-espace-sante", _("Formé à « Mon Espace Santé »")
    DUPLEX = "duplex", _("Formé à « DUPLEX » (illettrisme)")
    ARNIA = "arnia", "Arnia/MedNum BFC (Bourgogne-Franche-Comté)"
    REEMPLOI_NORMANDIE = "reemploi-normandie", _("Collectif ressources et acteurs réemploi (Normandie)")
    ETAPES_NUMERIQUES = "etapes-numeriques", _("Étapes numériques (La Poste)")
    FABRIQUES = "fabriques-de-territoire", _("Fabriques de Territoire")
    ECLAIREURS = "eclaireurs-drome", _("Les Éclaireurs du numérique (Drôme)")
    MES_PAPIERS = "mes-papiers", _("Mes Papiers (Métropole de Lyon)")
    ORDI = "ordi-3-0", "ORDI 3.0"
    SUD_LABS = "sud-labs", "SUD LABS (PACA)"


# The strings of schema v1.0.2, exactly as its patterns spell them (the export writes these).
MEDNUM_VALUES: dict[type[models.TextChoices], dict[str, str]] = {
    PlaceService: {
        "demarches": "Aide aux démarches administratives",
        "outils-quotidien": "Maîtrise des outils numériques du quotidien",
        "insertion-pro": "Insertion professionnelle via le numérique",
        "securite": "Utilisation sécurisée du numérique",
        "parentalite": "Parentalité et éducation avec le numérique",
        "loisirs": "Loisirs et créations numériques",
        "comprehension": "Compréhension du monde numérique",
        "acces-materiel": "Accès internet et matériel informatique",
        "materiel-solidaire": "Acquisition de matériel informatique à prix solidaire",
    },
    PlacePublic: {
        "jeunes": "Jeunes",
        "etudiants": "Étudiants",
        "familles": "Familles et/ou enfants",
        "seniors": "Seniors",
        "femmes": "Femmes",
    },
    PlaceSpecificSupport: {
        "surdite": "Surdité",
        "handicap-moteur": "Handicaps moteurs",
        "handicap-mental": "Handicaps mentaux",
        "illettrisme": "Illettrisme",
        "anglais": "Langues étrangères (anglais)",
        "autres-langues": "Langues étrangères (autres)",
        "deficience-visuelle": "Déficience visuelle",
    },
    PlaceFee: {
        "gratuit": "Gratuit",
        "gratuit-sous-condition": "Gratuit sous condition",
        "payant": "Payant",
    },
    PlaceAccessMode: {
        "se-presenter": "Se présenter",
        "telephoner": "Téléphoner",
        "courriel": "Contacter par mail",
        "rdv-en-ligne": "Prendre un RDV en ligne",
        "sans-public": "Ce lieu n'accueille pas de public",
        "prescription": "Envoyer un mail avec une fiche de prescription",
    },
    PlaceSupportMode: {
        "autonomie": "En autonomie",
        "individuel": "Accompagnement individuel",
        "atelier": "Dans un atelier collectif",
        "distance": "À distance",
    },
    PlaceMobility: {"itinerant": "Itinérant", "fixe": "Fixe"},
    PlaceProgramme: {
        "aidants-connect": "Aidants Connect",
        "bibliotheques-numeriques": "Bibliothèques numérique de référence",
        "pix": "Certification PIX",
        "conseillers-numeriques": "Conseillers numériques",
        "emmaus-connect": "Emmaüs Connect",
        "france-services": "France Services",
        "grande-ecole-numerique": "Grande école du numérique",
        "croix-rouge": "La Croix Rouge",
        "point-numerique-caf": "Point d'accès numérique CAF",
        "promeneurs-du-net": "Promeneurs du net",
        "relais-emmaus-connect": "Relais numérique (Emmaüs Connect)",
    },
    PlaceLabel: {
        "mon-espace-sante": "Formé à « Mon Espace Santé »",
        "duplex": "Formé à « DUPLEX » (illettrisme)",
        "arnia": "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
        "reemploi-normandie": "Collectif ressources et acteurs réemploi (Normandie)",
        "etapes-numeriques": "Étapes numériques(La Poste)",  # sic: v1.0.2's pattern has no space
        "fabriques-de-territoire": "Fabriques de Territoire",
        "eclaireurs-drome": "Les Éclaireurs du numérique (Drôme)",
        "mes-papiers": "Mes Papiers (Métropole de Lyon)",
        "ordi-3-0": "ORDI 3.0",
        "sud-labs": "SUD LABS (PACA)",
    },
}

# Spellings of earlier versions still found in published files: the long labels of v1.0.0/v1.0.1 before
# April 2024 (a long label "X : explanation" is also read by its part before " : "), the schema's own
# typos, and the portal's earlier export.
MEDNUM_ALIASES: dict[type[models.TextChoices], dict[str, str]] = {
    PlaceService: {"Comprehension du monde numérique": "comprehension"},
    PlaceSpecificSupport: {
        "Langues étrangères (autres) sont tous des formes de déficience visuelle": "autres-langues",
    },
    PlaceFee: {
        "Gratuit : Je peux accéder gratuitement au lieu et à ses services": "gratuit",
        "Gratuit sous condition : La gratuité est conditionnée à des critères (adhésion, situation familiale, "
        "convention avec un organisme social, pass numériques…)": "gratuit-sous-condition",
        "Payant : L’accès au lieu et/ou à ses services est payant": "payant",
    },
    PlaceSupportMode: {
        "Dans un atelier collectif : j'apprends collectivement à utiliser le numérique": "atelier",
        "À distance (par téléphone ou en visioconférence)": "distance",
    },
    PlaceLabel: {
        "Formé à « DUPLEX » (illetrisme)": "duplex",
        "Étapes numériques (La Poste)": "etapes-numeriques",
    },
}
