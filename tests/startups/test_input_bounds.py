"""Over-long answers in the application, the recommendation, the review and the staff decision forms are
refused beside their field, in French and English; nothing is saved and a draft keeps what it had."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from startups import services
from startups.constants import ApplicationStatus, RecommendationStatus
from startups.models import Application, Recommendation, Score, StatusChange
from tests.factories import UserFactory
from tests.field_errors import field_error, form_data, length_error, too_long

from .conftest import complete_draft, move_to
from .factories import ApplicationFactory, CallFactory, InnovationActorFactory

pytestmark = pytest.mark.django_db


def step_url(application, step):
    return reverse("startups:application_step", kwargs={"pk": application.pk, "step": step})


def snapshot(application) -> dict:
    return Application.objects.filter(pk=application.pk).values().get()


@pytest.mark.parametrize(
    ("step", "name", "limit"),
    [
        ("entreprise", "company_name", 200),
        ("projet", "product_description", 5000),
        ("projet", "sought", 3000),
        ("contact", "contact_name", 200),
    ],
)
def test_an_over_long_answer_saved_as_a_draft_is_refused_beside_its_field_and_the_draft_keeps_its_text(
    client, call, step, name, limit
):
    application = ApplicationFactory(call=call)
    before = snapshot(application)
    history = application.history.count()
    client.force_login(application.applicant)
    response = client.post(step_url(application, step), {name: too_long(limit), "action": "draft"})
    assert response.status_code == 200
    assert field_error(response.content.decode(), name) == length_error(limit)
    assert snapshot(application) == before
    assert application.history.count() == history


def test_the_message_is_in_english_on_the_english_pages(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    with translation.override("en"):
        url = step_url(application, "projet")
    assert url.startswith("/en/")
    response = client.post(url, {"product_description": too_long(5000), "action": "draft"})
    assert field_error(response.content.decode(), "product_description") == length_error(5000, "en")


def test_the_green_calls_impact_answers_are_bounded_too(client):
    green = CallFactory(green=True)
    application = ApplicationFactory(call=green)
    assert green.is_green
    client.force_login(application.applicant)
    response = client.post(step_url(application, "projet"), {"environmental_impact": too_long(5000), "action": "next"})
    assert field_error(response.content.decode(), "environmental_impact") == length_error(5000)
    assert snapshot(application)["environmental_impact"] == "Moins de papier."


def test_a_website_address_over_200_characters_is_refused_beside_the_field(client, call):
    application = ApplicationFactory(call=call, website="https://compost.example.fr")
    client.force_login(application.applicant)
    url = "https://exemple.fr/" + "a" * 190
    response = client.post(step_url(application, "entreprise"), {"website": url, "action": "draft"})
    assert "200" in field_error(response.content.decode(), "website")
    assert snapshot(application)["website"] == "https://compost.example.fr"


def test_a_new_application_with_an_over_long_name_creates_nothing(client, call):
    client.force_login(UserFactory())
    start = reverse("startups:application_start", kwargs={"slug": call.slug})
    response = client.post(start, {"company_name": too_long(200), "action": "draft"})
    assert field_error(response.content.decode(), "company_name") == length_error(200)
    assert not Application.objects.exists()


def test_the_service_refuses_what_the_form_would_have_refused(call):
    """full_clean() in the service: an import, a script or a future form cannot store more."""
    application = ApplicationFactory(call=call)
    before = snapshot(application)
    with pytest.raises(ValidationError) as error:
        services.application_update(
            application=application, actor=application.applicant, data={"product_description": too_long(5000)}
        )
    assert error.value.message_dict == {"product_description": [length_error(5000)]}
    assert snapshot(application) == before


def test_a_phone_number_is_a_french_phone_number(client, call):
    application = ApplicationFactory(call=call, contact_phone="+33123456789")
    client.force_login(application.applicant)
    for typed in ("<b>appelez-moi</b>", "abc", "12", "01 23 45 67", "+44 20 7946 0958"):
        response = client.post(step_url(application, "contact"), {"contact_phone": typed, "action": "draft"})
        assert "01 23 45 67 89 ou +33 1 23 45 67 89" in field_error(response.content.decode(), "contact_phone")
        assert snapshot(application)["contact_phone"] == "+33123456789"
    for typed in ("01 23 45 67 89", "0123456789", "+33 1 23 45 67 89", "+33123456789", "+33 (0)1.23.45.67-89"):
        response = client.post(step_url(application, "contact"), {"contact_phone": "06 12 34 56 78", "action": "draft"})
        response = client.post(step_url(application, "contact"), {"contact_phone": typed, "action": "draft"})
        assert response.status_code == 302, typed
        assert snapshot(application)["contact_phone"] == "+33123456789", typed  # one stored form


def test_a_wrong_phone_number_is_explained_in_english(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    url = step_url(application, "contact").replace("/fr/", "/en/", 1)
    response = client.post(url, {"contact_phone": "abc", "action": "draft"})
    assert "01 23 45 67 89 or +33 1 23 45 67 89" in field_error(response.content.decode(), "contact_phone")


def test_an_over_long_recommender_address_is_refused_and_nobody_is_asked(client, mailoutbox):
    call = CallFactory(requires_recommendation=True)
    actor = InnovationActorFactory()
    actor.cities.add(call.initiative.partnership.city)
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    email = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 59 + ".fr"
    assert len(email) == 255
    response = client.post(
        step_url(application, "recommandation"), {"organisation": actor.pk, "contact_email": email, "action": "next"}
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "contact_email")
    assert not Recommendation.objects.exists()
    assert not mailoutbox


def test_an_over_long_withdrawal_message_withdraws_nothing(client, call, city_staff):
    application = move_to(complete_draft(call), ApplicationStatus.SUBMITTED, city_staff)
    client.force_login(application.applicant)
    url = reverse("startups:application_withdraw", kwargs={"pk": application.pk})
    response = client.post(url, {"message": too_long(2000)})
    assert field_error(response.content.decode(), "message") == length_error(2000)
    assert snapshot(application)["status"] == ApplicationStatus.SUBMITTED


def test_an_over_long_recommendation_comment_records_no_answer(client, mailoutbox):
    call = CallFactory(requires_recommendation=True)
    actor = InnovationActorFactory()
    actor.cities.add(call.initiative.partnership.city)
    application = ApplicationFactory(call=call)
    recommendation = services.recommendation_request(
        application=application, actor=application.applicant, organisation=actor, contact_email="reco@example.org"
    )
    url = reverse("startups:recommendation_respond", kwargs={"token": services.recommendation_token(recommendation)})
    response = client.post(url, {"decision": "confirm", "comment": too_long(2000)})
    assert field_error(response.content.decode(), "comment") == length_error(2000)
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.comment) == (RecommendationStatus.PENDING, "")


def test_an_over_long_review_comment_keeps_the_previous_scores(client, call, city_staff, reviewer):
    application = move_to(complete_draft(call), ApplicationStatus.UNDER_REVIEW, city_staff)
    assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    services.review_declare_interests(assignment=assignment, reviewer=reviewer, has_conflict=False)
    innovation, team = call.criteria.order_by("order")
    services.review_score(
        assignment=assignment, reviewer=reviewer, scores={innovation.pk: (4, "Solide."), team.pk: (2, "")}
    )
    client.force_login(reviewer)
    url = reverse("startups:review_detail", kwargs={"pk": assignment.pk})
    response = client.post(
        url,
        {
            f"score_{innovation.pk}": "5",
            f"comment_{innovation.pk}": too_long(2000),
            f"score_{team.pk}": "3",
        },
    )
    assert field_error(response.content.decode(), f"comment_{innovation.pk}") == length_error(2000)
    assert set(Score.objects.values_list("criterion_id", "score", "comment")) == {
        (innovation.pk, 4, "Solide."),
        (team.pk, 2, ""),
    }


def test_an_over_long_staff_message_changes_no_status(client, call, city_staff, mailoutbox):
    application = move_to(complete_draft(call), ApplicationStatus.SHORTLISTED, city_staff)
    client.force_login(city_staff)
    mailoutbox.clear()
    url = reverse("admin:startups_application_decision", args=[application.pk])
    response = client.post(url, {"to_status": "accepted", "message": too_long(5000)})
    assert response.status_code == 200
    assert length_error(5000) in response.content.decode()
    assert response.context["form"].errors["message"] == [length_error(5000)]
    assert snapshot(application)["status"] == ApplicationStatus.SHORTLISTED
    assert not StatusChange.objects.filter(to_status=ApplicationStatus.ACCEPTED).exists()
    assert not mailoutbox


def test_an_over_long_bulk_rejection_reason_rejects_nobody(client, call, city_staff):
    application = move_to(complete_draft(call), ApplicationStatus.SUBMITTED, city_staff)
    client.force_login(city_staff)
    response = client.post(
        reverse("admin:startups_application_changelist"),
        {
            "action": "reject_with_reason",
            ACTION_CHECKBOX_NAME: [application.pk],
            "apply": "1",
            "message": too_long(5000),
        },
    )
    assert response.status_code == 200
    assert length_error(5000) in response.content.decode()
    assert snapshot(application)["status"] == ApplicationStatus.SUBMITTED


def test_an_over_long_call_text_in_the_admin_is_refused_beside_the_field(client, call, city_staff):
    client.force_login(city_staff)
    url = reverse("admin:startups_call_change", args=[call.pk])
    data = form_data(client.get(url).content.decode())
    assert client.post(url, data).status_code == 302  # the page as it is saves
    response = client.post(url, {**data, "offer_fr": too_long(5000)})
    assert response.status_code == 200
    assert field_error(response.content.decode(), "offer_fr") == length_error(5000)
    assert response.context["adminform"].form.errors.keys() == {"offer_fr"}
    call.refresh_from_db()
    assert call.offer_fr == "Conseil et mentorat."
