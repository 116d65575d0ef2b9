from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from config import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("donnees/", include("initiatives.urls_opendata")),  # open data, stable URLs without a language
    path("donnees/", include("partnership.urls_opendata")),  # the partnerships' figures, stable URLs
    path("donnees/", include("portal.urls_opendata")),  # the DCAT-AP catalogue of every dataset
    path("api/v1/", include(("api.urls", "api"), namespace="api")),  # the read-only query API (api/)
    path("agenda/", include("accounts.urls_feed")),  # personal calendar feeds (secret addresses)
    path("donnees/", include("awards.urls_opendata")),  # the Lutèces d'Or: nominations and laureates
    path("donnees/", include("commitments.urls_opendata")),  # commitments: attestations and answered questions
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("compte/", include("allauth.urls")),
    path("compte/", include("accounts.urls")),
    path("alertes/", include("alerts.urls")),
    path("notifications/alertes/", include("alerts.urls_legacy")),  # addresses in emails sent before the move
    path("initiatives/", include("initiatives.urls")),
    path("lieux/", include("initiatives.urls_places")),
    path("espace-sportif/", include("sports.urls")),
    path("", include("startups.urls")),  # appels/ (calls) and candidatures/ (applications)
    path("formations/", include("training.urls")),
    path("lutece-d-or/", include("awards.urls")),
    path("engagements/", include("commitments.urls")),  # attestation links, questions, evidence
    path("", include("portal.urls")),  # home, partnership pages, open-data index, legal pages
    prefix_default_language=True,
)

# Error pages that never read the request's body again (portal/errors.py says why).
handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
