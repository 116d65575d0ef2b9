"""The site's pages under the language prefix, namespace `portal` (`portal:home`, `portal:detail`,
`portal:privacy`...). Feature apps link to them by name only; none imports this app."""

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("mon-espace/", views.my_space, name="my_space"),
    path("partenariats/", views.partnership_index, name="list"),
    path("partenariats/comparer/", views.partnership_compare, name="compare"),
    path("partenariats/<slug:slug>/", views.partnership_detail, name="detail"),
    path("donnees-ouvertes/", views.open_data, name="open_data"),
    path("confidentialite/", views.privacy, name="privacy"),
    path("mentions-legales/", views.legal, name="legal"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("accessibilite/signaler/", views.accessibility_report, name="accessibility_report"),
    path("accessibilite/signalement-envoye/", views.accessibility_report_sent, name="accessibility_report_sent"),
]
