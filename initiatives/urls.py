from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_catalogue, name="list"),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
]
