"""Open-data downloads at stable URLs outside the language prefix: /donnees/lutece-d-or-propositions.csv ..."""

from django.urls import path

from . import views_opendata

app_name = "awards_data"

urlpatterns = [
    path("lutece-d-or-propositions.csv", views_opendata.nominations_csv, name="nominations_csv"),
    path("lutece-d-or-propositions.json", views_opendata.nominations_json, name="nominations_json"),
    path("lutece-d-or-propositions.schema.json", views_opendata.nominations_schema, name="nominations_schema"),
    path("lutece-d-or-laureats.csv", views_opendata.laureates_csv, name="laureates_csv"),
    path("lutece-d-or-laureats.json", views_opendata.laureates_json, name="laureates_json"),
    path("lutece-d-or-laureats.schema.json", views_opendata.laureates_schema, name="laureates_schema"),
]
