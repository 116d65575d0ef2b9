"""Simultaneous requests (PostgreSQL): the row lock and the unique constraint each let exactly one through."""

import pytest
from django.core.exceptions import ValidationError

from startups import services
from startups.constants import ApplicationStatus
from startups.models import Application, StatusChange
from tests.factories import UserFactory
from tests.races import run_together

from .conftest import complete_draft, make_city_staff, move_to
from .factories import CallFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _run_together(*jobs):
    return [
        (outcome if outcome == "ok" else "refused", value)
        for outcome, value in run_together(jobs, expected=(ValidationError,))
    ]


def test_two_simultaneous_applications_with_one_siret_one_wins(db):
    call = CallFactory()
    people = [UserFactory(), UserFactory()]
    for _ in range(5):  # a few rounds: the race window is small
        Application.objects.all().delete()
        results = _run_together(
            *[
                (lambda p=p: services.application_create(call=call, applicant=p, data={"siret": "73282932000074"}))
                for p in people
            ]
        )
        outcomes = sorted(r[0] for r in results)
        assert outcomes == ["ok", "refused"]
        refused = next(r[1] for r in results if r[0] == "refused")
        assert "siret" in refused.message_dict
        assert Application.objects.filter(call=call, siret="73282932000074").count() == 1


def test_withdraw_and_accept_at_the_same_moment_only_one_happens(db, roles):
    call = CallFactory()
    staff = make_city_staff(call.initiative.partnership.city, roles)
    for _ in range(5):
        application = move_to(complete_draft(call), ApplicationStatus.SHORTLISTED, staff)
        results = _run_together(
            lambda a=application: services.application_transition(
                application=a, to_status=ApplicationStatus.ACCEPTED, actor=staff
            ),
            lambda a=application: services.application_transition(
                application=a, to_status=ApplicationStatus.WITHDRAWN, actor=a.applicant
            ),
        )
        assert sorted(r[0] for r in results) == ["ok", "refused"]
        application.refresh_from_db()
        final = StatusChange.objects.filter(application=application, from_status=ApplicationStatus.SHORTLISTED)
        assert final.count() == 1
        assert application.status == final.get().to_status
