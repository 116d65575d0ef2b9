"""A reviewer sees why they cannot score yet before typing anything: the reason takes the form's place."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from startups import services
from startups.constants import ApplicationStatus
from startups.models import Score

from .conftest import complete_draft, move_to

pytestmark = pytest.mark.django_db


def _review_page(client, assignment):
    response = client.get(reverse("startups:review_detail", kwargs={"pk": assignment.pk}))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.fixture
def submitted_assignment(call, city_staff, reviewer):
    application = move_to(complete_draft(call), ApplicationStatus.SUBMITTED, city_staff)
    assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    services.review_declare_interests(assignment=assignment, reviewer=reviewer, has_conflict=False)
    return assignment


def test_a_submitted_application_shows_the_reason_instead_of_the_score_form(client, submitted_assignment, reviewer):
    client.force_login(reviewer)
    content = _review_page(client, submitted_assignment)
    assert "Vous ne pouvez pas encore noter cette candidature." in content
    assert "Cette candidature est « Déposée » : elle se note quand elle est en cours d'examen" in content
    assert "Enregistrer mes notes" not in content
    assert 'name="score_' not in content
    # A post all the same (an old tab) saves nothing and shows the same reason.
    response = client.post(reverse("startups:review_detail", kwargs={"pk": submitted_assignment.pk}), {})
    assert response.status_code == 200
    assert "Vous ne pouvez pas encore noter" in html.unescape(response.content.decode())
    assert not Score.objects.exists()


def test_the_form_appears_once_the_city_puts_the_application_under_review(
    client, submitted_assignment, reviewer, city_staff
):
    services.application_transition(
        application=submitted_assignment.application, to_status=ApplicationStatus.UNDER_REVIEW, actor=city_staff
    )
    client.force_login(reviewer)
    content = _review_page(client, submitted_assignment)
    assert "Vous ne pouvez pas encore noter" not in content
    assert "Enregistrer mes notes" in content


def test_a_call_without_criteria_says_the_city_must_set_them(client, submitted_assignment, reviewer, city_staff):
    services.application_transition(
        application=submitted_assignment.application, to_status=ApplicationStatus.UNDER_REVIEW, actor=city_staff
    )
    submitted_assignment.application.call.criteria.all().delete()
    client.force_login(reviewer)
    content = _review_page(client, submitted_assignment)
    assert "L'appel n'a pas encore de critères de notation" in content
    assert "Enregistrer mes notes" not in content


def test_my_reviews_list_says_which_files_are_not_yet_to_score(client, submitted_assignment, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("startups:review_list"))
    content = html.unescape(response.content.decode())
    assert "Pas encore à noter : Cette candidature est « Déposée »" in content


def test_the_service_gives_the_same_reason(submitted_assignment, reviewer):
    criterion = submitted_assignment.application.call.criteria.first()
    with pytest.raises(ValidationError) as error:
        services.review_score(assignment=submitted_assignment, reviewer=reviewer, scores={criterion.pk: (4, "")})
    assert error.value.code == "not_under_review"
