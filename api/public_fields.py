"""Every field the API may return, declared public one by one.

`tests/api/test_public_fields.py` walks the OpenAPI document (every schema reachable from every answer) and
the answers themselves, and fails on a field missing here: adding a field to api/schemas.py means declaring it
here, in a reviewed change, after checking that it is not personal data. No field holds a person's name, email
address or telephone number. The only contact details are those of a digital-inclusion place (`Lieu.telephone`,
`Lieu.courriels`): the national schema of La Mednum publishes them as the place's public contact, the portal
shows them on the place's page, and the city's staff enter the place's switchboard and shared address there.

Organisations (`Partenaire`) are legal entities (companies, associations, public bodies); the signatories of
a partnership (people) and an initiative's contact person are not in the API.
"""

PUBLIC_FIELDS: dict[str, frozenset[str]] = {
    "Erreur": frozenset({"message", "erreurs"}),
    "Partenaire": frozenset({"organisation", "identifiant_url", "type", "role", "site_web"}),
    "Partenariat": frozenset(
        {
            "id",
            "identifiant_url",
            "titre",
            "titre_en",
            "resume",
            "resume_en",
            "ville",
            "statut",
            "date_annonce",
            "date_signature",
            "date_debut",
            "date_fin",
            "precision_dates",
            "source",
            "lien_source",
            "partenaires",
            "nombre_initiatives",
            "nombre_engagements",
            "url",
            "mis_a_jour_le",
        }
    ),
    "Engagement": frozenset(
        {
            "id",
            "partenariat",
            "ville",
            "intitule",
            "intitule_en",
            "description",
            "description_en",
            "statut",
            "avancement",
            "ordre",
            "initiatives",
        }
    ),
    "Initiative": frozenset(
        {
            "id",
            "identifiant_url",
            "titre",
            "titre_en",
            "resume",
            "resume_en",
            "description",
            "description_en",
            "comment_participer",
            "comment_participer_en",
            "ville",
            "partenariat",
            "categorie",
            "public",
            "statut",
            "technologie",
            "date_debut",
            "date_fin",
            "lieu",
            "url",
            "publiee_le",
            "mis_a_jour_le",
        }
    ),
    "Lieu": frozenset(
        {
            "id",
            "identifiant_url",
            "pivot",
            "nom",
            "ville",
            "commune",
            "code_postal",
            "code_insee",
            "adresse",
            "complement_adresse",
            "latitude",
            "longitude",
            "typologie",
            "telephone",  # the place's public telephone (La Mednum schema), not a person's
            "courriels",  # the place's public email address (La Mednum schema), not a person's
            "site_web",
            "horaires",
            "ouvert_maintenant",
            "presentation_resume",
            "presentation_detail",
            "source",
            "structure_parente",
            "date_maj",
            "services",
            "publics_specifiquement_adresses",
            "prise_en_charge_specifique",
            "frais_a_charge",
            "modalites_acces",
            "modalites_accompagnement",
            "fiche_acces_libre",
            "prise_rdv",
            "url",
        }
    ),
    "LieuxGeoJSON": frozenset({"type", "features", "total", "page", "pages", "par_page", "suivante", "precedente"}),
    "EntiteLieu": frozenset({"type", "id", "geometry", "properties"}),
    "PointGeometrie": frozenset({"type", "coordinates"}),
    "ProprietesLieu": frozenset({"identifiant_url", "nom", "adresse", "url", "ouvert_maintenant"}),
    "Session": frozenset(
        {
            "id",
            "programme",
            "programme_titre",
            "programme_titre_en",
            "metier",
            "ville",
            "date_debut",
            "date_fin",
            "date_limite_inscription",
            "lieu",
            "a_distance",
            "modalites_a_distance",
            "modalites_a_distance_en",
            "informations_pratiques",
            "informations_pratiques_en",
            "places",
            "places_restantes",
            "statut",
            "inscriptions_ouvertes",
            "cout_stagiaire",
            "duree_heures",
            "url",
            "mis_a_jour_le",
        }
    ),
    "Appel": frozenset(
        {
            "id",
            "identifiant_url",
            "titre",
            "titre_en",
            "resume",
            "resume_en",
            "qui_peut_candidater",
            "qui_peut_candidater_en",
            "offre",
            "offre_en",
            "propose",
            "ville",
            "categorie",
            "initiative",
            "date_ouverture",
            "date_cloture",
            "etat",
            "recommandation_exigee",
            "url",
            "publie_le",
            "mis_a_jour_le",
        }
    ),
}

PAGE_FIELDS = frozenset({"total", "page", "pages", "par_page", "suivante", "precedente", "resultats"})
for _name in ("PagePartenariats", "PageEngagements", "PageInitiatives", "PageLieux", "PageSessions", "PageAppels"):
    PUBLIC_FIELDS[_name] = PAGE_FIELDS

# Field names that would hold a person's data; only the exceptions listed (a place's public contact) may match.
PERSONAL_NAME_PARTS = ("email", "courriel", "mail", "phone", "telephone", "tel", "contact", "personne", "nom_")
PUBLIC_CONTACT_EXCEPTIONS = frozenset({"Lieu.telephone", "Lieu.courriels"})
