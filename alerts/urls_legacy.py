"""The alerts' former addresses, under /notifications/alertes/ (before the alerts had their own app).

Confirmation and unsubscribe links already sent by email keep answering in place: mail clients post the
one-click unsubscribe (List-Unsubscribe-Post) to the address in the email and need not follow a redirect.
The other pages redirect permanently (308: the method and the form are kept) to their address under /alertes/.
"""

from django.urls import path

from . import views

app_name = "alerts_legacy"

urlpatterns = [
    path("", views.moved, {"name": "alerts:subscribe"}, name="subscribe"),
    path("demande-envoyee/", views.moved, {"name": "alerts:requested"}, name="requested"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<int:pk>/arreter/", views.moved, {"name": "alerts:stop"}, name="stop"),
]
