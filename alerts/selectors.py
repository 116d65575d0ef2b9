from django.db.models import Q, QuerySet

from .models import Subscription


def subscriptions_for_user(user) -> QuerySet[Subscription]:
    """A logged-in person's alert subscriptions (linked to the account or to its address), not stopped."""
    if not user.is_authenticated:
        return Subscription.objects.none()
    return (
        Subscription.objects.filter(Q(user=user) | Q(email=user.email.lower()), unsubscribed_at__isnull=True)
        .prefetch_related("cities", "categories")
        .order_by("email")
    )


def subscription_of_user(user, pk: int) -> Subscription | None:
    return subscriptions_for_user(user).filter(pk=pk).first()
