"""Every write that has a rule. Views, admin actions, commands and tasks call these functions."""

from .catalogue import initiative_save
from .places import ImportReport, RefusedRow, place_save, places_import

__all__ = [
    "initiative_save",
    "ImportReport",
    "RefusedRow",
    "place_save",
    "places_import",
]
