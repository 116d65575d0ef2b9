"""Open-data downloads at stable URLs outside the language prefix: /donnees/partenariats-chiffres.csv,
/donnees/engagements.csv, each with its -excel.csv, .json and .schema.json (common/opendata.py)."""

from common.opendata import dataset_urls

from .opendata import COMMITMENTS, FIGURES

app_name = "partnership_data"

urlpatterns = [*dataset_urls(FIGURES), *dataset_urls(COMMITMENTS)]
