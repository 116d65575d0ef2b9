import pytest

from accounts.privacy import user_erase
from tests.accounts.test_privacy import rows_mentioning
from tests.factories import UserFactory
from tests.training.factories import SessionFactory, register
from training.constants import RegistrationStatus
from training.models import Registration

pytestmark = pytest.mark.django_db


def test_erasing_a_trainee_gives_the_seat_to_the_waitlist_and_leaves_nothing(
    mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=1)
    leaving = UserFactory(email="part@example.org", last_name="Vadrouille")
    with django_capture_on_commit_callbacks(execute=True):
        register(session, leaving, motivation="Motivation très singulière de Vadrouille")
        waiting = register(session)
    assert waiting.status == RegistrationStatus.WAITLISTED
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        user_erase(user=leaving)

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mailoutbox] == [[waiting.person.email]]
    assert not Registration.objects.filter(person_id=leaving.pk).exists()
    for value in ("part@example.org", "Vadrouille"):
        assert rows_mentioning(value) == [], value


def test_partnership_page_counts_trainees_registered_and_completed(client):
    session = SessionFactory(capacity=2)
    first, _second = register(session), register(session)
    register(session)  # waitlisted: not counted
    Registration.objects.filter(pk=first.pk).update(completed=True)
    partnership = session.programme.initiative.partnership
    figures = {f.key: f.value for f in client.get(partnership.get_absolute_url()).context["figures"]}
    assert figures["trainees_registered"] == 2
    assert figures["trainees_completed"] == 1
