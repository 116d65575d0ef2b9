"""Factories of the places directory."""

import datetime as dt
from decimal import Decimal

import factory

from initiatives.constants import PlaceFee, PlaceKind, PlaceService, PlaceSupportMode
from tests.factories import PlaceFactory


class InclusionPlaceFactory(PlaceFactory):
    kind = PlaceKind.INCLUSION_CENTRE
    identifier = factory.Sequence(lambda n: f"lieu-test-{n}")
    latitude = Decimal("48.860000")
    longitude = Decimal("2.380000")
    opening_hours = "Mo-Fr 09:00-18:00"
    summary = "Un lieu pour apprendre le numérique."
    services = factory.LazyFunction(lambda: [PlaceService.ACCESS])
    fees = factory.LazyFunction(lambda: [PlaceFee.FREE])
    support_modes = factory.LazyFunction(lambda: [PlaceSupportMode.ONE_TO_ONE])
    data_updated_on = dt.date(2026, 11, 20)


class PlaceReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.PlaceReport"

    place = factory.SubFactory(InclusionPlaceFactory)
    topic = "horaires"
    message = "Fermé le lundi depuis septembre."
    language = "fr"
