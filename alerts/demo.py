"""Demo alert subscriptions (invented addresses under demo.partenariats.example, one per city and one for
everything) so that the admin's city scoping and the digest can be tried. Idempotent: keyed by email.
Cities and categories are named by their slugs, as the other apps' demo rows create them."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from partnership.models import City

from .models import Subscription

SUBSCRIPTIONS = [
    {
        "email": "exemple.alertes.paris@demo.partenariats.example",
        "language": "fr",
        "cities": ["paris"],
        "categories": [],
    },
    {
        "email": "example.alerts.lyon@demo.partenariats.example",
        "language": "en",
        "cities": ["lyon"],
        "categories": ["inclusion-numerique", "formation-emploi"],
    },
    {"email": "exemple.alertes.tout@demo.partenariats.example", "language": "fr", "cities": [], "categories": []},
]


@transaction.atomic
def load() -> None:
    now = timezone.now()
    for spec in SUBSCRIPTIONS:
        subscription, _created = Subscription.objects.get_or_create(email=spec["email"])
        subscription.language = spec["language"]
        subscription.is_confirmed = True
        subscription.confirmed_at = subscription.confirmed_at or now
        subscription.unsubscribed_at = None
        subscription.full_clean()
        subscription.save()
        subscription.cities.set(City.objects.filter(slug__in=spec["cities"]))
        subscription.categories.set(Subscription.category_model().objects.filter(slug__in=spec["categories"]))
