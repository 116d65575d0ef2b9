"""The alert form refuses an over-long address beside the field and records nothing."""

import pytest
from django.urls import reverse

from alerts.models import Subscription
from notifications.models import Notification
from tests.field_errors import field_error

pytestmark = pytest.mark.django_db


def test_an_over_long_address_subscribes_nobody(client, mailoutbox):
    email = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 59 + ".fr"
    assert len(email) == 255
    response = client.post(reverse("alerts:subscribe"), {"email": email, "language": "fr"})
    assert response.status_code == 200
    assert "254" in field_error(response.content.decode(), "email")
    assert not Subscription.objects.exists()
    assert not Notification.objects.exists() and not mailoutbox
