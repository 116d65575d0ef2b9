import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from notifications.models import Notification, Subscription


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    email = factory.Sequence(lambda n: f"destinataire{n}@example.org")
    kind = "notifications.alert_confirm"
    language = "fr"
    idempotency_key = factory.Sequence(lambda n: f"test.event:{n}")
    context = factory.LazyFunction(
        lambda: {"confirm_url": "http://testserver/fr/", "cities": [], "categories": [], "valid_days": 7}
    )


class SubscriptionFactory(DjangoModelFactory):
    """A confirmed subscription (two days ago), no filters: every city, every category."""

    class Meta:
        model = Subscription
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"abonne{n}@example.org")
    language = "fr"
    is_confirmed = True
    confirmed_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=2))

    @factory.post_generation
    def cities(self, create, extracted, **kwargs):
        if create and extracted:
            self.cities.set(extracted)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)
