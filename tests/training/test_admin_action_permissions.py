import pytest
from django.contrib.auth.models import Permission

from tests.factories import StaffFactory
from tests.training.factories import SessionFactory, register
from training.constants import RegistrationStatus, SessionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(client):
    """Staff of the session's city who may only look at sessions and registrations."""
    session = SessionFactory()
    person = StaffFactory()
    person.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_session", "view_registration", "view_programme"])
    )
    session.programme.initiative.partnership.city.staff.add(person)
    client.force_login(person)
    return session


def test_a_viewer_cannot_cancel_sessions_or_registrations(client, viewer):
    registration = register(viewer)
    client.post(
        "/fr/admin/training/session/", {"action": "cancel_sessions", "_selected_action": [viewer.pk], "index": 0}
    )
    client.post(
        "/fr/admin/training/registration/",
        {"action": "cancel_registrations", "_selected_action": [registration.pk], "index": 0},
    )
    viewer.refresh_from_db()
    registration.refresh_from_db()
    assert viewer.status != SessionStatus.CANCELLED
    assert registration.status == RegistrationStatus.CONFIRMED
    actions = client.get("/fr/admin/training/session/").context["action_form"].fields["action"].choices
    assert "cancel_sessions" not in {value for value, _label in actions}
    assert "export_participants" in {value for value, _label in actions}
