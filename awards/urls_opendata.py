"""Open-data downloads at stable URLs outside the language prefix: /donnees/lutece-d-or-propositions.csv and
/donnees/lutece-d-or-laureats.csv, each with its -excel.csv, .json and .schema.json (common/opendata.py)."""

from common.opendata import dataset_urls

from .opendata import LAUREATES, NOMINATIONS

app_name = "awards_data"

urlpatterns = [*dataset_urls(NOMINATIONS), *dataset_urls(LAUREATES)]
