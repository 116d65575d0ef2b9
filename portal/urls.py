"""The site's pages under the language prefix. The namespace stays `partnership` (`partnership:home`,
`partnership:detail`, `partnership:privacy`...): the names every template, email and app already use."""

from django.urls import path

from . import views

app_name = "partnership"

urlpatterns = [
    path("", views.home, name="home"),
    path("partenariats/", views.partnership_index, name="list"),
    path("partenariats/comparer/", views.partnership_compare, name="compare"),
    path("partenariats/<slug:slug>/", views.partnership_detail, name="detail"),
    path("donnees-ouvertes/", views.open_data, name="open_data"),
    path("confidentialite/", views.privacy, name="privacy"),
    path("mentions-legales/", views.legal, name="legal"),
]
