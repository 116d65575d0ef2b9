"""Demo programmes and sessions for Paris and Lyon. All of it is illustrative (the seed article only says
that job seekers will be trained for IT jobs), so every row is marked as an example.

Dates are relative to today so the sessions are always upcoming; loading again moves them and keeps
registrations. Rows are keyed by slug (programmes, places) and reference (sessions).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from common.time import city_datetime, city_today
from initiatives.constants import Audience, CategorySlug, InitiativeStatus, PlaceKind, Technology
from initiatives.models import Category, Initiative, Place
from partnership.models import City, Partnership

from . import services
from .constants import Trade
from .models import Programme, Session

PARIS_INITIATIVE = "formation-demandeurs-emploi-metiers-informatique"
LYON_INITIATIVE = "formation-metiers-numerique-lyon"

PLACES = [
    {
        "slug": "centre-formation-numerique-paris-13",
        "name": "Centre de formation aux métiers du numérique",
        "city": "paris",
        "address": "30 avenue d'Italie",
        "postcode": "75013",
        "town": "Paris",
        "latitude": Decimal("48.826800"),
        "longitude": Decimal("2.357100"),
        "description_fr": "Salles équipées pour les formations des demandeurs d'emploi (lieu : exemple).",
        "description_en": "Equipped rooms for job-seeker training (place: example).",
    },
    {
        "slug": "campus-numerique-lyon-gerland",
        "name": "Campus numérique de Gerland",
        "city": "lyon",
        "address": "15 rue de Gerland",
        "postcode": "69007",
        "town": "Lyon",
        "latitude": Decimal("45.738900"),
        "longitude": Decimal("4.833800"),
        "description_fr": "Lieu de formation aux métiers de l'informatique (lieu : exemple).",
        "description_en": "Training venue for IT trades (place: example).",
    },
]

PROGRAMMES = [
    {
        "slug": "developpeur-web-paris",
        "initiative": PARIS_INITIATIVE,
        "trade": Trade.WEB_DEVELOPER,
        "duration_hours": 420,
        "cost_to_trainee": Decimal("0"),
        "title_fr": "Développeur ou développeuse web et web mobile",
        "title_en": "Web and mobile web developer",
        "summary_fr": "Douze semaines pour apprendre à créer des sites et applications web, jusqu'au titre professionnel.",
        "summary_en": "Twelve weeks to learn to build websites and web applications, up to the professional title.",
        "description_fr": "HTML, CSS, JavaScript, une base de données et un cadriciel côté serveur, en projets par équipes. Stage de quatre semaines en entreprise.",
        "description_en": "HTML, CSS, JavaScript, a database and a server-side framework, in team projects. Four-week company placement.",
        "prerequisites_fr": "Aisance avec un ordinateur ; pas de diplôme exigé. Un entretien de motivation précède l'entrée en formation.",
        "prerequisites_en": "Comfortable with a computer; no degree required. A motivation interview comes before the course.",
        "eligibility_fr": "Demandeurs et demandeuses d'emploi résidant à Paris. L'identifiant France Travail est facultatif à l'inscription.",
        "eligibility_en": "Job seekers living in Paris. The France Travail identifier is optional when registering.",
        "outcomes_fr": "Titre professionnel de niveau 5 (bac+2). Métiers : intégrateur web, développeur front-end ou back-end junior.",
        "outcomes_en": "Level 5 professional title (two years after A-levels). Jobs: web integrator, junior front-end or back-end developer.",
    },
    {
        "slug": "technicien-assistance-informatique-paris",
        "initiative": PARIS_INITIATIVE,
        "trade": Trade.IT_SUPPORT,
        "duration_hours": 280,
        "cost_to_trainee": Decimal("0"),
        "title_fr": "Technicien ou technicienne d'assistance informatique",
        "title_en": "IT support technician",
        "summary_fr": "Installer, dépanner et accompagner les utilisateurs : une formation courte vers un métier qui recrute.",
        "summary_en": "Install, troubleshoot and help users: a short course towards a job in demand.",
        "description_fr": "Postes de travail, réseaux locaux, messagerie, sécurité de base et relation avec les utilisateurs.",
        "description_en": "Workstations, local networks, email, basic security and working with users.",
        "prerequisites_fr": "Savoir utiliser un ordinateur au quotidien.",
        "prerequisites_en": "Everyday computer use.",
        "eligibility_fr": "Demandeurs et demandeuses d'emploi, sans condition de diplôme.",
        "eligibility_en": "Job seekers, no degree required.",
        "outcomes_fr": "Titre professionnel de niveau 4. Métiers : technicien support, technicien de proximité.",
        "outcomes_en": "Level 4 professional title. Jobs: support technician, on-site technician.",
    },
    {
        "slug": "administrateur-cloud-lyon",
        "initiative": LYON_INITIATIVE,
        "trade": Trade.CLOUD_ADMIN,
        "duration_hours": 350,
        "cost_to_trainee": Decimal("0"),
        "title_fr": "Administrateur ou administratrice d'infrastructures cloud",
        "title_en": "Cloud infrastructure administrator",
        "summary_fr": "Déployer et surveiller des services hébergés, automatiser leur administration.",
        "summary_en": "Deploy and monitor hosted services, automate their administration.",
        "description_fr": "Systèmes Linux et Windows, virtualisation, conteneurs, automatisation et supervision.",
        "description_en": "Linux and Windows systems, virtualisation, containers, automation and monitoring.",
        "prerequisites_fr": "Bases en réseau ou expérience en support informatique.",
        "prerequisites_en": "Networking basics or IT support experience.",
        "eligibility_fr": "Demandeurs et demandeuses d'emploi de la métropole de Lyon.",
        "eligibility_en": "Job seekers in the Lyon metropolitan area.",
        "outcomes_fr": "Certification d'éditeur et titre professionnel de niveau 6.",
        "outcomes_en": "Vendor certification and level 6 professional title.",
    },
    {
        "slug": "decouverte-metiers-numerique-lyon",
        "initiative": LYON_INITIATIVE,
        "trade": Trade.DIGITAL_BASICS,
        "duration_hours": 7,
        "cost_to_trainee": Decimal("0"),
        "title_fr": "Journée découverte des métiers du numérique",
        "title_en": "Discovery day: careers in digital",
        "summary_fr": "Une journée pour découvrir les métiers de l'informatique et tester ses aptitudes.",
        "summary_en": "One day to discover IT careers and test your aptitudes.",
        "description_fr": "Ateliers pratiques, rencontres avec des professionnels, présentation des formations longues.",
        "description_en": "Hands-on workshops, meeting professionals, presentation of the longer courses.",
        "eligibility_fr": "Ouvert à toutes et tous, en priorité aux demandeurs d'emploi.",
        "eligibility_en": "Open to everyone, job seekers first.",
        "outcomes_fr": "Une orientation vers la formation qui vous convient.",
        "outcomes_en": "Guidance towards the course that suits you.",
    },
]

# (reference, programme slug, place slug or None for remote, weeks from now, days long, capacity)
SESSIONS = [
    ("DEMO-WEB-PARIS-1", "developpeur-web-paris", "centre-formation-numerique-paris-13", 3, 5, 12),
    ("DEMO-WEB-PARIS-2", "developpeur-web-paris", None, 7, 5, 20),
    (
        "DEMO-SUPPORT-PARIS-1",
        "technicien-assistance-informatique-paris",
        "centre-formation-numerique-paris-13",
        4,
        5,
        3,
    ),
    ("DEMO-CLOUD-LYON-1", "administrateur-cloud-lyon", "campus-numerique-lyon-gerland", 4, 5, 10),
    ("DEMO-DECOUVERTE-LYON-1", "decouverte-metiers-numerique-lyon", "campus-numerique-lyon-gerland", 2, 1, 15),
]


def _lyon_initiative() -> Initiative:
    """Lyon's demo has no job-training initiative; one is added, marked as an example."""
    initiative, _created = Initiative.objects.update_or_create(
        slug=LYON_INITIATIVE,
        defaults={
            "partnership": Partnership.objects.get(slug="lyon-microsoft"),
            "category": Category.objects.get(slug=CategorySlug.JOB_TRAINING),
            "title_fr": "Formations aux métiers du numérique à Lyon (exemple)",
            "title_en": "Training for digital jobs in Lyon (example)",
            "summary_fr": "Des sessions de formation aux métiers de l'informatique pour les demandeurs d'emploi lyonnais (exemple).",
            "summary_en": "Training sessions for IT jobs for job seekers in Lyon (example).",
            "description_fr": "Initiative d'exemple : la source ne mentionne pas de formation à Lyon.",
            "description_en": "Example initiative: the source mentions no training in Lyon.",
            "audience": Audience.JOB_SEEKERS,
            "status": InitiativeStatus.OPEN,
            "technology": Technology.VENDOR,
            "is_example": True,
            "is_published": True,
        },
    )
    return initiative


