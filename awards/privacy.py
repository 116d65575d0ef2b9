"""Erasing a person: nominations they have not confirmed go (their address is the only thing in them that
points to the person; a confirmed one keeps no address). A juror's seat stays with the city, without their
account (Juror.user is set to null by the deletion)."""

from .models import Nomination


def erase(user) -> None:
    Nomination.objects.filter(nominator_email__iexact=user.email).delete()
