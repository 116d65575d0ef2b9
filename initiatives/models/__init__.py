from .catalogue import Category, Initiative, InitiativeQuerySet
from .places import Place, PlaceQuerySet
from .sports import Booking, OpeningPeriod, Slot, SportsResource

__all__ = [
    "Booking",
    "Category",
    "Initiative",
    "InitiativeQuerySet",
    "OpeningPeriod",
    "Place",
    "PlaceQuerySet",
    "Slot",
    "SportsResource",
]
