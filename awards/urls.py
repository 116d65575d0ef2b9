from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("", views.index, name="index"),
    path("confirmer/<str:token>/", views.nomination_confirm, name="nomination_confirm"),
    path("vote/<str:token>/", views.vote_confirm, name="vote_confirm"),
    path("<slug:slug>/", views.edition, name="edition"),
    path("<slug:slug>/laureats/", views.laureates, name="laureates"),
    path("<slug:slug>/proposer/", views.nominate, name="nominate"),
    path("<slug:slug>/proposition-envoyee/", views.nomination_sent, name="nomination_sent"),
    path("<slug:slug>/voter/<slug:category>/", views.vote, name="vote"),
    path("<slug:slug>/jury/", views.jury, name="jury"),
    path("<slug:slug>/jury/declaration/", views.jury_declaration, name="jury_declaration"),
    path("<slug:slug>/jury/propositions/<int:pk>/", views.jury_nomination, name="jury_nomination"),
]
