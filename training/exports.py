"""CSV export of a session's participants, for spreadsheets used in France (UTF-8 with BOM, ';')."""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PARIS, Session
from .selectors import session_participants

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """Text as a spreadsheet will show it; text that a spreadsheet would run as a formula is quoted."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def participants_csv(session: Session) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Nom"),
            _("Prénom"),
            _("Courriel"),
            _("Statut"),
            _("Place"),
            _("Situation"),
            _("Identifiant France Travail"),
            _("Inscrit(e) le"),
            _("Journées présent(e)"),
            _("Journées relevées"),
            _("Formation achevée"),
            _("Motivation"),
        ]
    )
    for registration in session_participants(session):
        person = registration.person
        writer.writerow(
            [
                _cell(person.last_name),
                _cell(person.first_name),
                _cell(person.email),
                registration.get_status_display(),
                registration.seat_number or "",
                registration.get_situation_display(),
                _cell(registration.france_travail_id),
                timezone.localtime(registration.queued_at, PARIS).strftime("%d/%m/%Y %H:%M"),
                registration.days_present,
                registration.days_recorded,
                _("oui") if registration.completed else _("non"),
                _cell(" ".join(registration.motivation.split())),
            ]
        )
    return buffer.getvalue()
