"""The catalogue of the open-data datasets, at a stable URL outside the language prefix:
/donnees/catalogue.jsonld (DCAT-AP, JSON-LD)."""

from django.urls import path

from .opendata import catalogue_view

app_name = "portal_data"

urlpatterns = [path("catalogue.jsonld", catalogue_view, name="catalogue")]
