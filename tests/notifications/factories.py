import factory
from factory.django import DjangoModelFactory

from notifications.models import Notification


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    email = factory.Sequence(lambda n: f"destinataire{n}@example.org")
    kind = "alerts.confirm"
    language = "fr"
    idempotency_key = factory.Sequence(lambda n: f"test.event:{n}")
    context = factory.LazyFunction(
        lambda: {"confirm_url": "http://testserver/fr/", "cities": [], "categories": [], "valid_days": 7}
    )
