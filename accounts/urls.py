from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/telecharger/", views.my_data_download, name="my_data_download"),
    path("agenda/", views.calendar, name="calendar"),
    path("double-authentification/", views.second_factor_setup, name="second_factor_required"),
]
