"""Erasing a person: their messages and alert subscriptions go, whether tied to the account or to the address."""

from django.db.models import Q

from .models import Notification, Subscription


def erase(user) -> None:
    Notification.objects.filter(Q(recipient=user) | Q(email__iexact=user.email)).delete()
    Subscription.objects.filter(Q(user=user) | Q(email__iexact=user.email)).delete()
