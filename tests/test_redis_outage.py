"""Redis down, two ways (issue 15): refusing connections (stopped) and accepting them without ever answering
(frozen, SIGSTOP). Cache and broker both point at it. Every page and action a person uses still answers
(no 500), the rows are written, the outbox keeps what it could not queue; /readyz says 503. How long each
takes is measured by bench/faults.py; here the settings that bound it are asserted."""

import contextlib

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from alerts.models import Subscription
from common import cache as fail_open_cache
from notifications.models import Notification
from tests.accounts.conftest import login
from tests.accounts.test_login_limits import logged_in
from tests.factories import PASSWORD, UserFactory
from tests.faults import SilentServer, refused_url
from tests.notifications.conftest import celery_broker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["refused", "silent"])
def redis_down(request, settings):
    """The cache (FailOpenRedisCache with the settings' timeouts) and the broker on a Redis that is down."""
    silent = SilentServer() if request.param == "silent" else contextlib.nullcontext()
    with silent as server:
        settings.CACHES = {
            "default": {
                "BACKEND": "common.cache.FailOpenRedisCache",
                "LOCATION": server.url(1) if server else refused_url(1),
                "OPTIONS": {
                    "socket_connect_timeout": django_settings.CACHE_SOCKET_TIMEOUT,
                    "socket_timeout": django_settings.CACHE_SOCKET_TIMEOUT,
                },
            }
        }
        fail_open_cache._down_until.clear()
        with celery_broker(server.url(0) if server else refused_url(0)):
            yield server
        fail_open_cache._down_until.clear()


def test_the_timeouts_that_bound_a_redis_outage_are_well_under_a_second():
    assert django_settings.CACHE_SOCKET_TIMEOUT <= 0.5
    assert django_settings.BROKER_SOCKET_TIMEOUT <= 0.5
    options = django_settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["socket_connect_timeout"] <= 0.5
    assert options["socket_timeout"] <= 0.5
    assert django_settings.CELERY_BROKER_CONNECTION_TIMEOUT <= 0.5
    assert django_settings.CELERY_TASK_PUBLISH_RETRY is False


def test_login_with_redis_down_logs_the_person_in(client, redis_down):
    user = UserFactory(email="camille@example.org")
    assert client.get("/fr/compte/login/").status_code == 200
    response = login(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_password_with_redis_down_shows_the_form_error(client, redis_down):
    UserFactory(email="camille@example.org")
    response = login(client, "camille@example.org", "mauvais-mot-de-passe")
    assert response.status_code == 200
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in response.content.decode()
    assert not logged_in(client)


def test_sign_up_with_redis_down_creates_the_account(client, redis_down):
    response = client.post(
        "/fr/compte/signup/", {"email": "nouveau@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert User.objects.filter(email="nouveau@example.org").exists()


def test_password_reset_with_redis_down_answers_and_keeps_the_email(client, redis_down):
    UserFactory(email="camille@example.org")
    response = client.post("/fr/compte/password/reset/", {"email": "camille@example.org"})
    assert response.status_code == 302


def test_a_notifying_action_with_redis_down_records_the_notification_due_for_the_sweep(client, redis_down):
    response = client.post(reverse("alerts:subscribe"), {"email": "habitante@example.org", "language": "fr"})
    assert response.status_code == 302
    assert Subscription.objects.filter(email="habitante@example.org").exists()
    notification = Notification.objects.get(email="habitante@example.org")
    assert (notification.status, notification.attempts) == ("pending", 0)
    assert notification.next_attempt_at <= timezone.now()
    if redis_down is not None:
        assert redis_down.connections >= 1  # the broker was tried, and given up by its socket timeout


def test_readyz_with_redis_down_answers_503_naming_the_broker(client, redis_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"].startswith("error")
