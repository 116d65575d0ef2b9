"""Erasing a person: their seats in sessions not yet started go to the waitlist (people promoted are told);
the registrations themselves are deleted with the account."""

from contextlib import suppress

from django.core.exceptions import ValidationError

from .constants import RegistrationStatus
from .models import Registration
from .services import registration_cancel


def erase(user) -> None:
    for registration in Registration.objects.filter(person=user).exclude(status=RegistrationStatus.CANCELLED):
        with suppress(ValidationError):  # a session already started has no seat to give back
            registration_cancel(registration=registration, by=None)
