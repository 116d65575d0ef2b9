from .catalogue import Category, Initiative, InitiativeQuerySet
from .places import Place, PlaceQuerySet
from .reports import PlaceReport, PlaceReportStatus, PlaceReportTopic

__all__ = [
    "Category",
    "Initiative",
    "InitiativeQuerySet",
    "Place",
    "PlaceQuerySet",
    "PlaceReport",
    "PlaceReportStatus",
    "PlaceReportTopic",
]
