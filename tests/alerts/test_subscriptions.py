"""Alert subscriptions: double opt-in, signed links, one-click unsubscribe, nothing revealed about who
is subscribed, and the profile section of logged-in people."""

import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from alerts import constants, services
from alerts.models import Subscription
from notifications.models import Notification
from tests import factories
from tests.alerts.factories import SubscriptionFactory

pytestmark = pytest.mark.django_db

SUBSCRIBE = "alerts:subscribe"


def _link(message, name: str) -> str:
    """The path of the first link to the named view in an email's text."""
    prefix = reverse(name, kwargs={"token": "X"}).split("X")[0].split("/", 2)[2]
    match = re.search(r"https?://[^/\s]+(/[a-z]{2}/" + re.escape(prefix) + r"[^\s]+)", message.body)
    assert match, message.body
    return match.group(1)


def _without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _subscribe(client, captured, **data):
    data.setdefault("language", "fr")
    with captured(execute=True):
        return client.post(reverse(SUBSCRIBE), data)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_subscribe_page_works_without_an_account_in_both_languages(client, language):
    factories.CityFactory(name="Lyon", name_en="Lyon")
    with_prefix = f"/{language}/" + reverse(SUBSCRIBE).split("/", 2)[2]
    response = client.get(with_prefix)
    assert response.status_code == 200
    content = response.content.decode()
    heading = {"fr": "Alertes : nouvelles initiatives et appels", "en": "Alerts: new initiatives and calls"}
    assert f"<h1>{heading[language]}</h1>" in content
    assert 'type="email"' in content and "Lyon" in content
    assert 'for="id_email"' in content


