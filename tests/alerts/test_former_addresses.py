"""The alerts moved from /fr/notifications/alertes/ to /fr/alertes/: links already sent by email keep working
(confirmation, unsubscribe, the one-click POST of mail clients) and the other pages redirect for good."""

import pytest
from django.test import Client
from django.urls import reverse

from alerts import services
from alerts.models import Subscription
from tests import factories
from tests.alerts.factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def _former(path: str) -> str:
    """/fr/alertes/... -> /fr/notifications/alertes/... (the address the emails sent before the move carry)."""
    language, rest = path.lstrip("/").split("/", 1)
    assert rest.startswith("alertes/"), path
    return f"/{language}/notifications/{rest}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_former_subscribe_page_redirects_for_good_to_the_new_one(client, language):
    response = client.get(f"/{language}/notifications/alertes/?source=courriel")
    assert response.status_code == 308
    assert response["Location"] == f"/{language}/alertes/?source=courriel"
    assert client.get(response["Location"]).status_code == 200
    assert client.get(f"/{language}/notifications/alertes/demande-envoyee/")["Location"] == (
        f"/{language}/alertes/demande-envoyee/"
    )


def test_a_form_posted_to_the_former_address_is_redirected_with_its_method(client):
    response = client.post("/fr/notifications/alertes/", {"email": "habitant@example.org", "language": "fr"})
    assert response.status_code == 308  # 308: the browser posts the same form again to the new address
    assert response["Location"] == "/fr/alertes/"
    assert not Subscription.objects.exists()


def test_a_confirmation_link_sent_before_the_move_still_confirms(client, django_capture_on_commit_callbacks):
    lyon = factories.CityFactory(name="Lyon")
    subscription = Subscription.objects.create(email="ancien@example.org")
    token = services.confirmation_token(subscription=subscription, language="en", cities=[lyon], categories=[])
    path = _former(reverse("alerts:confirm", kwargs={"token": token}))
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirmer mon abonnement" in page.content.decode()
    response = client.post(path)
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.language == "en"
    assert list(subscription.cities.all()) == [lyon]


def test_an_unsubscribe_link_sent_before_the_move_answers_the_one_click_post_in_place():
    subscription = SubscriptionFactory()
    client = Client(enforce_csrf_checks=True)  # a mail client: no session, no form token
    path = _former(reverse("alerts:unsubscribe", kwargs={"token": services.unsubscribe_token(subscription)}))
    page = client.get(path)
    assert page.status_code == 200
    assert "Me désabonner" in page.content.decode()
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200  # answered at the former address: no redirect to follow
    assert "Désabonnement enregistré" in response.content.decode()
    subscription.refresh_from_db()
    assert not subscription.is_active


def test_a_tampered_link_at_the_former_address_is_refused_as_before(client):
    subscription = SubscriptionFactory()
    token = services.unsubscribe_token(subscription)[:-2] + "xy"
    for name in ("alerts:unsubscribe", "alerts:confirm"):
        response = client.post(_former(reverse(name, kwargs={"token": token})))
        assert response.status_code == 400
        assert "Lien non valide" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.is_active


def test_stopping_alerts_from_a_profile_page_opened_before_the_move_is_redirected_with_its_method(client):
    person = factories.UserFactory()
    subscription = SubscriptionFactory(email=person.email, user=person)
    client.force_login(person)
    response = client.post(f"/fr/notifications/alertes/{subscription.pk}/arreter/")
    assert response.status_code == 308
    assert response["Location"] == reverse("alerts:stop", kwargs={"pk": subscription.pk})
    assert client.post(response["Location"]).status_code == 302
    subscription.refresh_from_db()
    assert not subscription.is_active


def test_new_emails_carry_the_new_addresses(client, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("alerts:subscribe"), {"email": "nouveau@example.org", "language": "fr"})
    assert "/fr/alertes/confirmer/" in mailoutbox[0].body
    assert "/notifications/" not in mailoutbox[0].body