def _monday_in(weeks: int) -> dt.date:
    today = city_today()
    return today + dt.timedelta(days=7 * weeks - today.weekday())


@transaction.atomic
def load() -> None:
    cities = {c.slug: c for c in City.objects.filter(slug__in=["paris", "lyon"])}
    places = {}
    for data in PLACES:
        data = dict(data)
        data["city"] = cities[data["city"]]
        slug = data.pop("slug")
        places[slug], _created = Place.objects.update_or_create(
            slug=slug, defaults={**data, "kind": PlaceKind.SCHOOL, "is_example": True}
        )
    initiatives = {
        PARIS_INITIATIVE: Initiative.objects.get(slug=PARIS_INITIATIVE),
        LYON_INITIATIVE: _lyon_initiative(),
    }
    programmes = {}
    for data in PROGRAMMES:
        data = dict(data)
        data["initiative"] = initiatives[data["initiative"]]
        slug = data.pop("slug")
        programmes[slug], _created = Programme.objects.update_or_create(
            slug=slug, defaults={**data, "is_example": True, "is_published": True}
        )
    for reference, programme_slug, place_slug, weeks, days, capacity in SESSIONS:
        first = _monday_in(weeks)
        starts_at = city_datetime(first, dt.time(9, 0))
        ends_at = city_datetime(first + dt.timedelta(days=days - 1), dt.time(17, 0))
        values = {
            "programme": programmes[programme_slug],
            "starts_at": starts_at,
            "ends_at": ends_at,
            "registration_deadline": starts_at - dt.timedelta(days=3),
            "place": places[place_slug] if place_slug else None,
            "is_remote": place_slug is None,
            "remote_details_fr": "" if place_slug else "Le lien de connexion est envoyé la veille.",
            "remote_details_en": "" if place_slug else "The link to join is sent the day before.",
            "capacity": capacity,
        }
        session = Session.objects.filter(reference=reference).first()
        if session is None:
            session = Session(reference=reference, **values)
        else:
            for field, value in values.items():
                setattr(session, field, value)
            session.capacity = max(capacity, session.registrations.filter(status="confirmed").count())
        services.session_save(session=session)
        services.session_sync_days(session=session)
