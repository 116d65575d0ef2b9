import pytest
from django.contrib.auth.models import Group

from accounts.roles import CITY_STAFF, setup_roles
from startups.constants import ApplicationStatus
from startups.models import Application
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def _make(call, status, n):
    from tests.factories import UserFactory

    for _ in range(n):
        Application.objects.create(
            call=call, applicant=UserFactory(), status=status, submitted_at="2026-11-01T10:00:00+01:00"
        )


def test_partnership_figures_count_received_and_accepted_applications(client, demo_data):
    from startups.models import Call

    call = Call.objects.filter(initiative__partnership__slug="paris-microsoft").first()
    _make(call, ApplicationStatus.SUBMITTED, 2)
    _make(call, ApplicationStatus.ACCEPTED, 1)
    Application.objects.create(call=call, applicant=StaffFactory(), status=ApplicationStatus.DRAFT)
    figures = {f.key: f.value for f in client.get("/fr/partenariats/paris-microsoft/").context["figures"]}
    assert figures["applications_received"] == 3
    assert figures["applications_accepted"] == 1
    assert figures["calls"] == Call.objects.filter(initiative__partnership__slug="paris-microsoft").count()


def test_dashboard_counts_waiting_applications_of_the_staffs_city_only(client, demo_data):
    from partnership.models import City
    from startups.models import Call

    setup_roles()
    _make(Call.objects.filter(initiative__partnership__city__slug="paris").first(), ApplicationStatus.SUBMITTED, 2)
    _make(Call.objects.filter(initiative__partnership__city__slug="lyon").first(), ApplicationStatus.SUBMITTED, 5)
    agent = StaffFactory()
    agent.groups.add(Group.objects.get(name=CITY_STAFF))
    City.objects.get(slug="paris").staff.add(agent)
    client.force_login(agent)
    response = client.get("/fr/admin/")
    widget = next(w for w in response.context["dashboard_widgets"] if "Candidatures" in w.title)
    assert {row.label: row.value for row in widget.rows}["Déposée"] == 2
