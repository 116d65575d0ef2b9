from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("mes-inscriptions/", views.my_registrations, name="my_registrations"),
    path("inscriptions/<int:pk>/annulation/", views.registration_cancel, name="registration_cancel"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/inscription/", views.session_register, name="session_register"),
    path("sessions/<int:pk>/calendrier.ics", views.session_calendar, name="session_ics"),
    path("gestion/sessions/<int:pk>/presences/", views.staff_attendance, name="staff_attendance"),
    path("gestion/sessions/<int:pk>/participants.csv", views.staff_participants_csv, name="staff_participants_csv"),
    path("<slug:slug>/", views.programme_detail, name="programme_detail"),
]
