"""Staff: notifications with filters and the error text, a retry action for failed ones; the roles' permissions
on the outbox and on the alert subscriptions."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import CITY_STAFF, setup_roles
from notifications.models import Notification
from tests import factories
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db

NOTIFICATIONS = "admin:notifications_notification_changelist"


def test_staff_filter_notifications_by_status_and_kind_and_read_the_error(client, superuser):
    failed = NotificationFactory(
        status="failed", kind="training.registration_confirmed", last_error="SMTPDataError: (554, refusé)"
    )
    sent = NotificationFactory(status="sent", sent_at=timezone.now(), kind="startups.application_submitted")
    client.force_login(superuser)
    response = client.get(reverse(NOTIFICATIONS), {"status__exact": "failed"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [failed]
    assert "SMTPDataError: (554, refusé)" in response.content.decode()
    by_kind = client.get(reverse(NOTIFICATIONS), {"kind": "startups.application_submitted"})
    assert list(by_kind.context["cl"].result_list) == [sent]
    assert "?kind=training.registration_confirmed" in by_kind.content.decode()  # the filter is offered
    detail = client.get(reverse("admin:notifications_notification_change", args=[failed.pk]))
    assert "SMTPDataError: (554, refusé)" in detail.content.decode()


def test_the_retry_action_sends_failed_notifications_again(
    client, superuser, django_capture_on_commit_callbacks, mailoutbox
):
    failed = NotificationFactory(status="failed", attempts=8, last_error="SMTPServerDisconnected")
    sent = NotificationFactory(status="sent", sent_at=timezone.now())
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(NOTIFICATIONS),
            {"action": "retry_failed", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    assert "1 notification remise en file d&#x27;envoi." in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == ("sent", 1, "")
    assert [m.to for m in mailoutbox] == [[failed.email]]


def test_city_staff_see_the_notifications_of_their_city_only(client):
    paris, lyon = factories.CityFactory(name="Paris"), factories.CityFactory(name="Lyon")
    NotificationFactory(email="a-paris@example.org", city=paris)
    NotificationFactory(email="a-lyon@example.org", city=lyon)
    NotificationFactory(email="sans-ville@example.org")
    client.force_login(factories.city_agent(paris))
    content = client.get(reverse(NOTIFICATIONS)).content.decode()
    assert "a-paris@example.org" in content
    assert "a-lyon@example.org" not in content and "sans-ville@example.org" not in content


def test_notify_can_name_the_city_of_the_event(django_capture_on_commit_callbacks):
    from notifications.services import notify

    paris = factories.CityFactory(name="Paris")
    with django_capture_on_commit_callbacks(execute=False):
        notification = notify(kind="alerts.confirm", key="k:1", email="x@example.org", city=paris)
    assert Notification.objects.get(pk=notification.pk).city == paris


def test_the_city_staff_role_may_view_notifications_and_view_or_delete_subscriptions():
    group = setup_roles()[CITY_STAFF]
    codenames = {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.filter(
            content_type__app_label__in=["notifications", "alerts"]
        ).values_list("content_type__app_label", "codename")
    }
    assert {
        "notifications.view_notification",
        "notifications.change_notification",
        "alerts.view_subscription",
        "alerts.delete_subscription",
    } <= codenames
    assert "notifications.add_notification" not in codenames and "alerts.change_subscription" not in codenames
