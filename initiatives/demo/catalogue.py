"""Demo catalogue: the categories, and the initiatives that deliver the commitments the article lists.

Each commitment of a partnership (partnership/demo.py) is delivered by one initiative, under the same title
and with the commitment's text as its summary; INITIATIVES gives the rest, per partnership, in the order of
its commitments. Idempotent: rows are keyed by slug.
"""

from __future__ import annotations

from partnership.models import Commitment

from ..constants import Audience, CategorySlug, InitiativeStatus, Technology
from ..models import Category, Initiative, Place

CATEGORIES = [
    (CategorySlug.SPORTS_SPACE, "Espace sportif numérique", "Digital sports space"),
    (CategorySlug.STARTUP_SUPPORT, "Soutien aux start-ups", "Start-up support"),
    (CategorySlug.JOB_TRAINING, "Formation des demandeurs d'emploi", "Training for job seekers"),
    (CategorySlug.GREEN_SOFTWARE, "Logiciels pour l'environnement", "Software for the environment"),
    (CategorySlug.DIGITAL_INCLUSION, "Inclusion numérique", "Digital inclusion"),
    (CategorySlug.E_ADMINISTRATION, "Administration en ligne", "E-administration"),
    (CategorySlug.SCHOOL_SUPPORT, "Soutien scolaire et emploi", "School support and job search"),
    (CategorySlug.INNOVATION_SCHOOL, "École de l'innovation", "Innovation school"),
    (CategorySlug.FREE_SOFTWARE, "Logiciel libre", "Free software"),
]

