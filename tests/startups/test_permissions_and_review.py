"""Who sees a file (404 for everyone else), and the review: assignment, interests, scores 0–5, weighted average."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from startups import services
from startups.constants import ApplicationStatus
from startups.models import Score
from startups.selectors import applications_for_staff
from tests.factories import CityFactory, StaffFactory, UserFactory

from .conftest import MINIMAL_PDF, complete_draft, make_city_staff, move_to
from .factories import ReviewAssignmentFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(call, city_staff):
    return move_to(complete_draft(call), ApplicationStatus.UNDER_REVIEW, city_staff)


def deck_url(application):
    return reverse("startups:pitch_deck", kwargs={"pk": application.pk})


def review_url(assignment):
    return reverse("startups:review_detail", kwargs={"pk": assignment.pk})


def test_the_applicant_downloads_their_pitch_deck(client, application):
    client.force_login(application.applicant)
    response = client.get(deck_url(application))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="deck.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_staff_of_the_city_download_it(client, application, city_staff):
    client.force_login(city_staff)
    assert client.get(deck_url(application)).status_code == 200


def test_a_reviewer_downloads_it_only_after_declaring_no_conflict(client, application, city_staff, reviewer):
    assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    client.force_login(reviewer)
    assert client.get(deck_url(application)).status_code == 404
    services.review_declare_interests(assignment=assignment, reviewer=reviewer, has_conflict=False)
    assert client.get(deck_url(application)).status_code == 200


@pytest.mark.parametrize(
    "who", ["anonymous", "another-applicant", "unassigned-reviewer", "other-city-staff", "conflicted"]
)
def test_everyone_else_gets_404(client, application, city_staff, roles, who):
    if who == "another-applicant":
        client.force_login(complete_draft(application.call).applicant)
    elif who == "unassigned-reviewer":
        client.force_login(ReviewerFactory())
    elif who == "other-city-staff":
        client.force_login(make_city_staff(CityFactory(), roles))
    elif who == "conflicted":
        reviewer = ReviewerFactory()
        assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
        services.review_declare_interests(assignment=assignment, reviewer=reviewer, has_conflict=True)
        client.force_login(reviewer)
    assert client.get(deck_url(application)).status_code == 404
    if who != "anonymous":
        assert client.get(application.get_absolute_url()).status_code == 404


def test_staff_without_the_city_or_the_permission_get_404(client, application):
    plain_staff = StaffFactory()
    application.call.initiative.partnership.city.staff.add(plain_staff)  # the city, but no role permission
    client.force_login(plain_staff)
    assert client.get(deck_url(application)).status_code == 404


def test_an_unknown_application_is_404(client, user):
    client.force_login(user)
    assert client.get(reverse("startups:pitch_deck", kwargs={"pk": 999999})).status_code == 404


# ---------------------------------------------------------------- assignment


def test_only_members_of_the_reviewers_group_can_be_assigned(application, city_staff):
    with pytest.raises(ValidationError) as error:
        services.review_assign(application=application, reviewer=UserFactory(), assigned_by=city_staff)
    assert "Évaluateurs" in error.value.message_dict["reviewer"][0]


def test_staff_of_another_city_cannot_assign(application, roles, reviewer):
    with pytest.raises(ValidationError):
        services.review_assign(
            application=application, reviewer=reviewer, assigned_by=make_city_staff(CityFactory(), roles)
        )


def test_a_reviewer_is_assigned_once_and_emailed(
    application, city_staff, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    assert mailoutbox[-1].to == [reviewer.email]
    with pytest.raises(ValidationError):
        services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)


def test_a_draft_cannot_get_a_reviewer(call, city_staff, reviewer):
    with pytest.raises(ValidationError):
        services.review_assign(application=complete_draft(call), reviewer=reviewer, assigned_by=city_staff)


# ---------------------------------------------------------------- the reviewer's pages


def test_the_reviewer_sees_only_their_assignments(client, application, city_staff, reviewer):
    mine = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    other_application = move_to(complete_draft(application.call), ApplicationStatus.UNDER_REVIEW, city_staff)
    theirs = services.review_assign(application=other_application, reviewer=ReviewerFactory(), assigned_by=city_staff)
    client.force_login(reviewer)
    page = client.get(reverse("startups:review_list")).content.decode()
    assert review_url(mine) in page
    assert review_url(theirs) not in page
    assert other_application.company_name not in page
    assert client.get(review_url(theirs)).status_code == 404


def test_the_file_is_hidden_until_no_conflict_is_declared(client, application, city_staff, reviewer):
    assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    client.force_login(reviewer)
    page = client.get(review_url(assignment)).content.decode()
    assert "Déclaration d'intérêts" in page
    assert application.product_description not in page
    assert application.siret not in page
    client.post(review_url(assignment), {"declaration": "no_conflict"})
    page = client.get(review_url(assignment)).content.decode()
    assert application.product_description in page
    assert "Innovation (×3)" in page


def test_declaring_a_conflict_closes_the_file_for_good(client, application, city_staff, reviewer):
    assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    client.force_login(reviewer)
    client.post(review_url(assignment), {"declaration": "conflict"})
    page = client.get(review_url(assignment)).content.decode()
    assert "Vous avez déclaré un conflit d'intérêts" in page
    assert application.product_description not in page
    with pytest.raises(ValidationError):
        services.review_declare_interests(assignment=assignment, reviewer=reviewer, has_conflict=False)


def test_scoring_each_criterion_with_a_comment(client, application, city_staff, reviewer):
    assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    services.review_declare_interests(assignment=assignment, reviewer=reviewer, has_conflict=False)
    innovation, team = application.call.criteria.order_by("order")
    client.force_login(reviewer)
    response = client.post(
        review_url(assignment),
        {f"score_{innovation.pk}": "4", f"comment_{innovation.pk}": "Original.", f"score_{team.pk}": "2"},
    )
    assert response.status_code == 302
    assert {(s.criterion_id, s.score, s.comment) for s in Score.objects.all()} == {
        (innovation.pk, 4, "Original."),
        (team.pk, 2, ""),
    }
    response = client.post(review_url(assignment), {f"score_{innovation.pk}": "6", f"score_{team.pk}": "2"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_scores_outside_0_to_5_are_refused_by_the_service_and_the_database(application, city_staff, reviewer):
    assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    services.review_declare_interests(assignment=assignment, reviewer=reviewer, has_conflict=False)
    criterion = application.call.criteria.first()
    with pytest.raises(ValidationError):
        services.review_score(assignment=assignment, reviewer=reviewer, scores={criterion.pk: (6, "")})
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(assignment=assignment, criterion=criterion, score=6)


def test_scoring_needs_the_declaration_and_an_application_under_review(call, application, city_staff, reviewer):
    assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    criterion = application.call.criteria.first()
    with pytest.raises(ValidationError):
        services.review_score(assignment=assignment, reviewer=reviewer, scores={criterion.pk: (3, "")})
    services.review_declare_interests(assignment=assignment, reviewer=reviewer, has_conflict=False)
    with pytest.raises(ValidationError):
        services.review_score(assignment=assignment, reviewer=ReviewerFactory(), scores={criterion.pk: (3, "")})
    services.application_transition(
        application=application, to_status=ApplicationStatus.REJECTED, actor=city_staff, message="Hors sujet."
    )
    with pytest.raises(ValidationError):
        services.review_score(assignment=assignment, reviewer=reviewer, scores={criterion.pk: (3, "")})


def test_the_weighted_average_weighs_each_criterion(application, city_staff):
    innovation, team = application.call.criteria.order_by("order")  # weights 3 and 1
    for values in ((5, 1), (3, 3)):
        reviewer = ReviewerFactory()
        assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
        services.review_declare_interests(assignment=assignment, reviewer=reviewer, has_conflict=False)
        services.review_score(
            assignment=assignment, reviewer=reviewer, scores={innovation.pk: (values[0], ""), team.pk: (values[1], "")}
        )
    row = applications_for_staff().get(pk=application.pk)
    # (5×3 + 1×1 + 3×3 + 3×1) / (3 + 1 + 3 + 1) = 28 / 8
    assert row.weighted_average == pytest.approx(3.5)
    assert row.reviewer_count == 2
    assert applications_for_staff().get(pk=complete_draft(application.call).pk).weighted_average is None


def test_assignment_factory_makes_a_reviewer_of_the_group():
    assignment = ReviewAssignmentFactory()
    assert assignment.reviewer.groups.filter(name="Évaluateurs").exists()


def test_a_reviewer_removed_from_the_group_loses_access(client, application, city_staff, reviewer):
    from accounts.roles import REVIEWERS

    assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    services.review_declare_interests(assignment=assignment, reviewer=reviewer, has_conflict=False)
    client.force_login(reviewer)
    assert client.get(deck_url(application)).status_code == 200
    assert client.get(review_url(assignment)).status_code == 200
    reviewer.groups.remove(reviewer.groups.get(name=REVIEWERS))
    assert client.get(deck_url(application)).status_code == 404
    assert client.get(review_url(assignment)).status_code == 404
    assert client.post(review_url(assignment), {}).status_code == 404
    assert client.get(application.get_absolute_url()).status_code == 404
