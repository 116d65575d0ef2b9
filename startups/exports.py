"""CSV export of applications that Excel in French opens cleanly: UTF-8 with a BOM, `;` between cells,
decimal commas, and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from django.utils import formats, timezone
from django.utils.translation import gettext as _

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[\d\s().-]*")  # a phone number or a number cannot be a formula


def _cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _average(value) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".replace(".", ",")


def _datetime(value) -> str:
    return formats.date_format(timezone.localtime(value), "d/m/Y H:i") if value else ""


def applications_csv(applications: Iterable) -> str:
    """`applications` come from selectors.applications_for_staff() (average and recommendation joined)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(
        [
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
    )
    for application in applications:
        recommendation = getattr(application, "recommendation", None)
        writer.writerow(
            [
                _cell(application.call.title),
                _cell(application.call.initiative.partnership.city.name),
                _cell(application.company_name),
                _cell(application.siret),
                _cell(application.get_legal_form_display()),
                _cell(application.get_stage_display()),
                _cell(application.get_sector_display()),
                _cell(application.get_status_display()),
                _datetime(application.submitted_at),
                _cell(recommendation.get_status_display() if recommendation else _("Non demandée")),
                _average(getattr(application, "weighted_average", None)),
                getattr(application, "reviewer_count", ""),
                _cell(application.contact_name),
                _cell(application.contact_email),
                _cell(application.contact_phone),
            ]
        )
    return BOM + out.getvalue()
