from .catalogue import Category, Initiative, InitiativeQuerySet
from .places import Place, PlaceQuerySet

__all__ = [
    "Category",
    "Initiative",
    "InitiativeQuerySet",
    "Place",
    "PlaceQuerySet",
]