def test_subscribing_sends_a_confirmation_link_and_nothing_is_active_before_it_is_followed(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    lyon = factories.CityFactory(name="Lyon")
    category = factories.CategoryFactory()
    response = _subscribe(
        client,
        django_capture_on_commit_callbacks,
        email=" Habitante@Example.org ",
        cities=[lyon.pk],
        categories=[category.pk],
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("alerts:requested")
    subscription = Subscription.objects.get()
    assert subscription.email == "habitante@example.org"
    assert not subscription.is_confirmed
    assert list(subscription.cities.all()) == [lyon]
    assert len(mailoutbox) == 1
    assert "Lyon" in mailoutbox[0].body

    path = _link(mailoutbox[0], "alerts:confirm")
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirmer mon abonnement" in page.content.decode()
    subscription.refresh_from_db()
    assert not subscription.is_confirmed  # a GET (a mail scanner) changes nothing

    confirmed = client.post(path)
    assert confirmed.status_code == 200
    assert "Abonnement confirmé" in confirmed.content.decode()
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.confirmed_at is not None
    assert list(subscription.categories.all()) == [category]


def test_the_answer_is_the_same_whether_or_not_the_address_is_already_subscribed(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    lyon, paris = factories.CityFactory(name="Lyon"), factories.CityFactory(name="Paris")
    SubscriptionFactory(email="deja@example.org", cities=[lyon])
    known = _subscribe(client, django_capture_on_commit_callbacks, email="deja@example.org", cities=[paris.pk])
    unknown = _subscribe(client, django_capture_on_commit_callbacks, email="nouvelle@example.org", cities=[paris.pk])
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert _without_csrf(client.get(known["Location"])) == _without_csrf(client.get(unknown["Location"]))
    # The subscribed person's choices change only if they follow the link sent to their mailbox.
    existing = Subscription.objects.get(email="deja@example.org")
    assert list(existing.cities.all()) == [lyon]
    assert sorted(m.to[0] for m in mailoutbox) == ["deja@example.org", "nouvelle@example.org"]
    to_subscriber = next(m for m in mailoutbox if m.to == ["deja@example.org"])
    client.post(_link(to_subscriber, "alerts:confirm"))
    assert list(existing.cities.all()) == [paris]


def test_confirmation_emails_to_one_address_are_capped_per_day(client, django_capture_on_commit_callbacks, mailoutbox):
    for _request in range(constants.CONFIRMATIONS_PER_DAY + 2):
        response = _subscribe(client, django_capture_on_commit_callbacks, email="cible@example.org")
        assert response.status_code == 302
    assert len(mailoutbox) == constants.CONFIRMATIONS_PER_DAY


def test_a_tampered_confirmation_link_is_refused_with_a_clear_page(client):
    subscription = SubscriptionFactory(is_confirmed=False, confirmed_at=None)
    token = services.confirmation_token(subscription=subscription, language="fr", cities=[], categories=[])
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for method in (client.get, client.post):
        response = method(reverse("alerts:confirm", kwargs={"token": tampered}))
        assert response.status_code == 400
        assert "Lien non valide" in response.content.decode()
    subscription.refresh_from_db()
    assert not subscription.is_confirmed


def test_an_expired_confirmation_link_is_refused(client, monkeypatch):
    subscription = SubscriptionFactory(is_confirmed=False, confirmed_at=None)
    token = services.confirmation_token(subscription=subscription, language="fr", cities=[], categories=[])
    monkeypatch.setattr(constants, "CONFIRMATION_MAX_AGE", -1)
    response = client.post(reverse("alerts:confirm", kwargs={"token": token}))
    assert response.status_code == 400
    subscription.refresh_from_db()
    assert not subscription.is_confirmed


def test_the_unsubscribe_link_works_without_logging_in_and_without_a_csrf_token():
    subscription = SubscriptionFactory()
    client = Client(enforce_csrf_checks=True)
    path = reverse("alerts:unsubscribe", kwargs={"token": services.unsubscribe_token(subscription)})
    page = client.get(path)
    assert page.status_code == 200
    assert "Me désabonner" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.is_active  # following the link alone (a mail scanner) changes nothing
    # RFC 8058 one-click: the mail client posts List-Unsubscribe=One-Click to the header's URL.
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Désabonnement enregistré" in response.content.decode()
    subscription.refresh_from_db()
    assert not subscription.is_active and subscription.unsubscribed_at is not None
    assert client.post(path).status_code == 200  # twice: same answer, nothing breaks


@pytest.mark.parametrize(
    "make_token",
    [
        lambda s: services.unsubscribe_token(s)[:-2] + "xy",  # altered signature
        lambda s: signing.dumps(str(s.token), salt="another.salt"),  # signed for something else
        lambda s: services.confirmation_token(subscription=s, language="fr", cities=[], categories=[]),
        lambda s: "n-importe-quoi",
    ],
)
def test_a_tampered_unsubscribe_link_is_refused_with_a_clear_page(client, make_token):
    subscription = SubscriptionFactory()
    path = reverse("alerts:unsubscribe", kwargs={"token": make_token(subscription)})
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 400
        assert "Lien non valide" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.is_active


def test_resubscribing_after_unsubscribing_starts_a_new_window(client, django_capture_on_commit_callbacks, mailoutbox):
    subscription = SubscriptionFactory()
    services.subscription_unsubscribe(subscription=subscription)
    _subscribe(client, django_capture_on_commit_callbacks, email=subscription.email)
    client.post(_link(mailoutbox[-1], "alerts:confirm"))
    subscription.refresh_from_db()
    assert subscription.is_active
    assert subscription.last_digest_at is None
    assert subscription.confirmed_at > subscription.created_at


def test_a_logged_in_person_saves_alerts_for_their_own_address_without_a_link(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    person = factories.UserFactory(preferred_language="en")
    paris = factories.CityFactory(name="Paris")
    client.force_login(person)
    form = client.get(reverse(SUBSCRIBE))
    assert f'value="{person.email}"' in form.content.decode()
    response = _subscribe(
        client, django_capture_on_commit_callbacks, email=person.email, cities=[paris.pk], language="en"
    )
    assert response["Location"] == reverse("accounts:profile")
    subscription = Subscription.objects.get()
    assert subscription.is_active and subscription.user == person and subscription.language == "en"
    assert mailoutbox == []

    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "Mes alertes" in profile and "Paris" in profile
    stop = reverse("alerts:stop", kwargs={"pk": subscription.pk})
    assert stop in profile
    assert client.post(stop).status_code == 302
    subscription.refresh_from_db()
    assert not subscription.is_active


def test_a_logged_in_person_subscribing_another_address_goes_through_the_link(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(factories.UserFactory())
    _subscribe(client, django_capture_on_commit_callbacks, email="autre@example.org")
    subscription = Subscription.objects.get()
    assert not subscription.is_confirmed and subscription.user is None
    assert mailoutbox[0].to == ["autre@example.org"]


def test_nobody_can_stop_someone_elses_alerts_from_the_profile(client):
    subscription = SubscriptionFactory()
    client.force_login(factories.UserFactory())
    response = client.post(reverse("alerts:stop", kwargs={"pk": subscription.pk}))
    assert response.status_code == 404
    subscription.refresh_from_db()
    assert subscription.is_active
    assert client.get(reverse("alerts:stop", kwargs={"pk": subscription.pk})).status_code == 405


def test_the_profile_without_alerts_invites_to_subscribe(client):
    client.force_login(factories.UserFactory())
    content = client.get(reverse("accounts:profile")).content.decode()
    assert "Vous n'avez pas d'alerte." in content
    assert reverse(SUBSCRIBE) in content


def test_an_invalid_address_is_reported_next_to_the_field(client):
    response = client.post(reverse(SUBSCRIBE), {"email": "pas-une-adresse", "language": "fr"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_email_error"' in content
    assert "Saisissez une adresse de courriel valide." in content
    assert not Subscription.objects.exists() and not Notification.objects.exists()
