"""Erasing a person: their places in slots to come go to the waitlist (people promoted are told), and they
leave the waitlists; the bookings themselves are deleted with the account."""

from .services import bookings_release_for_erasure


def erase(user) -> None:
    bookings_release_for_erasure(person=user)
