"""CSV export of applications that Excel in French opens cleanly: UTF-8 with a BOM, `;` between cells,
decimal commas, and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import formats
from django.utils.translation import gettext as _

from common.spreadsheets import excel_csv
from common.time import city_localtime


def _average(value) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".replace(".", ",")


def _datetime(value) -> str:
    return formats.date_format(city_localtime(value), "d/m/Y H:i") if value else ""


def applications_csv(applications: Iterable) -> str:
    """`applications` come from selectors.applications_for_staff() (average and recommendation joined)."""
    header = [
        _("Appel"),
        _("Ville"),
        _("Entreprise"),
        _("SIRET"),
        _("Forme juridique"),
        _("Stade"),
        _("Secteur"),
        _("Statut"),
        _("Déposée le"),
        _("Recommandation"),
        _("Note moyenne pondérée"),
        _("Évaluateurs"),
        _("Contact"),
        _("Courriel"),
        _("Téléphone"),
    ]

    def row(application) -> list:
        recommendation = getattr(application, "recommendation", None)
        return [
            application.call.title,
            application.call.initiative.partnership.city.name,
            application.company_name,
            application.siret,
            application.get_legal_form_display(),
            application.get_stage_display(),
            application.get_sector_display(),
            application.get_status_display(),
            _datetime(application.submitted_at),
            recommendation.get_status_display() if recommendation else _("Non demandée"),
            _average(getattr(application, "weighted_average", None)),
            getattr(application, "reviewer_count", ""),
            application.contact_name,
            application.contact_email,
            application.contact_phone,
        ]

    return excel_csv(header, (row(application) for application in applications))
