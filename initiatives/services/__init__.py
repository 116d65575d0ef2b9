"""Every write that has a rule. Views, admin actions, commands and tasks call these functions."""

from .catalogue import initiative_save
from .places import ImportReport, RefusedRow, place_save, places_import
from .reports import place_report_create, place_report_handle, place_update_reminders_send

__all__ = [
    "initiative_save",
    "ImportReport",
    "RefusedRow",
    "place_save",
    "places_import",
    "place_report_create",
    "place_report_handle",
    "place_update_reminders_send",
]
