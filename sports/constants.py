from django.db import models
from django.utils.translation import gettext_lazy as _

# The reminder goes out once, within this many hours before the slot (the day before).
REMINDER_HOURS_BEFORE = 24


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmée")
    CANCELLED = "cancelled", _("Annulée par la personne")
    CANCELLED_BY_STAFF = "cancelled_by_staff", _("Annulée par la ville (créneau bloqué)")


class WaitlistStatus(models.TextChoices):
    WAITING = "waiting", _("En liste d'attente")
    PROMOTED = "promoted", _("Place obtenue")
    LEFT = "left", _("Quittée par la personne")


class SlotStatus(models.TextChoices):
    OPEN = "open", _("Ouvert")
    BLOCKED = "blocked", _("Bloqué (maintenance)")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Lundi")
    TUESDAY = 1, _("Mardi")
    WEDNESDAY = 2, _("Mercredi")
    THURSDAY = 3, _("Jeudi")
    FRIDAY = 4, _("Vendredi")
    SATURDAY = 5, _("Samedi")
    SUNDAY = 6, _("Dimanche")
