import pytest
from django.core.files.base import ContentFile

from accounts.roles import CITY_STAFF, setup_roles
from startups import services
from startups.constants import ApplicationStatus
from tests.factories import StaffFactory

from .factories import (
    MINIMAL_PDF,
    ApplicationFactory,
    CallFactory,
    CriterionFactory,
    InnovationActorFactory,
    ReviewAssignmentFactory,
    ReviewerFactory,
)


@pytest.fixture
def call(db):
    call = CallFactory()
    CriterionFactory(call=call, name="Innovation", name_en="Innovation", weight=3, order=0)
    CriterionFactory(call=call, name="Équipe", name_en="Team", weight=1, order=1)
    return call


@pytest.fixture
def city(call):
    return call.initiative.partnership.city


@pytest.fixture
def roles(db):
    return setup_roles()


def make_city_staff(city, roles, **kwargs):
    staff = StaffFactory(**kwargs)
    staff.groups.add(roles[CITY_STAFF])
    city.staff.add(staff)
    return staff


@pytest.fixture
def city_staff(city, roles):
    return make_city_staff(city, roles)


@pytest.fixture
def reviewer(db):
    return ReviewerFactory()


@pytest.fixture
def pdf_bytes():
    return MINIMAL_PDF


def complete_draft(call, **kwargs):
    """A draft ready to submit: every section filled, a PDF stored, consent not yet given."""
    application = ApplicationFactory(call=call, **kwargs)
    application.pitch_deck.save("deck.pdf", ContentFile(MINIMAL_PDF), save=True)
    application.pitch_deck_name = "deck.pdf"
    application.save()
    if call.requires_recommendation:
        actor = InnovationActorFactory()
        actor.cities.add(call.initiative.partnership.city)
        services.recommendation_request(
            application=application, actor=application.applicant, organisation=actor, contact_email="reco@example.org"
        )
    return application


PATHS = {
    ApplicationStatus.DRAFT: [],
    ApplicationStatus.SUBMITTED: [ApplicationStatus.SUBMITTED],
    ApplicationStatus.UNDER_REVIEW: [ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW],
    ApplicationStatus.SHORTLISTED: [
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.SHORTLISTED,
    ],
    ApplicationStatus.ACCEPTED: [
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.ACCEPTED,
    ],
    ApplicationStatus.REJECTED: [ApplicationStatus.SUBMITTED, ApplicationStatus.REJECTED],
    ApplicationStatus.WITHDRAWN: [ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN],
}


def move_to(application, status, staff):
    """Walk an application along the lifecycle to `status` through the service."""
    for step in PATHS[status]:
        if step == ApplicationStatus.SUBMITTED:
            services.application_submit(application=application, actor=application.applicant, consent=True)
        elif step == ApplicationStatus.WITHDRAWN:
            services.application_transition(application=application, to_status=step, actor=application.applicant)
        else:
            message = "Hors du périmètre de l'appel." if step == ApplicationStatus.REJECTED else ""
            services.application_transition(application=application, to_status=step, actor=staff, message=message)
    application.refresh_from_db()
    return application


@pytest.fixture
def draft(call):
    return complete_draft(call)


@pytest.fixture
def assignment_factory():
    return ReviewAssignmentFactory
