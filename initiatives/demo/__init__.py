"""Demo data of the catalogue and the places (after partnership/demo.py, which loads the cities, partnerships
and commitments they hang on). Idempotent."""

from django.db import transaction

from . import catalogue, places


@transaction.atomic
def load() -> None:
    places.load_places()
    catalogue.load()
