"""Demo data from the news report in shared/seed (French text from the article, English translations):
cities, organisations, partnerships with their partners, signatories and commitments. The initiatives that
deliver the commitments, and the places, are the catalogue's (initiatives/demo).

Everything the article does not say (addresses, coordinates, contacts, innovation actors) is marked
as an example. Loading is idempotent: rows are keyed by slug and updated in place.
"""

from __future__ import annotations

from django.db import transaction

from .constants import (
    CommitmentStatus,
    ContributionKind,
    OrganisationKind,
    PartnerRole,
    PartnershipStatus,
    ScorecardTopic,
)
from .models import (
    City,
    Commitment,
    Organisation,
    PartnerContribution,
    PartnerRoleAssignment,
    Partnership,
    ScorecardClause,
    Signatory,
)

SOURCE_TITLE = "Article de presse « Bill Gates et Bertrand Delanoë : un partenariat numérique pour Paris »"

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
        "name": "Pôle d'innovation Rhône",
        "kind": OrganisationKind.ASSOCIATION,
        "is_innovation_actor": True,
        "is_example": True,
        "description_fr": "Acteur régional de l'innovation qui recommande des start-ups (exemple : l'article ne les nomme pas).",
        "description_en": "Regional innovation actor that recommends start-ups (example: the article names none).",
        "cities": ["lyon"],
    },
    {
        "slug": "incubateur-lyon-sud",
        "name": "Incubateur Lyon Sud",
        "kind": OrganisationKind.ASSOCIATION,
        "is_innovation_actor": True,
        "is_example": True,
        "description_fr": "Incubateur régional (exemple : l'article ne nomme pas les acteurs de l'innovation).",
        "description_en": "Regional incubator (example: the article does not name the innovation actors).",
        "cities": ["lyon"],
    },
    {
        "slug": "paris-incubateurs",
        "name": "Réseau des incubateurs parisiens",
        "kind": OrganisationKind.ASSOCIATION,
        "is_innovation_actor": True,
        "is_example": True,
        "description_fr": "Réseau d'incubateurs (exemple).",
        "description_en": "Network of incubators (example).",
        "cities": ["paris"],
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
        "commitments": [
            {
                "title_fr": "Un espace sportif numérique à la Porte de Montreuil",
                "title_en": "A digital sports space at Porte de Montreuil",
                "description_fr": "Un espace sportif numérique ouvert aux habitants, à la Porte de Montreuil.",
                "description_en": "A digital sports space open to residents at Porte de Montreuil.",
                "status": CommitmentStatus.PLANNED,
            },
            {
                "title_fr": "Des conseils aux start-ups parisiennes",
                "title_en": "Advice for Paris start-ups",
                "description_fr": "Des conseils apportés aux jeunes entreprises innovantes parisiennes.",
                "description_en": "Advice for young innovative companies in Paris.",
                "status": CommitmentStatus.PLANNED,
            },
            {
                "title_fr": "Formation des demandeurs d'emploi aux métiers de l'informatique",
                "title_en": "Training job seekers for IT jobs",
                "description_fr": "Des demandeurs d'emploi formés aux métiers de l'informatique.",
                "description_en": "Job seekers trained for careers in IT.",
                "status": CommitmentStatus.PLANNED,
            },
            {
                "title_fr": "Soutien aux entreprises développant des logiciels pour l'environnement",
                "title_en": "Support for companies building software for the environment",
                "description_fr": "Soutien apporté aux entreprises développant des solutions logicielles en faveur de la protection de l'environnement.",
                "description_en": "Support for companies developing software solutions that protect the environment.",
                "status": CommitmentStatus.PLANNED,
            },
            {
                "title_fr": "Des équipements sociaux contre la fracture numérique",
                "title_en": "Social facilities fighting the digital divide",
                "description_fr": "Des équipements sociaux soutenus dans la lutte contre la fracture numérique.",
                "description_en": "Social facilities supported in fighting the digital divide.",
                "status": CommitmentStatus.PLANNED,
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
        "commitments": [
            {
                "title_fr": "Aides aux start-ups lyonnaises les plus prometteuses",
                "title_en": "Support for the most promising Lyon start-ups",
                "description_fr": "Des aides aux start-ups lyonnaises « les plus prometteuses et recommandées par les acteurs régionaux de l'innovation ».",
                "description_en": 'Support for Lyon start-ups "the most promising, recommended by regional innovation actors".',
                "status": CommitmentStatus.IN_PROGRESS,
            },
            {
                "title_fr": "Clique sur ta Ville",
                "title_en": "Clique sur ta Ville",
                "description_fr": "Programme « Clique sur ta Ville » : recherche d'emploi, soutien scolaire, etc.",
                "description_en": 'The "Clique sur ta Ville" programme: job search, school support and more.',
                "status": CommitmentStatus.IN_PROGRESS,
            },
            {
                "title_fr": "Développement d'une e-administration",
                "title_en": "Developing e-administration",
                "description_fr": "Microsoft s'engage dans le développement d'une e-administration à Lyon.",
                "description_en": "Microsoft commits to developing e-administration in Lyon.",
                "status": CommitmentStatus.IN_PROGRESS,
            },
            {
                "title_fr": "Ouverture d'une école de l'innovation",
                "title_en": "Opening an innovation school",
                "description_fr": "L'ouverture d'une « école de l'innovation » dans la ville.",
                "description_en": 'Opening an "innovation school" in the city.',
                "status": CommitmentStatus.PLANNED,
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
        "commitments": [
            {
                "title_fr": "Paris Capitale du Libre",
                "title_en": "Paris Capitale du Libre",
                "description_fr": "La Ville soutient l'initiative Paris Capitale du Libre.",
                "description_en": "The City supports the Paris Capitale du Libre initiative.",
                "status": CommitmentStatus.IN_PROGRESS,
            },
            {
                "title_fr": "Les Lutèces d'Or",
                "title_en": "The Lutèces d'Or awards",
                "description_fr": "Les Lutèces d'Or, avec l'ASS2L (Association des Sociétés de Services en Logiciels Libres).",
                "description_en": "The Lutèces d'Or awards, with ASS2L (the association of free-software service companies).",
                "status": CommitmentStatus.IN_PROGRESS,
            },
            {
                "title_fr": "Gestion des marchés publics sur une plateforme libre",
                "title_en": "Public procurement on a free-software platform",
                "description_fr": "La municipalité a décidé de passer à une plateforme libre pour son outil de gestion des marchés publics.",
                "description_en": "The city decided to move its public-procurement tool to a free-software platform.",
                "status": CommitmentStatus.IN_PROGRESS,
            },
        ],
    },
]


# The scorecard: only what the article says, each line sourced to it (it gives no date, and the page says so).
# Everything else (values, the agreements, durations, exit clauses, procurement records) is shown as
# "non publié", because the article says nothing of it.
CONTRIBUTIONS = {
    "paris-microsoft": [
        (
            "microsoft",
            ContributionKind.UNSPECIFIED,
            "Accompagne « toute une série d'initiatives » : un espace sportif numérique à la Porte de Montreuil, des "
            "conseils aux start-ups parisiennes, la formation de demandeurs d'emploi aux métiers de l'informatique, "
            "le soutien à des entreprises du logiciel pour l'environnement et à des équipements sociaux.",
            'Supports "a whole series of initiatives": a digital sports space at Porte de Montreuil, advice for Paris '
            "start-ups, IT training for job seekers, support for software companies working for the environment "
            "and for social facilities.",
        ),
    ],
    "lyon-microsoft": [
        (
            "microsoft",
            ContributionKind.UNSPECIFIED,
            "Des aides aux start-ups lyonnaises « les plus prometteuses et recommandées par les acteurs régionaux de "
            "l'innovation », l'accompagnement du programme « Clique sur ta Ville », le développement d'une "
            "e-administration et l'ouverture d'une « école de l'innovation ».",
            'Support for the "most promising" Lyon start-ups "recommended by regional innovation actors", '
            'backing for the "Clique sur ta Ville" programme, developing e-administration and opening an '
            '"innovation school".',
        ),
    ],
    "paris-logiciel-libre": [
        (
            "ville-de-paris",
            ContributionKind.UNSPECIFIED,
            "Soutient l'initiative Paris Capitale du Libre et les Lutèces d'Or.",
            "Supports the Paris Capitale du Libre initiative and the Lutèces d'Or awards.",
        ),
        (
            "ass2l",
            ContributionKind.UNSPECIFIED,
            "Organise les Lutèces d'Or avec la Ville.",
            "Runs the Lutèces d'Or awards with the City.",
        ),
    ],
}
CLAUSES = {
    "paris-logiciel-libre": [
        (
            ScorecardTopic.OPEN_STANDARDS,
            "La municipalité a décidé de passer à une plateforme libre pour son outil de gestion des marchés publics.",
            "The city decided to move its public-procurement tool to a free-software platform.",
        ),
    ],
}


def load_scorecards(partnerships: dict[str, Partnership], organisations: dict[str, Organisation]) -> None:
    for slug, contributions in CONTRIBUTIONS.items():
        for order, (org_slug, kind, description_fr, description_en) in enumerate(contributions):
            _upsert(
                PartnerContribution,
                {"partnership": partnerships[slug], "order": order},
                {
                    "organisation": organisations[org_slug],
                    "kind": kind,
                    "description_fr": description_fr,
                    "description_en": description_en,
                    "source_title": SOURCE_TITLE,
                },
            )
    for slug, clauses in CLAUSES.items():
        for order, (topic, statement_fr, statement_en) in enumerate(clauses):
            _upsert(
                ScorecardClause,
                {"partnership": partnerships[slug], "topic": topic, "order": order},
                {"statement_fr": statement_fr, "statement_en": statement_en, "source_title": SOURCE_TITLE},
            )


def _upsert(model, lookup: dict, values: dict):
    obj, _created = model.objects.update_or_create(**lookup, defaults=values)
    return obj


@transaction.atomic
def load() -> None:
    for slug, name_fr, name_en, insee in CITIES:
        _upsert(City, {"slug": slug}, {"name_fr": name_fr, "name_en": name_en, "insee_code": insee})
    cities = {c.slug: c for c in City.objects.all()}

    for data in ORGANISATIONS:
        data = dict(data)
        city_slugs = data.pop("cities")
        organisation = _upsert(Organisation, {"slug": data.pop("slug")}, data)
        organisation.cities.set([cities[s] for s in city_slugs])
    organisations = {o.slug: o for o in Organisation.objects.all()}

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
        for order, values in enumerate(data["commitments"]):
            _upsert(Commitment, {"partnership": partnership, "order": order}, {**values, "progress": 0})
    load_scorecards({p.slug: p for p in Partnership.objects.all()}, organisations)
