"""Open-data downloads at stable URLs outside the language prefix: /donnees/partenariats-chiffres.csv ..."""

from django.urls import path

from . import views

app_name = "partnership_data"

urlpatterns = [
    path("partenariats-chiffres.csv", views.figures_csv, name="figures_csv"),
    path("partenariats-chiffres.json", views.figures_json, name="figures_json"),
]