INITIATIVES = {
    "paris-microsoft": [
        {
            "slug": "espace-sportif-numerique-porte-de-montreuil",
            "category": CategorySlug.SPORTS_SPACE,
            "description_fr": "Premier engagement cité par l'article : un espace sportif numérique à la Porte de Montreuil, réservable par créneaux.",
            "description_en": "First commitment listed in the article: a digital sports space at Porte de Montreuil, bookable by time slot.",
            "how_fr": "Réservez un créneau en ligne une fois connecté.",
            "how_en": "Book a time slot online once signed in.",
            "audience": Audience.EVERYONE,
            "status": InitiativeStatus.PLANNED,
            "technology": Technology.VENDOR,
            "place": "espace-sportif-porte-de-montreuil",
            "is_example": True,
        },
        {
            "slug": "conseils-aux-start-ups-parisiennes",
            "category": CategorySlug.STARTUP_SUPPORT,
            "description_fr": "Le partenariat prévoit des conseils aux start-ups parisiennes.",
            "description_en": "The partnership provides advice to Paris start-ups.",
            "how_fr": "Candidatez à l'appel en cours.",
            "how_en": "Apply to the current call.",
            "audience": Audience.STARTUPS,
            "status": InitiativeStatus.PLANNED,
            "technology": Technology.VENDOR,
        },
        {
            "slug": "formation-demandeurs-emploi-metiers-informatique",
            "category": CategorySlug.JOB_TRAINING,
            "description_fr": "Formations des demandeurs d'emploi aux métiers de l'informatique, financées par le partenariat.",
            "description_en": "Training for job seekers in IT trades, funded by the partnership.",
            "how_fr": "Inscrivez-vous à une session de formation.",
            "how_en": "Register for a training session.",
            "audience": Audience.JOB_SEEKERS,
            "status": InitiativeStatus.PLANNED,
            "technology": Technology.VENDOR,
        },
        {
            "slug": "soutien-logiciels-protection-environnement",
            "category": CategorySlug.GREEN_SOFTWARE,
            "description_fr": "Le partenariat soutient les entreprises qui développent des solutions logicielles en faveur de la protection de l'environnement.",
            "description_en": "The partnership supports companies that develop software solutions for environmental protection.",
            "how_fr": "Candidatez à l'appel « logiciels verts ».",
            "how_en": "Apply to the green-software call.",
            "audience": Audience.STARTUPS,
            "status": InitiativeStatus.PLANNED,
            "technology": Technology.VENDOR,
        },
        {
            "slug": "equipements-sociaux-fracture-numerique",
            "category": CategorySlug.DIGITAL_INCLUSION,
            "description_fr": "Des équipements sociaux sont soutenus dans la lutte contre la fracture numérique.",
            "description_en": "Social facilities are supported in fighting the digital divide.",
            "how_fr": "Trouvez un lieu de médiation numérique près de chez vous.",
            "how_en": "Find a digital-inclusion centre near you.",
            "audience": Audience.EVERYONE,
            "status": InitiativeStatus.PLANNED,
            "technology": Technology.VENDOR,
        },
    ],
    "lyon-microsoft": [
        {
            "slug": "aides-aux-start-ups-lyonnaises",
            "category": CategorySlug.STARTUP_SUPPORT,
            "description_fr": "Les start-ups candidates doivent être recommandées par un acteur régional de l'innovation.",
            "description_en": "Applicant start-ups must be recommended by a regional innovation actor.",
            "how_fr": "Candidatez à l'appel et demandez la recommandation d'un acteur régional de l'innovation.",
            "how_en": "Apply to the call and ask a regional innovation actor to recommend you.",
            "audience": Audience.STARTUPS,
            "status": InitiativeStatus.RUNNING,
            "technology": Technology.VENDOR,
        },
        {
            "slug": "clique-sur-ta-ville",
            "category": CategorySlug.SCHOOL_SUPPORT,
            "description_fr": "Microsoft a accompagné le programme « Clique sur ta Ville » (recherche d'emploi, soutien scolaire, etc.).",
            "description_en": 'Microsoft supported the "Clique sur ta Ville" programme (job search, school support, etc.).',
            "how_fr": "Rendez-vous dans un espace numérique partenaire.",
            "how_en": "Visit a partner digital space.",
            "audience": Audience.YOUNG_PEOPLE,
            "status": InitiativeStatus.RUNNING,
            "technology": Technology.VENDOR,
            "place": "espace-numerique-guillotiere",
        },
        {
            "slug": "e-administration-lyon",
            "category": CategorySlug.E_ADMINISTRATION,
            "description_fr": "Des démarches administratives en ligne pour les Lyonnais.",
            "description_en": "Online administrative procedures for Lyon residents.",
            "audience": Audience.EVERYONE,
            "status": InitiativeStatus.RUNNING,
            "technology": Technology.VENDOR,
        },
        {
            "slug": "ecole-de-l-innovation-lyon",
            "category": CategorySlug.INNOVATION_SCHOOL,
            "description_fr": "Une école de l'innovation ouverte dans la ville de Lyon.",
            "description_en": "An innovation school opened in the city of Lyon.",
            "audience": Audience.YOUNG_PEOPLE,
            "status": InitiativeStatus.PLANNED,
            "technology": Technology.VENDOR,
        },
    ],
    "paris-logiciel-libre": [
        {
            "slug": "paris-capitale-du-libre",
            "category": CategorySlug.FREE_SOFTWARE,
            "description_fr": "Paris soutient l'initiative Paris Capitale du Libre, qui fédère les acteurs du logiciel libre.",
            "description_en": "Paris supports the Paris Capitale du Libre initiative, which brings free-software players together.",
            "audience": Audience.STARTUPS,
            "status": InitiativeStatus.RUNNING,
            "technology": Technology.FREE_SOFTWARE,
        },
        {
            "slug": "lutece-d-or",
            "category": CategorySlug.FREE_SOFTWARE,
            "description_fr": "Paris soutient les Lutèces d'Or, organisés avec l'ASS2L.",
            "description_en": "Paris supports the Lutèces d'Or, organised with ASS2L.",
            "audience": Audience.STARTUPS,
            "status": InitiativeStatus.RUNNING,
            "technology": Technology.FREE_SOFTWARE,
        },
        {
            "slug": "marches-publics-plateforme-libre",
            "category": CategorySlug.E_ADMINISTRATION,
            "description_fr": "Si la question d'une migration importante a pu se poser dans le passé pour être ensuite mise de côté, la municipalité a décidé de passer à une plateforme libre pour son outil de gestion des marchés publics.",
            "description_en": "Although a large migration was once considered and then set aside, the city decided to move its public-procurement tool to a free-software platform.",
            "audience": Audience.PUBLIC_AGENTS,
            "status": InitiativeStatus.RUNNING,
            "technology": Technology.FREE_SOFTWARE,
        },
    ],
}


def load() -> None:
    for order, (slug, name_fr, name_en) in enumerate(CATEGORIES):
        Category.objects.update_or_create(slug=slug, defaults={"name_fr": name_fr, "name_en": name_en, "order": order})
    categories = {c.slug: c for c in Category.objects.all()}
    places = {p.slug: p for p in Place.objects.all()}

    for partnership_slug, items in INITIATIVES.items():
        for order, item in enumerate(items):
            commitment = Commitment.objects.select_related("partnership").get(
                partnership__slug=partnership_slug, order=order
            )
            initiative, _created = Initiative.objects.update_or_create(
                slug=item["slug"],
                defaults={
                    "partnership": commitment.partnership,
                    "category": categories[item["category"]],
                    "title_fr": commitment.title_fr,
                    "title_en": commitment.title_en,
                    "summary_fr": commitment.description_fr,
                    "summary_en": commitment.description_en,
                    "description_fr": item["description_fr"],
                    "description_en": item["description_en"],
                    "how_to_take_part_fr": item.get("how_fr", ""),
                    "how_to_take_part_en": item.get("how_en", ""),
                    "audience": item["audience"],
                    "status": item["status"],
                    "technology": item["technology"],
                    "place": places.get(item.get("place", "")),
                    "is_example": item.get("is_example", False),
                    "is_published": True,
                },
            )
            commitment.initiatives.set([initiative])
