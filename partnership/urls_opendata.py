"""Open-data downloads at stable URLs outside the language prefix: /donnees/partenariats-chiffres.csv,
/donnees/engagements.csv, each with its -excel.csv, .json and .schema.json (common/opendata.py)."""

from django.urls import path

from common.opendata import dataset_urls

from . import views
from .opendata import COMMITMENTS, FIGURES, PROCUREMENT, SCORECARD

app_name = "partnership_data"

urlpatterns = [
    *dataset_urls(FIGURES),
    *dataset_urls(COMMITMENTS),
    *dataset_urls(SCORECARD),
    *dataset_urls(PROCUREMENT),
    path("partenariats/<slug:slug>/convention-<int:pk>.pdf", views.agreement_pdf, name="agreement_pdf"),
]
