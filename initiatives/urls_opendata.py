"""Open-data downloads at stable URLs, outside the language prefix: /donnees/initiatives.csv,
/donnees/lieux-mediation-numerique.csv ..."""

from django.urls import path

from .views import catalogue, places

app_name = "opendata"

urlpatterns = [
    path("initiatives.csv", catalogue.initiatives_csv, name="initiatives_csv"),
    path("initiatives.json", catalogue.initiatives_json, name="initiatives_json"),
    path(places.CSV_NAME, places.places_csv, name="places_csv"),
    path(places.JSON_NAME, places.places_json, name="places_json"),
]
