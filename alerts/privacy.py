"""Erasing a person: their alert subscriptions go, whether tied to the account or only to the address (the
outbox's hook erases the messages sent to them). The export finds the subscriptions tied to the account
by introspection (accounts.privacy)."""

from django.db.models import Q

from .models import Subscription


def erase(user) -> None:
    Subscription.objects.filter(Q(user=user) | Q(email__iexact=user.email)).delete()
