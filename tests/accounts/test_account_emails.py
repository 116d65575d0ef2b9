"""allauth's emails go through the outbox (issue 15): each is a Notification row of its own kind, in the
person's language (their preferred one, else the page's), sent by the task after commit, retried on SMTP
errors, never sent inside the request; superusers see them in the admin, city staff do not."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from notifications import services
from notifications.models import Notification
from tests import factories
from tests.factories import PASSWORD, UserFactory
from tests.faults import refused_url
from tests.notifications.conftest import celery_broker

pytestmark = pytest.mark.django_db


def _link(body: str) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", body).group(1)


@pytest.mark.parametrize(
    ("language", "subject"), [("fr", "Confirmez votre adresse électronique"), ("en", "Confirm your email address")]
)
def test_sign_up_records_the_confirmation_and_the_task_sends_it_in_the_page_language(
    client, mailoutbox, django_capture_on_commit_callbacks, language, subject
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/{language}/compte/signup/", {"email": "lea@example.org", "password1": PASSWORD, "password2": PASSWORD}
        )
    assert response.status_code == 302
    user = User.objects.get(email="lea@example.org")
    notification = Notification.objects.get(kind="accounts.email_confirmation_signup")
    assert (notification.recipient, notification.email, notification.language) == (user, "lea@example.org", language)
    assert (notification.status, notification.attempts) == ("sent", 1)
    assert notification.city is None  # superusers only
    assert [m.to for m in mailoutbox] == [["lea@example.org"]]
    assert mailoutbox[0].subject == subject
    # The link works: the address is confirmed, then the person logs in.
    confirm = _link(mailoutbox[0].body)
    assert f'href="http://testserver{confirm}"' in mailoutbox[0].alternatives[0][0]
    assert client.post(confirm).status_code == 302
    assert user.emailaddress_set.get().verified


def test_password_reset_goes_out_in_the_persons_language_not_the_pages(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="reset@example.org", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/fr/compte/password/reset/", {"email": "reset@example.org"}).status_code == 302
    notification = Notification.objects.get(kind="accounts.password_reset_key")
    assert (notification.recipient, notification.language, notification.status) == (user, "en", "sent")
    assert "password_reset_url" in notification.context
    assert notification.context["password_reset_url"] not in notification.idempotency_key  # the key shows no link
    assert mailoutbox[0].subject == "Choose a new password"
    reset_url = _link(mailoutbox[0].body)
    response = client.get(reset_url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    new_password = "un-tout-nouveau-mot-de-passe"
    assert client.post(form_url, {"password1": new_password, "password2": new_password}).status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_a_reset_for_an_address_without_account_is_recorded_in_the_pages_language(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/en/compte/password/reset/", {"email": "personne@example.org"}).status_code == 302
    notification = Notification.objects.get()
    assert (notification.kind, notification.recipient, notification.language) == (
        "accounts.unknown_account",
        None,
        "en",
    )
    assert mailoutbox[0].subject == "No account at this address"
    assert "/en/compte/signup/" in mailoutbox[0].body


def test_signing_up_with_an_address_already_used_tells_its_owner_through_the_outbox(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="deja@example.org", preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/compte/signup/", {"email": "deja@example.org", "password1": PASSWORD, "password2": PASSWORD})
    notification = Notification.objects.get()
    assert (notification.kind, notification.email) == ("accounts.account_already_exists", owner.email)
    assert mailoutbox[0].subject == "Un compte utilise déjà cette adresse"


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_the_request_only_records_the_email_and_the_worker_sends_it_later(client, mailoutbox):
    UserFactory(email="reset@example.org")
    with celery_broker(refused_url()):  # tasks go to a broker (here unreachable): nothing runs in the request
        response = client.post("/fr/compte/password/reset/", {"email": "reset@example.org"})
    assert response.status_code == 302
    notification = Notification.objects.get()
    assert (notification.kind, notification.status, notification.attempts) == (
        "accounts.password_reset_key",
        "pending",
        0,
    )
    assert mailoutbox == []
    services.notification_sweep()  # the broker is back (tasks in-process again): the sweep sends it
    notification.refresh_from_db()
    assert notification.status == "sent"
    assert [m.to for m in mailoutbox] == [["reset@example.org"]]


def test_an_smtp_server_answering_451_leaves_the_reset_pending_and_the_sweep_retries_it(
    client, smtp_settings, django_capture_on_commit_callbacks
):
    sink = smtp_settings
    sink.handler.data_replies = ["451 4.3.0 Essayez plus tard"]
    UserFactory(email="reset@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/compte/password/reset/", {"email": "reset@example.org"})
    assert response.status_code == 302  # was a 500 when allauth sent it inside the request
    notification = Notification.objects.get()
    assert (notification.status, notification.attempts) == ("pending", 1)
    assert "451" in notification.last_error
    assert services.notification_sweep(now=notification.next_attempt_at) == 1
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == ("sent", 2)
    assert [m["To"] for m in sink.messages] == ["reset@example.org"]


def test_superusers_see_account_emails_and_their_links_city_staff_do_not(
    client, superuser, django_capture_on_commit_callbacks
):
    UserFactory(email="reset@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fr/compte/password/reset/", {"email": "reset@example.org"})
    notification = Notification.objects.get()
    change = reverse("admin:notifications_notification_change", args=[notification.pk])
    client.force_login(superuser)
    assert "reset@example.org" in client.get(reverse("admin:notifications_notification_changelist")).content.decode()
    assert "password_reset_url" in client.get(change).content.decode()
    client.logout()
    client.force_login(factories.city_agent(factories.CityFactory(name="Paris")))
    assert (
        "reset@example.org" not in client.get(reverse("admin:notifications_notification_changelist")).content.decode()
    )
    assert client.get(change).status_code in {302, 404}
