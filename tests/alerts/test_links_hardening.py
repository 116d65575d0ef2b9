import pytest
from django.core import signing
from django.core.exceptions import ValidationError

from alerts import constants
from alerts.models import Subscription
from alerts.services import subscriptions as services

pytestmark = pytest.mark.django_db


def _subscribe(client, mailoutbox, email="abonne@example.org"):
    client.post("/fr/alertes/", {"email": email, "language": "fr"})
    subscription = Subscription.objects.get(email=email)
    token = services.confirmation_token(subscription=subscription, language="fr", cities=[], categories=[])
    return subscription, token


def test_an_old_confirmation_link_does_not_resubscribe_after_unsubscribing(client, mailoutbox):
    subscription, token = _subscribe(client, mailoutbox)
    services.subscription_confirm(token=token)
    services.subscription_unsubscribe(subscription=Subscription.objects.get(pk=subscription.pk))
    with pytest.raises(ValidationError) as error:
        services.subscription_confirm(token=token)
    assert error.value.code == services.INVALID_LINK
    assert not Subscription.objects.get(pk=subscription.pk).is_active


@pytest.mark.parametrize("payload", [{"t": "pas-un-uuid"}, {"t": "123"}])
def test_a_validly_signed_link_with_a_bad_token_is_refused_cleanly(client, payload):
    token = signing.dumps(payload, salt=constants.SALT_CONFIRM, compress=True)
    with pytest.raises(ValidationError) as error:
        services.subscription_confirm(token=token)
    assert error.value.code == services.INVALID_LINK
    bad_unsubscribe = signing.dumps("pas-un-uuid", salt=constants.SALT_UNSUBSCRIBE)
    with pytest.raises(ValidationError) as error:
        services.subscription_from_unsubscribe_token(bad_unsubscribe)
    assert error.value.code == services.INVALID_LINK


def test_a_huge_city_id_is_an_invalid_choice_not_a_crash(client, demo_data):
    response = client.post(
        "/fr/alertes/",
        {"email": "x@example.org", "language": "fr", "cities": "999999999999999999999999999999"},
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
