"""Open-data downloads at stable URLs, outside the language prefix: /donnees/initiatives.csv,
/donnees/lieux-mediation-numerique.csv, each with its -excel.csv, .json and .schema.json (common/opendata.py)."""

from common.opendata import dataset_urls

from .opendata import INITIATIVES, PLACES

app_name = "opendata"

urlpatterns = [*dataset_urls(INITIATIVES), *dataset_urls(PLACES)]
