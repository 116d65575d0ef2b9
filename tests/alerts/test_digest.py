"""The daily digest: what is new since each subscriber's last digest, matching their filters, once."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from alerts import services, sources
from alerts.tasks import send_digests
from initiatives.models import Initiative
from notifications import constants as outbox
from notifications.models import Notification
from tests import factories
from tests.alerts.factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def _initiative(city, category, title, hours_ago=3, published=True):
    initiative = factories.InitiativeFactory(
        partnership=factories.PartnershipFactory(city=city),
        category=category,
        title=title,
        title_en=f"{title} (en)",
        is_published=published,
    )
    when = timezone.now() - timezone.timedelta(hours=hours_ago)
    Initiative.objects.filter(pk=initiative.pk).update(created_at=when, published_at=when)
    return initiative


@pytest.fixture
def catalogue():
    lyon, paris = factories.CityFactory(name="Lyon", name_en="Lyon"), factories.CityFactory(name="Paris")
    inclusion = factories.CategoryFactory(slug="inclusion-numerique")
    free_software = factories.CategoryFactory(slug="logiciel-libre")
    return {
        "lyon": lyon,
        "paris": paris,
        "inclusion": inclusion,
        "free_software": free_software,
        "lyon_inclusion": _initiative(lyon, inclusion, "Médiation à Lyon"),
        "paris_inclusion": _initiative(paris, inclusion, "Médiation à Paris"),
        "paris_free": _initiative(paris, free_software, "Logiciel libre à Paris"),
        "old": _initiative(paris, inclusion, "Ancienne initiative", hours_ago=24 * 10),
        "draft": _initiative(paris, inclusion, "Brouillon", published=False),
    }


def _digest(captured):
    with captured(execute=True):
        return services.digest_send()


def test_a_subscriber_gets_only_what_matches_their_filters_once(
    catalogue, django_capture_on_commit_callbacks, mailoutbox
):
    SubscriptionFactory(email="lyon@example.org", cities=[catalogue["lyon"]])
    SubscriptionFactory(
        email="paris-libre@example.org", cities=[catalogue["paris"]], categories=[catalogue["free_software"]]
    )
    SubscriptionFactory(email="tout@example.org")
    result = _digest(django_capture_on_commit_callbacks)
    assert (result.emails, result.subscriptions) == (3, 3)
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert "Médiation à Lyon" in bodies["lyon@example.org"]
    assert "Médiation à Paris" not in bodies["lyon@example.org"]
    assert "Logiciel libre à Paris" not in bodies["lyon@example.org"]
    assert "Logiciel libre à Paris" in bodies["paris-libre@example.org"]
    assert "Médiation" not in bodies["paris-libre@example.org"]
    everything = bodies["tout@example.org"]
    assert all(t in everything for t in ("Médiation à Lyon", "Médiation à Paris", "Logiciel libre à Paris"))
    assert "Ancienne initiative" not in everything  # before the subscription was confirmed
    assert "Brouillon" not in everything  # not published
    assert mailoutbox[0].subject.startswith("Alertes : ")

    # The next run has nothing new for anyone: no second email.
    assert _digest(django_capture_on_commit_callbacks).emails == 0
    assert len(mailoutbox) == 3
    # Something new later: only that is sent, to the subscribers it matches.
    _initiative(catalogue["lyon"], catalogue["inclusion"], "Nouvelle à Lyon", hours_ago=0)
    assert _digest(django_capture_on_commit_callbacks).emails == 2
    latest = {m.to[0]: m.body for m in mailoutbox[3:]}
    assert set(latest) == {"lyon@example.org", "tout@example.org"}
    assert "Nouvelle à Lyon" in latest["lyon@example.org"]
    assert "Médiation à Lyon" not in latest["lyon@example.org"]


def test_unconfirmed_and_unsubscribed_people_get_nothing(catalogue, django_capture_on_commit_callbacks, mailoutbox):
    SubscriptionFactory(email="pas-confirme@example.org", is_confirmed=False, confirmed_at=None)
    stopped = SubscriptionFactory(email="parti@example.org")
    services.subscription_unsubscribe(subscription=stopped)
    assert _digest(django_capture_on_commit_callbacks).emails == 0
    assert mailoutbox == []


def test_the_digest_has_a_one_click_unsubscribe_link_and_headers(
    catalogue, django_capture_on_commit_callbacks, mailoutbox
):
    subscription = SubscriptionFactory()
    _digest(django_capture_on_commit_callbacks)
    message = mailoutbox[0]
    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<(http://[^>]+)>", header).group(1)
    assert url in message.body and url in message.alternatives[0][0]
    # The mail client's one-click POST, without a session or a CSRF token.
    response = Client(enforce_csrf_checks=True).post(url.split("://", 1)[1].split("/", 1)[1].join(["/", ""]))
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert not subscription.is_active


def test_the_digest_is_written_in_the_subscribers_language(catalogue, django_capture_on_commit_callbacks, mailoutbox):
    SubscriptionFactory(email="en@example.org", language="en", cities=[catalogue["lyon"]])
    SubscriptionFactory(email="fr@example.org", language="fr", cities=[catalogue["lyon"]])
    _digest(django_capture_on_commit_callbacks)
    by_address = {m.to[0]: m for m in mailoutbox}
    english, french = by_address["en@example.org"], by_address["fr@example.org"]
    assert english.subject == "Alerts: 1 new item"
    assert "New initiatives" in english.body and "Médiation à Lyon (en)" in english.body
    assert "/en/initiatives/" in english.body and "Unsubscribe in one click" in english.body
    assert french.subject == "Alertes : 1 nouveauté"
    assert "Nouvelles initiatives" in french.body and "/fr/initiatives/" in french.body


def test_a_subscription_tied_to_an_account_follows_the_accounts_preferred_language(
    catalogue, django_capture_on_commit_callbacks, mailoutbox
):
    """The outbox's one rule: the person's preferred language, else the subscription's, else French."""
    person = factories.UserFactory(email="compte@example.org", preferred_language="en")
    SubscriptionFactory(email=person.email, user=person, language="fr", cities=[catalogue["lyon"]])
    _digest(django_capture_on_commit_callbacks)
    (message,) = mailoutbox
    assert message.subject == "Alerts: 1 new item"
    assert "/en/initiatives/" in message.body and "/en/alertes/desabonnement/" in message.body
    assert Notification.objects.get().recipient == person


