from django.urls import path

from .views import places

app_name = "places"

urlpatterns = [
    path("", places.place_directory_view, name="list"),
    path("donnees-ouvertes/", places.open_data_view, name="open_data"),
    path("<slug:slug>/", places.place_detail_view, name="detail"),
]
