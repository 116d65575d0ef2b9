import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from alerts.models import Subscription


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
