"""The commitments' follow-up as open data (common/opendata.py's convention), public fields only:

- /donnees/engagements-attestations.csv|json: one row per progress update shown on the partnership pages
  (awaiting the partner, confirmed, or disputed with the partner's words); never the contact's address;
- /donnees/engagements-questions.csv|json: the citizens' questions the city answered, with the answer; never
  the asker's address (it is erased once the answer is sent).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from common.opendata import Column, Dataset, latest
from common.site import absolute_url

from .constants import PUBLIC_UPDATE_STATUSES, UpdateStatus
from .models import ProgressUpdate, Question

SLUG = r"^[-a-zA-Z0-9_]+$"
_COMMITMENT = Column(
    "engagement", "Engagement", "Identifiant de l'engagement (colonne id du jeu engagements).", "integer", required=True
)
_PARTNERSHIP = Column("partenariat", "Partenariat", "Identifiant d'URL du partenariat.", required=True, pattern=SLUG)
_CITY = Column("ville", "Ville", "Identifiant de la ville (paris, lyon…).", required=True, pattern=SLUG)


def _statuses() -> str:
    with translation.override("fr"):
        return ", ".join(f"{value} ({UpdateStatus(value).label})" for value in PUBLIC_UPDATE_STATUSES)


def update_columns() -> list[Column]:
    return [
        Column("id", "Identifiant", "Identifiant numérique de la mise à jour.", "integer", required=True, unique=True),
        _COMMITMENT,
        _PARTNERSHIP,
        _CITY,
        Column(
            "avancement",
            "Avancement (%)",
            "Avancement proposé par la ville, de 0 à 100.",
            "integer",
            required=True,
            minimum=0,
            maximum=100,
        ),
        Column("realise", "Ce qui a été fait", "Ce que la ville dit avoir été fait.", required=True),
        Column("preuve_lien", "Preuve : lien", "Lien vers la preuve, s'il y en a un.", format="uri"),
        Column(
            "preuve_document",
            "Preuve : document",
            "Adresse du document PDF de preuve, publié une fois la mise à jour attestée.",
            format="uri",
        ),
        Column("statut", "Statut", "Statut : " + _statuses(), required=True, enum=tuple(PUBLIC_UPDATE_STATUSES)),
        Column(
            "proposee_le", "Proposée le", "Date à laquelle la ville a proposé la mise à jour.", "date", required=True
        ),
        Column("reponse_le", "Réponse le", "Date de la réponse du partenaire.", "date"),
        Column("atteste_par", "Attestée par", "Nom de la personne du partenaire qui a répondu."),
        Column("organisation", "Organisation", "Organisation partenaire au nom de laquelle elle a répondu."),
        Column(
            "mots_du_partenaire", "Mots du partenaire", "Ce que le partenaire a écrit (le motif d'une contestation)."
        ),
    ]


def update_rows() -> list[dict[str, Any]]:
    updates = ProgressUpdate.objects.public().with_city().order_by("pk")
    rows = []
    for update in updates:
        document = ""
        if update.evidence_public:
            document = absolute_url(reverse("commitments:evidence", kwargs={"pk": update.pk}))
        rows.append(
            {
                "id": update.pk,
                "engagement": update.commitment_id,
                "partenariat": update.commitment.partnership.slug,
                "ville": update.commitment.partnership.city.slug,
                "avancement": update.progress,
                "realise": update.summary,
                "preuve_lien": update.evidence_url,
                "preuve_document": document,
                "statut": update.status,
                "proposee_le": update.created_at.date().isoformat(),
                "reponse_le": update.responded_at.date().isoformat() if update.responded_at else "",
                "atteste_par": update.attested_by_name,
                "organisation": update.attested_by_organisation,
                "mots_du_partenaire": update.response_note,
            }
        )
    return rows


def question_columns() -> list[Column]:
    return [
        Column("id", "Identifiant", "Identifiant numérique de la question.", "integer", required=True, unique=True),
        _COMMITMENT,
        _PARTNERSHIP,
        _CITY,
        Column("question", "Question", "La question, telle que posée (sans nom ni adresse).", required=True),
        Column("reponse", "Réponse", "La réponse publiée par la ville.", required=True),
        Column("posee_le", "Posée le", "Date de la question.", "date", required=True),
        Column("repondue_le", "Répondue le", "Date de la réponse.", "date", required=True),
    ]


def question_rows() -> list[dict[str, Any]]:
    questions = Question.objects.answered().with_city().order_by("pk")
    return [
        {
            "id": question.pk,
            "engagement": question.commitment_id,
            "partenariat": question.commitment.partnership.slug,
            "ville": question.commitment.partnership.city.slug,
            "question": question.text,
            "reponse": question.answer,
            "posee_le": question.created_at.date().isoformat(),
            "repondue_le": question.answered_at.date().isoformat(),
        }
        for question in questions
    ]


UPDATES = Dataset(
    name="engagements-attestations",
    namespace="commitments_data",
    prefix="updates",
    title=_("Avancement des engagements attesté par les partenaires"),
    description=_(
        "Une ligne par mise à jour de l'avancement d'un engagement proposée par la ville : ce qui a été fait, la "
        "preuve, et la réponse du partenaire (en attente, confirmée, ou contestée avec ses mots)."
    ),
    columns=update_columns,
    rows=update_rows,
    modified=lambda: latest(ProgressUpdate.objects.public().aggregate(latest=Max("updated_at"))["latest"]),
    keywords=("numérique", "partenariat", "engagements", "attestation", "transparence"),
)
QUESTIONS = Dataset(
    name="engagements-questions",
    namespace="commitments_data",
    prefix="questions",
    title=_("Questions des habitants sur les engagements"),
    description=_(
        "Les questions posées par le public sur les engagements des partenariats, avec la réponse publiée par la "
        "ville. Ni le nom ni l'adresse des personnes."
    ),
    columns=question_columns,
    rows=question_rows,
    modified=lambda: latest(Question.objects.answered().aggregate(latest=Max("answered_at"))["latest"]),
    keywords=("numérique", "partenariat", "engagements", "questions", "transparence"),
)
