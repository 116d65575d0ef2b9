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

from .constants import CommitmentStatus, PartnershipStatus
from .models import Commitment, Partnership
from .selectors import partnership_list
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
