from django.urls import path

from . import views

app_name = "commitments"

urlpatterns = [
    path("attestation/<str:token>/", views.attest, name="attest"),
    path("<int:pk>/question/", views.question, name="question"),
    path("<int:pk>/question/envoyee/", views.question_sent, name="question_sent"),
    path("preuve/<int:pk>/", views.evidence, name="evidence"),
]
