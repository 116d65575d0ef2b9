"""Mounted at the root of the language prefix: calls under appels/, the applicant's files under candidatures/."""

from django.urls import path

from . import views

app_name = "startups"

urlpatterns = [
    path("appels/", views.call_list, name="call_list"),
    path("appels/<slug:slug>/", views.call_detail, name="call_detail"),
    path("appels/<slug:slug>/candidater/", views.application_start, name="application_start"),
    path("candidatures/", views.my_applications, name="my_applications"),
    path("candidatures/<int:pk>/", views.application_detail, name="application_detail"),
    path("candidatures/<int:pk>/etape/<slug:step>/", views.application_step, name="application_step"),
    path("candidatures/<int:pk>/retirer/", views.application_withdraw, name="application_withdraw"),
    path("candidatures/<int:pk>/presentation.pdf", views.pitch_deck_download, name="pitch_deck"),
    path("candidatures/recommandation/<str:token>/", views.recommendation_respond, name="recommendation_respond"),
    path("candidatures/evaluations/", views.review_list, name="review_list"),
    path("candidatures/evaluations/<int:pk>/", views.review_detail, name="review_detail"),
]
