from django.urls import path

from .views import places

app_name = "places"

urlpatterns = [
    path("", places.place_directory_view, name="list"),
    path("donnees-ouvertes/", places.open_data_view, name="open_data"),
    path("<slug:slug>/", places.place_detail_view, name="detail"),
    path("<slug:slug>/fiche-a-imprimer/", places.place_print_view, name="print"),
    path("<slug:slug>/signaler-une-erreur/", places.place_report_view, name="report"),
    path("<slug:slug>/signaler-une-erreur/merci/", places.place_report_sent_view, name="report_sent"),
]
