"""Open-data downloads at stable URLs outside the language prefix: /donnees/engagements-attestations.csv and
/donnees/engagements-questions.csv, each with its -excel.csv, .json and .schema.json (common/opendata.py)."""

from common.opendata import dataset_urls

from .opendata import QUESTIONS, UPDATES

app_name = "commitments_data"

urlpatterns = [*dataset_urls(UPDATES), *dataset_urls(QUESTIONS)]
