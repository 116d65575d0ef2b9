"""Demo data from the news report in shared/seed (French text from the article, English translations).

Everything the article does not say (addresses, coordinates, contacts, innovation actors) is marked
as an example. Loading is idempotent: rows are keyed by slug and updated in place.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from initiatives.constants import Audience, CategorySlug, InitiativeStatus, PlaceKind, Technology
from initiatives.models import Category, Initiative, Place

from .constants import CommitmentStatus, OrganisationKind, PartnerRole, PartnershipStatus
from .models import City, Commitment, Organisation, PartnerRoleAssignment, Partnership, Signatory

SOURCE_TITLE = "Article de presse « Bill Gates et Bertrand Delanoë : un partenariat numérique pour Paris »"

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

CITIES = [("paris", "Paris", "Paris", "75056"), ("lyon", "Lyon", "Lyon", "69123")]

ORGANISATIONS = [
    {
        "slug": "microsoft",
        "name": "Microsoft",
        "kind": OrganisationKind.VENDOR,
        "description_fr": "Éditeur de logiciels basé à Redmond, partenaire de Lyon puis de Paris.",
        "description_en": "Software vendor based in Redmond, partner of Lyon and then of Paris.",
        "website": "https://www.microsoft.com/fr-fr",
        "cities": ["paris", "lyon"],
    },
    {
        "slug": "ass2l",
        "name": "ASS2L",
        "kind": OrganisationKind.ASSOCIATION,
        "description_fr": "Association des Sociétés de Services en Logiciels Libres, partenaire des Lutèces d'Or.",
        "description_en": "Association of free-software service companies, partner of the Lutèces d'Or awards.",
        "cities": ["paris"],
    },
    {
        "slug": "ville-de-paris",
        "name": "Ville de Paris",
        "kind": OrganisationKind.PUBLIC_BODY,
        "description_fr": "La municipalité parisienne.",
        "description_en": "The City of Paris.",
        "website": "https://www.paris.fr",
        "cities": ["paris"],
    },
    {
        "slug": "ville-de-lyon",
        "name": "Ville de Lyon",
        "kind": OrganisationKind.PUBLIC_BODY,
        "description_fr": "La municipalité lyonnaise.",
        "description_en": "The City of Lyon.",
        "website": "https://www.lyon.fr",
        "cities": ["lyon"],
    },
    {
        "slug": "pole-innovation-rhone",
        "name": "Pôle d'innovation Rhône (exemple)",
        "kind": OrganisationKind.ASSOCIATION,
        "is_innovation_actor": True,
        "is_example": True,
        "description_fr": "Acteur régional de l'innovation qui recommande des start-ups (exemple : l'article ne les nomme pas).",
        "description_en": "Regional innovation actor that recommends start-ups (example: the article names none).",
        "cities": ["lyon"],
    },
    {
        "slug": "incubateur-lyon-sud",
        "name": "Incubateur Lyon Sud (exemple)",
        "kind": OrganisationKind.ASSOCIATION,
        "is_innovation_actor": True,
        "is_example": True,
        "description_fr": "Incubateur régional (exemple : l'article ne nomme pas les acteurs de l'innovation).",
        "description_en": "Regional incubator (example: the article does not name the innovation actors).",
        "cities": ["lyon"],
    },
    {
        "slug": "paris-incubateurs",
        "name": "Réseau des incubateurs parisiens (exemple)",
        "kind": OrganisationKind.ASSOCIATION,
        "is_innovation_actor": True,
        "is_example": True,
        "description_fr": "Réseau d'incubateurs (exemple).",
        "description_en": "Network of incubators (example).",
        "cities": ["paris"],
    },
]

PLACES = [
    {
        "slug": "espace-sportif-porte-de-montreuil",
        "name": "Espace sportif numérique de la Porte de Montreuil",
        "kind": PlaceKind.SPORTS_SPACE,
        "city": "paris",
        "address": "Place de la Porte de Montreuil",
        "postcode": "75020",
        "town": "Paris",
        "latitude": Decimal("48.853600"),
        "longitude": Decimal("2.410500"),
        "opening_hours": "Mo-Fr 10:00-21:00; Sa,Su 09:00-19:00",
        "description_fr": "Espace sportif numérique financé par le partenariat Paris–Microsoft (adresse et horaires : exemple).",
        "description_en": "Digital sports space funded by the Paris–Microsoft partnership (address and hours: example).",
        "accessibility_fr": "Accès de plain-pied, vestiaires adaptés (exemple).",
        "accessibility_en": "Step-free access, adapted changing rooms (example).",
        "is_example": True,
    },
    {
        "slug": "epn-paris-20-belleville",
        "name": "Espace public numérique Belleville (exemple)",
        "kind": PlaceKind.INCLUSION_CENTRE,
        "city": "paris",
        "address": "12 rue de Belleville",
        "postcode": "75020",
        "town": "Paris",
        "latitude": Decimal("48.872100"),
        "longitude": Decimal("2.377100"),
        "opening_hours": "Tu-Fr 10:00-18:00; Sa 10:00-13:00",
        "description_fr": "Accès libre à des ordinateurs et ateliers d'initiation (exemple).",
        "description_en": "Free computer access and beginners' workshops (example).",
        "accessibility_fr": "Accessible en fauteuil roulant (exemple).",
        "accessibility_en": "Wheelchair accessible (example).",
        "is_example": True,
    },
    {
        "slug": "centre-social-connecte-paris-18",
        "name": "Centre social connecté de la Goutte d'Or (exemple)",
        "kind": PlaceKind.INCLUSION_CENTRE,
        "city": "paris",
        "address": "5 rue Léon",
        "postcode": "75018",
        "town": "Paris",
        "latitude": Decimal("48.887400"),
        "longitude": Decimal("2.354400"),
        "opening_hours": "Mo-Fr 09:30-12:30,14:00-18:00",
        "description_fr": "Aide aux démarches administratives en ligne, sur rendez-vous ou sans (exemple).",
        "description_en": "Help with online procedures, with or without an appointment (example).",
        "is_example": True,
    },
    {
        "slug": "espace-numerique-guillotiere",
        "name": "Espace numérique de la Guillotière (exemple)",
        "kind": PlaceKind.INCLUSION_CENTRE,
        "city": "lyon",
        "address": "20 place Gabriel Péri",
        "postcode": "69007",
        "town": "Lyon",
        "latitude": Decimal("45.755300"),
        "longitude": Decimal("4.842600"),
        "opening_hours": "Mo-Sa 09:00-17:00",
        "description_fr": "Espace « Clique sur ta Ville » : recherche d'emploi et soutien scolaire en ligne (lieu : exemple).",
        "description_en": '"Clique sur ta Ville" space: job search and online school support (place: example).',
        "is_example": True,
    },
    {
        "slug": "point-numerique-lyon-8",
        "name": "Point numérique des États-Unis (exemple)",
        "kind": PlaceKind.INCLUSION_CENTRE,
        "city": "lyon",
        "address": "8 boulevard des États-Unis",
        "postcode": "69008",
        "town": "Lyon",
        "latitude": Decimal("45.735800"),
        "longitude": Decimal("4.864700"),
        "opening_hours": "We,Fr 14:00-19:00; Sa 10:00-12:00",
        "description_fr": "Ateliers numériques pour les familles (exemple).",
        "description_en": "Digital workshops for families (example).",
        "is_example": True,
    },
]

ARTICLE_PARIS_FR = (
    "Bill Gates va signer avec Bertrand Delanoë un partenariat numérique pour Paris. La ville va ainsi "
    "accueillir toute une série d'initiatives en partenariat avec Redmond. Le partenariat à venir ressemble "
    "à celui signé entre l'éditeur et Lyon en février dernier."
)
ARTICLE_PARIS_EN = (
    "Bill Gates is to sign a digital partnership for Paris with Bertrand Delanoë. The city will host a whole "
    "series of initiatives in partnership with Redmond. The coming partnership resembles the one the vendor "
    "signed with Lyon last February."
)

PARTNERSHIPS = [
    {
        "slug": "paris-microsoft",
        "city": "paris",
        "title_fr": "Partenariat numérique Paris – Microsoft",
        "title_en": "Paris – Microsoft digital partnership",
        "status": PartnershipStatus.ANNOUNCED,
        "summary_fr": ARTICLE_PARIS_FR,
        "summary_en": ARTICLE_PARIS_EN,
        "dates_note_fr": "Annoncé par la presse ; la source ne donne pas la date de signature.",
        "dates_note_en": "Announced in the press; the source gives no signing date.",
        "roles": [
            ("ville-de-paris", PartnerRole.LEAD, "Ville signataire", "Signing city"),
            (
                "microsoft",
                PartnerRole.FUNDER,
                "Finance et accompagne les initiatives",
                "Funds and supports the initiatives",
            ),
        ],
        "signatories": [
            ("Bertrand Delanoë", "Maire de Paris", "Mayor of Paris", "ville-de-paris"),
            ("Bill Gates", "Fondateur de Microsoft", "Founder of Microsoft", "microsoft"),
        ],
        "initiatives": [
            {
                "slug": "espace-sportif-numerique-porte-de-montreuil",
                "category": CategorySlug.SPORTS_SPACE,
                "title_fr": "Un espace sportif numérique à la Porte de Montreuil",
                "title_en": "A digital sports space at Porte de Montreuil",
                "summary_fr": "Un espace sportif numérique ouvert aux habitants, à la Porte de Montreuil.",
                "summary_en": "A digital sports space open to residents at Porte de Montreuil.",
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
                "title_fr": "Des conseils aux start-ups parisiennes",
                "title_en": "Advice for Paris start-ups",
                "summary_fr": "Des conseils apportés aux jeunes entreprises innovantes parisiennes.",
                "summary_en": "Advice for young innovative companies in Paris.",
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
                "title_fr": "Formation des demandeurs d'emploi aux métiers de l'informatique",
                "title_en": "Training job seekers for IT jobs",
                "summary_fr": "Des demandeurs d'emploi formés aux métiers de l'informatique.",
                "summary_en": "Job seekers trained for careers in IT.",
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
                "title_fr": "Soutien aux entreprises développant des logiciels pour l'environnement",
                "title_en": "Support for companies building software for the environment",
                "summary_fr": "Soutien apporté aux entreprises développant des solutions logicielles en faveur de la protection de l'environnement.",
                "summary_en": "Support for companies developing software solutions that protect the environment.",
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
                "title_fr": "Des équipements sociaux contre la fracture numérique",
                "title_en": "Social facilities fighting the digital divide",
                "summary_fr": "Des équipements sociaux soutenus dans la lutte contre la fracture numérique.",
                "summary_en": "Social facilities supported in fighting the digital divide.",
                "description_fr": "Des équipements sociaux sont soutenus dans la lutte contre la fracture numérique.",
                "description_en": "Social facilities are supported in fighting the digital divide.",
                "how_fr": "Trouvez un lieu de médiation numérique près de chez vous.",
                "how_en": "Find a digital-inclusion centre near you.",
                "audience": Audience.EVERYONE,
                "status": InitiativeStatus.PLANNED,
                "technology": Technology.VENDOR,
            },
        ],
    },
    {
        "slug": "lyon-microsoft",
        "city": "lyon",
        "title_fr": "Partenariat numérique Lyon – Microsoft",
        "title_en": "Lyon – Microsoft digital partnership",
        "status": PartnershipStatus.SIGNED,
        "summary_fr": (
            "Signé en février entre l'éditeur et Lyon. Surfant sur la vague économique, mais aussi sociale, il "
            "consiste à accompagner le développement de plusieurs projets numériques dans l'agglomération."
        ),
        "summary_en": (
            "Signed in February between the vendor and Lyon. Riding an economic but also social wave, it "
            "supports the development of several digital projects in the metropolitan area."
        ),
        "dates_note_fr": "Signé en février ; la source ne précise ni le jour ni l'année.",
        "dates_note_en": "Signed in February; the source gives neither the day nor the year.",
        "roles": [
            ("ville-de-lyon", PartnerRole.LEAD, "Ville signataire", "Signing city"),
            ("microsoft", PartnerRole.FUNDER, "Finance et accompagne les projets", "Funds and supports the projects"),
        ],
        "signatories": [],
        "initiatives": [
            {
                "slug": "aides-aux-start-ups-lyonnaises",
                "category": CategorySlug.STARTUP_SUPPORT,
                "title_fr": "Aides aux start-ups lyonnaises les plus prometteuses",
                "title_en": "Support for the most promising Lyon start-ups",
                "summary_fr": "Des aides aux start-ups lyonnaises « les plus prometteuses et recommandées par les acteurs régionaux de l'innovation ».",
                "summary_en": 'Support for Lyon start-ups "the most promising, recommended by regional innovation actors".',
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
                "title_fr": "Clique sur ta Ville",
                "title_en": "Clique sur ta Ville",
                "summary_fr": "Programme « Clique sur ta Ville » : recherche d'emploi, soutien scolaire, etc.",
                "summary_en": 'The "Clique sur ta Ville" programme: job search, school support and more.',
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
                "title_fr": "Développement d'une e-administration",
                "title_en": "Developing e-administration",
                "summary_fr": "Microsoft s'engage dans le développement d'une e-administration à Lyon.",
                "summary_en": "Microsoft commits to developing e-administration in Lyon.",
                "description_fr": "Des démarches administratives en ligne pour les Lyonnais.",
                "description_en": "Online administrative procedures for Lyon residents.",
                "audience": Audience.EVERYONE,
                "status": InitiativeStatus.RUNNING,
                "technology": Technology.VENDOR,
            },
            {
                "slug": "ecole-de-l-innovation-lyon",
                "category": CategorySlug.INNOVATION_SCHOOL,
                "title_fr": "Ouverture d'une école de l'innovation",
                "title_en": "Opening an innovation school",
                "summary_fr": "L'ouverture d'une « école de l'innovation » dans la ville.",
                "summary_en": 'Opening an "innovation school" in the city.',
                "description_fr": "Une école de l'innovation ouverte dans la ville de Lyon.",
                "description_en": "An innovation school opened in the city of Lyon.",
                "audience": Audience.YOUNG_PEOPLE,
                "status": InitiativeStatus.PLANNED,
                "technology": Technology.VENDOR,
            },
        ],
    },
    {
        "slug": "paris-logiciel-libre",
        "city": "paris",
        "title_fr": "Paris et le logiciel libre",
        "title_en": "Paris and free software",
        "status": PartnershipStatus.ACTIVE,
        "summary_fr": (
            "La Ville de Paris est agnostique puisqu'elle s'est aussi engagée sur plusieurs projets libres : "
            "Paris Capitale du Libre, les Lutèces d'Or avec l'ASS2L, et le passage à une plateforme libre pour "
            "son outil de gestion des marchés publics."
        ),
        "summary_en": (
            "The City of Paris is vendor-agnostic: it has also committed to several free-software projects: "
            "Paris Capitale du Libre, the Lutèces d'Or with ASS2L, and moving its public-procurement tool to a "
            "free platform."
        ),
        "dates_note_fr": "Engagements en cours ; la source ne donne pas de dates.",
        "dates_note_en": "Ongoing commitments; the source gives no dates.",
        "roles": [
            ("ville-de-paris", PartnerRole.LEAD, "Porte les projets libres", "Leads the free-software projects"),
            ("ass2l", PartnerRole.PARTNER, "Co-organise les Lutèces d'Or", "Co-organises the Lutèces d'Or"),
        ],
        "signatories": [],
        "initiatives": [
            {
                "slug": "paris-capitale-du-libre",
                "category": CategorySlug.FREE_SOFTWARE,
                "title_fr": "Paris Capitale du Libre",
                "title_en": "Paris Capitale du Libre",
                "summary_fr": "La Ville soutient l'initiative Paris Capitale du Libre.",
                "summary_en": "The City supports the Paris Capitale du Libre initiative.",
                "description_fr": "Paris soutient l'initiative Paris Capitale du Libre, qui fédère les acteurs du logiciel libre.",
                "description_en": "Paris supports the Paris Capitale du Libre initiative, which brings free-software players together.",
                "audience": Audience.STARTUPS,
                "status": InitiativeStatus.RUNNING,
                "technology": Technology.FREE_SOFTWARE,
            },
            {
                "slug": "lutece-d-or",
                "category": CategorySlug.FREE_SOFTWARE,
                "title_fr": "Les Lutèces d'Or",
                "title_en": "The Lutèces d'Or awards",
                "summary_fr": "Les Lutèces d'Or, avec l'ASS2L (Association des Sociétés de Services en Logiciels Libres).",
                "summary_en": "The Lutèces d'Or awards, with ASS2L (the association of free-software service companies).",
                "description_fr": "Paris soutient les Lutèces d'Or, organisés avec l'ASS2L.",
                "description_en": "Paris supports the Lutèces d'Or, organised with ASS2L.",
                "audience": Audience.STARTUPS,
                "status": InitiativeStatus.RUNNING,
                "technology": Technology.FREE_SOFTWARE,
            },
            {
                "slug": "marches-publics-plateforme-libre",
                "category": CategorySlug.E_ADMINISTRATION,
                "title_fr": "Gestion des marchés publics sur une plateforme libre",
                "title_en": "Public procurement on a free-software platform",
                "summary_fr": "La municipalité a décidé de passer à une plateforme libre pour son outil de gestion des marchés publics.",
                "summary_en": "The city decided to move its public-procurement tool to a free-software platform.",
                "description_fr": "Si la question d'une migration importante a pu se poser dans le passé pour être ensuite mise de côté, la municipalité a décidé de passer à une plateforme libre pour son outil de gestion des marchés publics.",
                "description_en": "Although a large migration was once considered and then set aside, the city decided to move its public-procurement tool to a free-software platform.",
                "audience": Audience.PUBLIC_AGENTS,
                "status": InitiativeStatus.RUNNING,
                "technology": Technology.FREE_SOFTWARE,
            },
        ],
    },
]


def _upsert(model, lookup: dict, values: dict):
    obj, _created = model.objects.update_or_create(**lookup, defaults=values)
    return obj


@transaction.atomic
def load() -> None:
    for order, (slug, name_fr, name_en) in enumerate(CATEGORIES):
        _upsert(Category, {"slug": slug}, {"name_fr": name_fr, "name_en": name_en, "order": order})
    categories = {c.slug: c for c in Category.objects.all()}

    for slug, name_fr, name_en, insee in CITIES:
        _upsert(City, {"slug": slug}, {"name_fr": name_fr, "name_en": name_en, "insee_code": insee})
    cities = {c.slug: c for c in City.objects.all()}

    for data in ORGANISATIONS:
        data = dict(data)
        city_slugs = data.pop("cities")
        organisation = _upsert(Organisation, {"slug": data.pop("slug")}, data)
        organisation.cities.set([cities[s] for s in city_slugs])
    organisations = {o.slug: o for o in Organisation.objects.all()}

    for data in PLACES:
        data = dict(data)
        data["city"] = cities[data["city"]]
        _upsert(Place, {"slug": data.pop("slug")}, data)
    places = {p.slug: p for p in Place.objects.all()}

    for data in PARTNERSHIPS:
        partnership = _upsert(
            Partnership,
            {"slug": data["slug"]},
            {
                "city": cities[data["city"]],
                "status": data["status"],
                "source_title": SOURCE_TITLE,
                **{key: data[key] for key in data if key[-3:] in ("_fr", "_en")},
            },
        )
        for org_slug, role, description_fr, description_en in data["roles"]:
            _upsert(
                PartnerRoleAssignment,
                {"partnership": partnership, "organisation": organisations[org_slug]},
                {"role": role, "description_fr": description_fr, "description_en": description_en},
            )
        for order, (name, position_fr, position_en, org_slug) in enumerate(data["signatories"]):
            _upsert(
                Signatory,
                {"partnership": partnership, "name": name},
                {
                    "position_fr": position_fr,
                    "position_en": position_en,
                    "organisation": organisations[org_slug],
                    "order": order,
                },
            )
        for order, item in enumerate(data["initiatives"]):
            initiative = _upsert(
                Initiative,
                {"slug": item["slug"]},
                {
                    "partnership": partnership,
                    "category": categories[item["category"]],
                    "title_fr": item["title_fr"],
                    "title_en": item["title_en"],
                    "summary_fr": item["summary_fr"],
                    "summary_en": item["summary_en"],
                    "description_fr": item["description_fr"],
                    "description_en": item["description_en"],
                    "how_to_take_part_fr": item.get("how_fr", ""),
                    "how_to_take_part_en": item.get("how_en", ""),
                    "audience": item["audience"],
                    "status": item["status"],
                    "technology": item["technology"],
                    "place": places.get(item.get("place", "")),
                    "is_example": item.get("is_example", False),
                },
            )
            commitment = _upsert(
                Commitment,
                {"partnership": partnership, "order": order},
                {
                    "title_fr": item["title_fr"],
                    "title_en": item["title_en"],
                    "description_fr": item["summary_fr"],
                    "description_en": item["summary_en"],
                    "status": CommitmentStatus.IN_PROGRESS
                    if item["status"] == InitiativeStatus.RUNNING
                    else CommitmentStatus.PLANNED,
                    "progress": 0,
                },
            )
            commitment.initiatives.set([initiative])