def test_other_apps_plug_their_items_into_the_digest(
    catalogue, monkeypatch, django_capture_on_commit_callbacks, mailoutbox
):
    now = timezone.now()
    calls = [
        {
            "title": "Appel sans ville",
            "url": "/fr/candidatures/appel-1/",
            "created_at": now - timezone.timedelta(hours=1),
        },
        {
            "title_fr": "Appel à Paris",
            "title_en": "Call in Paris",
            "url": "/fr/candidatures/appel-2/",
            "city_id": catalogue["paris"].pk,
            "category_id": None,
            "created_at": now - timezone.timedelta(hours=1),
        },
    ]
    real_sources = sources.alert_sources()
    fake = sources.AlertSource(app_label="startups", label="Nouveaux appels", new_items=lambda since, until: calls)
    monkeypatch.setattr(sources, "alert_sources", lambda: [*real_sources, fake])
    SubscriptionFactory(email="paris@example.org", cities=[catalogue["paris"]])
    SubscriptionFactory(email="tout@example.org")
    _digest(django_capture_on_commit_callbacks)
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert "Nouveaux appels" in bodies["tout@example.org"]
    assert "Appel sans ville" in bodies["tout@example.org"] and "Appel à Paris" in bodies["tout@example.org"]
    assert "Appel à Paris" in bodies["paris@example.org"]
    assert "Appel sans ville" not in bodies["paris@example.org"]  # no city: only for people without a city filter


def test_the_registry_finds_the_alerts_module_of_each_local_app():
    found = {source.app_label: source for source in sources.alert_sources()}
    assert "initiatives" in found
    assert str(found["initiatives"].label) == "Nouvelles initiatives"
    assert "partnership" not in found  # no partnership/alerts.py


def test_a_digest_run_twice_for_the_same_window_makes_one_email(
    catalogue, django_capture_on_commit_callbacks, mailoutbox
):
    subscription = SubscriptionFactory()
    until = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        services.digest_send(until=until)
    # As if a second worker had read the subscription before the first one moved its window on.
    type(subscription).objects.filter(pk=subscription.pk).update(last_digest_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.digest_send(until=until)
    assert Notification.objects.filter(kind="alerts.digest").count() == 1
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("subscribers", [10, 200])
def test_building_the_digest_takes_the_same_number_of_queries_for_10_or_200_subscribers(
    catalogue, subscribers, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    for index in range(subscribers):
        SubscriptionFactory(cities=[catalogue["paris"] if index % 2 else catalogue["lyon"]])
    with django_assert_max_num_queries(20), django_capture_on_commit_callbacks(execute=False) as queued:
        result = services.digest_send()
    assert result.emails == subscribers
    assert len(queued) == 1


def test_the_digest_task_sends_each_chunk_over_one_smtp_connection(
    catalogue, smtp_settings, django_capture_on_commit_callbacks
):
    sink = smtp_settings
    for _index in range(outbox.CHUNK_SIZE + 5):
        SubscriptionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == outbox.CHUNK_SIZE + 5
    assert sink.count == outbox.CHUNK_SIZE + 5
    assert sink.connections == 2
    assert Notification.objects.filter(status="sent").count() == outbox.CHUNK_SIZE + 5
