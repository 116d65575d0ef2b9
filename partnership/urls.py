from django.urls import path

from . import views

app_name = "partnership"

urlpatterns = [
    path("", views.home, name="home"),
    path("partenariats/", views.partnership_index, name="list"),
    path("partenariats/<slug:slug>/", views.partnership_detail, name="detail"),
    path("confidentialite/", views.privacy, name="privacy"),
    path("mentions-legales/", views.legal, name="legal"),
]
