"""CSV export of a session's participants, for spreadsheets used in France (UTF-8 with BOM, ';')."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common.spreadsheets import excel_csv
from common.time import city_localtime

from .models import Session
from .selectors import session_participants


def participants_csv(session: Session) -> str:
    header = [
        _("Nom"),
        _("Prénom"),
        _("Courriel"),
        _("Statut"),
        pgettext("siège", "Place"),  # a seat: gettext("Place") is a place's word in another catalogue
        _("Situation"),
        _("Identifiant France Travail"),
        _("Inscrit·e le"),
        _("Journées présent·e"),
        _("Journées relevées"),
        _("Formation achevée"),
        _("Motivation"),
    ]

    def row(registration) -> list:
        person = registration.person
        return [
            person.last_name,
            person.first_name,
            person.email,
            registration.get_status_display(),
            registration.seat_number or "",
            registration.get_situation_display(),
            registration.france_travail_id,
            city_localtime(registration.queued_at).strftime("%d/%m/%Y %H:%M"),
            registration.days_present,
            registration.days_recorded,
            _("oui") if registration.completed else _("non"),
            " ".join(registration.motivation.split()),
        ]

    return excel_csv(header, (row(registration) for registration in session_participants(session)))
