from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("alertes/", views.alerts_subscribe, name="alerts_subscribe"),
    path("alertes/demande-envoyee/", views.alerts_requested, name="alerts_requested"),
    path("alertes/confirmer/<str:token>/", views.alerts_confirm, name="alerts_confirm"),
    path("alertes/desabonnement/<str:token>/", views.alerts_unsubscribe, name="alerts_unsubscribe"),
    path("alertes/<int:pk>/arreter/", views.alerts_stop, name="alerts_stop"),
]
