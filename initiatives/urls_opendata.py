"""Open-data downloads at stable URLs, outside the language prefix: /donnees/lieux-mediation-numerique.csv"""

from django.urls import path

from .views import places

app_name = "opendata"

urlpatterns = [
    path(places.CSV_NAME, places.places_csv, name="places_csv"),
    path(places.JSON_NAME, places.places_json, name="places_json"),
]
