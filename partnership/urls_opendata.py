"""Open-data downloads at stable URLs outside the language prefix: /donnees/initiatives.csv ..."""

from django.urls import path

from . import views

app_name = "partnership_data"

urlpatterns = [
    path("initiatives.csv", views.initiatives_csv, name="initiatives_csv"),
    path("initiatives.json", views.initiatives_json, name="initiatives_json"),
    path("partenariats-chiffres.csv", views.figures_csv, name="figures_csv"),
    path("partenariats-chiffres.json", views.figures_json, name="figures_json"),
]
