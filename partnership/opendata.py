"""The partnerships as open data (common/opendata.py gives the convention and the files):

- /donnees/partenariats-chiffres.csv|json: one row per partnership, the same figures as its page
  (partnership.transparency gathers every app's);
- /donnees/engagements.csv|json: one row per commitment a partnership made, with its status and progress.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max, Prefetch
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from common.opendata import MULTI_SEPARATOR, Column, Dataset, latest
from common.site import absolute_url

from .constants import CommitmentStatus, ContributionKind, PartnershipStatus, ProcurementNature, ProcurementProcedure
from .models import Commitment, PartnerContribution, Partnership, ProcurementRecord, ScorecardClause
from .selectors import partnership_list, scorecard_labels, scorecards
from .transparency import figure_labels, partnership_figures

SLUG = r"^[-a-zA-Z0-9_]+$"

# The open-data column of each figure (the figures' keys are the code's, in English). A figure added by
# an app needs its French column here: tests/partnership/test_open_data.py fails until it has one.
FIGURE_COLUMNS = {
    "commitments": "engagements",
    "commitments_delivered": "engagements_tenus",
    "commitments_progress": "avancement_moyen_engagements",
    "initiatives": "initiatives_publiees",
    "initiatives_free_software": "initiatives_logiciel_libre",
    "initiatives_vendor": "initiatives_produits_editeur",
    "inclusion_places": "lieux_mediation_numerique",
    "bookings": "reservations_espace_sportif",
    "bookings_attended": "reservations_honorees",
    "calls": "appels_a_candidatures",
    "applications_received": "candidatures_recues",
    "applications_accepted": "candidatures_acceptees",
    "trainees_registered": "stagiaires_inscrits",
    "trainees_completed": "stagiaires_formes",
    "alert_subscribers": "abonnes_alertes_ville",
    "award_nominations": "propositions_lutece_d_or",
    "award_prizes": "prix_lutece_d_or",
}


def _french(choices) -> str:
    with translation.override("fr"):
        return ", ".join(f"{value} ({label})" for value, label in choices.choices)


def figure_columns() -> list[Column]:
    with translation.override("fr"):
        figures = [
            Column(FIGURE_COLUMNS.get(key, key), str(label), str(label) + ".", "integer", required=True, minimum=0)
            for key, label in figure_labels()
        ]
    return [
        Column(
            "partenariat", "Partenariat", "Identifiant d'URL du partenariat.", required=True, unique=True, pattern=SLUG
        ),
        Column("titre", "Titre", "Titre en français.", required=True),
        Column("ville", "Ville", "Identifiant de la ville (paris, lyon…).", required=True, pattern=SLUG),
        Column(
            "statut",
            "Statut",
            "Statut : " + _french(PartnershipStatus),
            required=True,
            enum=tuple(PartnershipStatus.values),
        ),
        Column("partenaires", "Partenaires", f"Noms des organisations partenaires, séparés par « {MULTI_SEPARATOR} »."),
        *figures,
    ]


def figure_rows() -> list[dict[str, Any]]:
    partnerships = list(partnership_list().order_by("pk"))
    figures = partnership_figures(partnerships)
    rows = []
    for partnership in partnerships:
        row = {
            "partenariat": partnership.slug,
            "titre": partnership.title_fr,
            "ville": partnership.city.slug,
            "statut": partnership.status,
            "partenaires": MULTI_SEPARATOR.join(role.organisation.name for role in partnership.roles.all()),
        }
        row.update({FIGURE_COLUMNS.get(figure.key, figure.key): figure.value for figure in figures[partnership.pk]})
        rows.append(row)
    return rows


def _modified():
    return latest(
        Partnership.objects.aggregate(latest=Max("updated_at"))["latest"],
        Commitment.history.aggregate(latest=Max("history_date"))["latest"],
    )


FIGURES = Dataset(
    name="partenariats-chiffres",
    namespace="partnership_data",
    prefix="figures",
    title=_("Chiffres des partenariats numériques"),
    description=_(
        "Une ligne par partenariat : ce qu'il a promis et ce qu'il a livré (engagements, initiatives, lieux, "
        "réservations, candidatures, stagiaires…), calculé à partir des données du portail."
    ),
    columns=figure_columns,
    rows=figure_rows,
    modified=_modified,
    keywords=("numérique", "partenariat", "transparence", "collectivité"),
    primary_key="partenariat",
)


def commitment_columns() -> list[Column]:
    return [
        Column("id", "Identifiant", "Identifiant numérique de l'engagement.", "integer", required=True, unique=True),
        Column("partenariat", "Partenariat", "Identifiant d'URL du partenariat.", required=True, pattern=SLUG),
        Column("ville", "Ville", "Identifiant de la ville (paris, lyon…).", required=True, pattern=SLUG),
        Column("intitule", "Intitulé", "Intitulé en français.", required=True),
        Column("intitule_en", "Intitulé en anglais", "Intitulé en anglais, vide s'il n'est pas traduit."),
        Column("description", "Description", "Description en français."),
        Column(
            "statut",
            "Statut",
            "Statut : " + _french(CommitmentStatus),
            required=True,
            enum=tuple(CommitmentStatus.values),
        ),
        Column(
            "avancement",
            "Avancement (%)",
            "Avancement déclaré, de 0 à 100.",
            "integer",
            required=True,
            minimum=0,
            maximum=100,
        ),
        Column(
            "initiatives",
            "Initiatives liées",
            f"Identifiants d'URL des initiatives publiées qui le réalisent, séparés par « {MULTI_SEPARATOR} » "
            "(colonne identifiant_url du jeu initiatives).",
        ),
    ]


def commitment_rows() -> list[dict[str, Any]]:
    # The catalogue's model through the relation: this app imports no feature app.
    initiatives = Commitment._meta.get_field("initiatives").related_model._default_manager
    commitments = (
        Commitment.objects.with_city()
        .prefetch_related(
            Prefetch("initiatives", queryset=initiatives.filter(is_published=True).only("slug").order_by("slug"))
        )
        .order_by("partnership_id", "order", "pk")
    )
    return [
        {
            "id": commitment.pk,
            "partenariat": commitment.partnership.slug,
            "ville": commitment.partnership.city.slug,
            "intitule": commitment.title_fr,
            "intitule_en": commitment.title_en or "",
            "description": commitment.description_fr or "",
            "statut": commitment.status,
            "avancement": commitment.progress,
            "initiatives": MULTI_SEPARATOR.join(initiative.slug for initiative in commitment.initiatives.all()),
        }
        for commitment in commitments
    ]


COMMITMENTS = Dataset(
    name="engagements",
    namespace="partnership_data",
    prefix="commitments",
    title=_("Engagements des partenariats numériques"),
    description=_(
        "Une ligne par engagement pris dans un partenariat : intitulé, statut (prévu, en cours, tenu, "
        "abandonné), avancement et initiatives qui le réalisent."
    ),
    columns=commitment_columns,
    rows=commitment_rows,
    modified=lambda: Commitment.history.aggregate(latest=Max("history_date"))["latest"],
    keywords=("numérique", "partenariat", "engagements", "transparence"),
)


# --- the scorecard: one row per line of each partnership's scorecard, missing lines included ------------------

NOT_PUBLISHED_NOTE = "Une ligne dont la colonne publie vaut false n'est pas publiée : la source ne dit rien."


def scorecard_columns() -> list[Column]:
    with translation.override("fr"):
        topics = ", ".join(f"{key} ({label})" for key, label in scorecard_labels())
    return [
        Column("partenariat", "Partenariat", "Identifiant d'URL du partenariat.", required=True, pattern=SLUG),
        Column("ville", "Ville", "Identifiant de la ville (paris, lyon…).", required=True, pattern=SLUG),
        Column(
            "rubrique",
            "Rubrique",
            "Ligne du tableau de bord : " + topics,
            required=True,
            enum=tuple(key for key, _label in scorecard_labels()),
        ),
        Column(
            "publie",
            "Publié",
            "false quand rien n'est publié sur cette rubrique. " + NOT_PUBLISHED_NOTE,
            "boolean",
            required=True,
        ),
        Column("partenaire", "Partenaire", "Nom de l'organisation qui apporte (rubrique contributions)."),
        Column(
            "nature_apport",
            "Nature de l'apport",
            "Nature de l'apport : " + _french(ContributionKind),
            enum=tuple(ContributionKind.values),
        ),
        Column("constat", "Ce qui est publié", "Ce que dit la source, en français."),
        Column("constat_en", "Ce qui est publié, en anglais", "Le même texte en anglais, vide s'il n'est pas traduit."),
        Column(
            "valeur_euros",
            "Valeur (euros)",
            "Valeur de l'apport ou montant HT du marché ; vide si non publiée.",
            "number",
            minimum=0,
        ),
        Column("base_valeur", "Base de la valeur", "Comment la valeur de l'apport est établie."),
        Column("document_url", "Convention", "Adresse de la convention publiée (PDF).", format="uri"),
        Column(
            "formats_ouverts",
            "Formats ouverts de restitution",
            f"Formats de restitution des données en fin de partenariat, séparés par « {MULTI_SEPARATOR} ».",
        ),
        Column(
            "delai_restitution_jours",
            "Délai de restitution (jours)",
            "Délai de restitution des données.",
            "integer",
            minimum=0,
        ),
        Column("marche_id", "Marché (id DECP)", "Identifiant du marché public (DECP : id), rubrique procurement."),
        Column("source_titre", "Source", "Titre du document d'où vient la ligne."),
        Column("source_url", "Lien vers la source", "Adresse de la source.", format="uri"),
        Column("source_date", "Date de la source", "Date du document source.", "date"),
    ]


def _decimal(value) -> float | None:
    return None if value is None else float(value)


def scorecard_rows() -> list[dict[str, Any]]:
    partnerships = list(Partnership.objects.select_related("city").order_by("pk"))
    cards = scorecards(partnerships)
    rows = []
    for partnership in partnerships:
        base = {"partenariat": partnership.slug, "ville": partnership.city.slug}
        for row in cards[partnership.pk]:
            if row.missing:
                rows.append({**_empty_scorecard_row(), **base, "rubrique": row.key, "publie": False})
            for item in row.items:
                rows.append(
                    {**_empty_scorecard_row(), **base, "rubrique": row.key, "publie": True, **_item_cells(item)}
                )
    return rows


def _empty_scorecard_row() -> dict[str, Any]:
    return dict.fromkeys(column.name for column in scorecard_columns())


def _item_cells(item) -> dict[str, Any]:
    cells: dict[str, Any] = {
        "source_titre": item.source_title,
        "source_url": item.source_url,
        "source_date": item.source_date.isoformat() if item.source_date else None,
    }
    if isinstance(item, PartnerContribution):
        cells.update(
            partenaire=item.organisation.name,
            nature_apport=item.kind,
            constat=item.description_fr,
            constat_en=item.description_en or "",
            valeur_euros=_decimal(item.value_eur),
            base_valeur=item.value_basis_fr or "",
        )
    elif isinstance(item, ScorecardClause):
        link = item.document_link
        cells.update(
            constat=item.statement_fr,
            constat_en=item.statement_en or "",
            document_url=absolute_url(link) if link.startswith("/") else link,
            formats_ouverts=MULTI_SEPARATOR.join(item.format_list),
            delai_restitution_jours=item.return_within_days,
        )
    elif isinstance(item, ProcurementRecord):
        cells.update(constat=item.subject, valeur_euros=_decimal(item.amount), marche_id=item.decp_id)
    return cells


def _scorecard_modified():
    return latest(
        Partnership.objects.aggregate(latest=Max("updated_at"))["latest"],
        *(
            model.history.aggregate(latest=Max("history_date"))["latest"]
            for model in (PartnerContribution, ScorecardClause, ProcurementRecord)
        ),
    )


SCORECARD = Dataset(
    name="partenariats-tableau-de-bord",
    namespace="partnership_data",
    prefix="scorecard",
    title=_("Tableau de bord des partenariats numériques"),
    description=_(
        "Une ligne par élément publié du tableau de bord de chaque partenariat, avec sa source : ce que chaque "
        "partenaire apporte et sa valeur, la convention, sa durée et son renouvellement, les clauses de sortie et "
        "de réversibilité, les standards ouverts et logiciels libres, les produits dont dépendent les initiatives, "
        "les marchés publics liés. Une rubrique sur laquelle rien n'est publié a une ligne « publie = false »."
    ),
    columns=scorecard_columns,
    rows=scorecard_rows,
    modified=_scorecard_modified,
    keywords=("numérique", "partenariat", "transparence", "convention", "réversibilité"),
    primary_key="",
)


# --- the procurement records, with the field names of the national DECP schema -----------------------------------

DECP_SCHEMA_URL = "https://github.com/139bercy/format-commande-publique"


def procurement_columns() -> list[Column]:
    return [
        Column("partenariat", "Partenariat", "Identifiant d'URL du partenariat.", required=True, pattern=SLUG),
        Column("ville", "Ville", "Identifiant de la ville (paris, lyon…).", required=True, pattern=SLUG),
        Column(
            "id",
            "Identifiant du marché",
            "DECP : id, numéro d'ordre propre à l'acheteur (1 à 16 caractères).",
            required=True,
            pattern=r"^[^&\"\\<,;\s]{1,16}$",
        ),
        Column("acheteur_id", "SIRET de l'acheteur", "DECP : acheteur.id.", required=True, pattern=r"^[0-9]{14}$"),
        Column("nature", "Nature du marché", "DECP : nature.", required=True, enum=tuple(ProcurementNature.values)),
        Column("objet", "Objet du marché", "DECP : objet.", required=True),
        Column("code_cpv", "Code CPV", "DECP : codeCPV.", pattern=r"^[0-9]{8}(-[0-9])?$"),
        Column("procedure", "Procédure", "DECP : procedure.", enum=tuple(ProcurementProcedure.values)),
        Column("duree_mois", "Durée (mois)", "DECP : dureeMois.", "integer", minimum=1),
        Column("date_notification", "Date de notification", "DECP : dateNotification.", "date", required=True),
        Column(
            "montant",
            "Montant HT (euros)",
            "DECP : montant, forfaitaire ou estimé maximum.",
            "number",
            required=True,
            minimum=1,
        ),
        Column(
            "titulaires",
            "Titulaires",
            f"DECP : titulaires, chacun « typeIdentifiant:id », séparés par « {MULTI_SEPARATOR} ».",
            required=True,
        ),
        Column("source_titre", "Source", "Titre du document d'où vient la ligne."),
        Column("source_url", "Lien vers la source", "Adresse de la source.", format="uri"),
        Column("source_date", "Date de la source", "Date du document source.", "date"),
    ]


def procurement_rows() -> list[dict[str, Any]]:
    records = ProcurementRecord.objects.with_city().order_by("partnership_id", "-notified_on", "pk")
    return [
        {
            "partenariat": record.partnership.slug,
            "ville": record.partnership.city.slug,
            "id": record.decp_id,
            "acheteur_id": record.buyer_siret,
            "nature": record.nature,
            "objet": record.subject,
            "code_cpv": record.cpv_code,
            "procedure": record.procedure,
            "duree_mois": record.duration_months,
            "date_notification": record.notified_on.isoformat(),
            "montant": float(record.amount),
            "titulaires": MULTI_SEPARATOR.join(f"{kind}:{identifier}" for kind, identifier in record.holder_list),
            "source_titre": record.source_title,
            "source_url": record.source_url,
            "source_date": record.source_date.isoformat() if record.source_date else None,
        }
        for record in records
    ]


PROCUREMENT = Dataset(
    name="partenariats-marches-publics",
    namespace="partnership_data",
    prefix="procurement",
    title=_("Marchés publics liés aux partenariats numériques"),
    description=_(
        "Une ligne par marché public lié à un partenariat, avec les noms de champs des données essentielles de "
        "la commande publique (DECP), en minuscules : id, acheteur_id (acheteur.id), nature, objet, code_cpv "
        "(codeCPV), procedure, duree_mois (dureeMois), date_notification (dateNotification), montant, titulaires."
    ),
    columns=procurement_columns,
    rows=procurement_rows,
    modified=lambda: ProcurementRecord.history.aggregate(latest=Max("history_date"))["latest"],
    keywords=("numérique", "partenariat", "commande publique", "DECP", "marchés publics"),
    primary_key="",
    conforms_to=(DECP_SCHEMA_URL,),
)
