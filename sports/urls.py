from django.urls import path

from . import views as sports

app_name = "sports"

urlpatterns = [
    path("", sports.sports_index, name="index"),
    path("mes-reservations/", sports.my_bookings_view, name="my_bookings"),
    path("creneaux/<int:pk>/reserver/", sports.booking_create_view, name="book"),
    path("reservations/<int:pk>/", sports.booking_detail_view, name="booking"),
    path("reservations/<int:pk>/agenda.ics", sports.booking_ics_view, name="booking_ics"),
    path("reservations/<int:pk>/annuler/", sports.booking_cancel_view, name="cancel"),
    path("creneaux/<int:pk>/liste-d-attente/", sports.waitlist_join_view, name="waitlist_join"),
    path("liste-d-attente/<int:pk>/quitter/", sports.waitlist_leave_view, name="waitlist_leave"),
    path("accueil/", sports.staff_day_view, name="staff_day"),
    path("accueil/reservations/<int:pk>/presence/", sports.staff_check_in_view, name="staff_check_in"),
    path("accueil/creneaux/<int:pk>/bloquer/", sports.staff_block_view, name="staff_block"),
    path("accueil/creneaux/<int:pk>/debloquer/", sports.staff_unblock_view, name="staff_unblock"),
    path("<slug:slug>/", sports.resource_detail, name="resource"),
]
