"""Staff work in the admin: their city only, filters, search, bulk actions through the service, decisions, CSV."""

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from startups.constants import ApplicationStatus
from startups.models import Application, Call, StatusChange
from tests.factories import CityFactory

from .conftest import complete_draft, make_city_staff, move_to
from .factories import ApplicationFactory, CallFactory, CriterionFactory, RecommendationFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:startups_application_changelist"


@pytest.fixture
def other_call(db):
    call = CallFactory(title="Appel de Paris")
    CriterionFactory(call=call)
    return call


@pytest.fixture
def other_staff(other_call, roles):
    return make_city_staff(other_call.initiative.partnership.city, roles)


def submitted(call, staff, **kwargs):
    return move_to(complete_draft(call, **kwargs), ApplicationStatus.SUBMITTED, staff)


def test_staff_see_only_their_citys_applications_and_calls(client, call, city_staff, other_call, other_staff):
    mine = submitted(call, city_staff, company_name="Lyonnaise SAS")
    theirs = submitted(other_call, other_staff, company_name="Parisienne SAS")
    client.force_login(city_staff)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Lyonnaise SAS" in page and "Parisienne SAS" not in page
    assert client.get(reverse("admin:startups_application_change", args=[mine.pk])).status_code == 200
    hidden = client.get(reverse("admin:startups_application_change", args=[theirs.pk]))
    assert hidden.status_code in (302, 404) and "Parisienne SAS" not in hidden.content.decode()
    assert client.get(reverse("admin:startups_application_decision", args=[theirs.pk])).status_code == 404
    calls = client.get(reverse("admin:startups_call_changelist")).content.decode()
    assert call.title in calls and other_call.title not in calls


def test_filters_and_search(client, call, city_staff):
    alpha = submitted(call, city_staff, company_name="Alpha Robotique", siret="73282932000074")
    beta = submitted(call, city_staff, company_name="Beta Énergie")
    RecommendationFactory(application=beta, status="confirmed")
    client.force_login(city_staff)
    url = reverse(CHANGELIST)
    assert "Beta Énergie" not in client.get(url, {"q": "73282932000074"}).content.decode()
    assert "Alpha Robotique" in client.get(url, {"q": "alpha"}).content.decode()
    confirmed = client.get(url, {"recommandation": "confirmed"}).content.decode()
    assert "Beta Énergie" in confirmed and "Alpha Robotique" not in confirmed
    assert "Alpha Robotique" in client.get(url, {"recommandation": "none"}).content.decode()
    by_status = client.get(url, {"status__exact": "submitted", "call__id__exact": call.pk}).content.decode()
    assert "Alpha Robotique" in by_status
    by_city = client.get(url, {"ville": call.initiative.partnership.city_id}).content.decode()
    assert "Alpha Robotique" in by_city
    assert alpha.pk


def test_bulk_start_review_goes_through_the_service(client, call, city_staff, mailoutbox):
    applications = [submitted(call, city_staff) for _ in range(2)]
    draft = complete_draft(call)
    client.force_login(city_staff)
    response = client.post(
        reverse(CHANGELIST),
        {"action": "start_review", ACTION_CHECKBOX_NAME: [a.pk for a in applications] + [draft.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "2 candidatures passées à « En cours d&#x27;examen »." in page
    assert "ne peut pas passer" in page  # the draft is refused, with the reason
    statuses = set(Application.objects.filter(pk__in=[a.pk for a in applications]).values_list("status", flat=True))
    assert statuses == {ApplicationStatus.UNDER_REVIEW}
    assert StatusChange.objects.filter(to_status=ApplicationStatus.UNDER_REVIEW, actor=city_staff).count() == 2


def test_bulk_reject_asks_for_a_reason_on_an_intermediate_page(
    client, call, city_staff, mailoutbox, django_capture_on_commit_callbacks
):
    applications = [submitted(call, city_staff) for _ in range(2)]
    ids = [a.pk for a in applications]
    client.force_login(city_staff)
    page = client.post(reverse(CHANGELIST), {"action": "reject_with_reason", ACTION_CHECKBOX_NAME: ids})
    assert page.status_code == 200
    assert "Motif du refus" in page.content.decode()
    empty = client.post(reverse(CHANGELIST), {"action": "reject_with_reason", ACTION_CHECKBOX_NAME: ids, "apply": "1"})
    assert "Ce champ est obligatoire." in empty.content.decode()
    assert set(Application.objects.values_list("status", flat=True)) == {ApplicationStatus.SUBMITTED}
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(CHANGELIST),
            {
                "action": "reject_with_reason",
                ACTION_CHECKBOX_NAME: ids,
                "apply": "1",
                "message": "Le siège n'est pas dans la ville.",
            },
        )
    assert response.status_code == 302
    assert set(Application.objects.values_list("status", flat=True)) == {ApplicationStatus.REJECTED}
    assert set(StatusChange.objects.filter(to_status="rejected").values_list("message", flat=True)) == {
        "Le siège n'est pas dans la ville."
    }
    assert len(mailoutbox) == 2


def test_staff_decide_with_a_message_from_the_status_page(
    client, call, city_staff, mailoutbox, django_capture_on_commit_callbacks
):
    application = move_to(complete_draft(call), ApplicationStatus.SHORTLISTED, city_staff)
    client.force_login(city_staff)
    change = client.get(reverse("admin:startups_application_change", args=[application.pk])).content.decode()
    decision_url = reverse("admin:startups_application_decision", args=[application.pk])
    assert decision_url in change
    page = client.get(decision_url).content.decode()
    assert '<option value="accepted">Acceptée</option>' in page
    assert '<option value="under_review">' not in page
    refused = client.post(decision_url, {"to_status": "rejected", "message": ""}).content.decode()
    assert "Indiquez le motif du refus" in refused
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decision_url, {"to_status": "accepted", "message": "Bienvenue dans le programme !"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert "Bienvenue dans le programme !" in mailoutbox[0].body


def test_staff_add_a_reviewer_from_the_reviewers_group_only(client, call, city_staff):
    application = submitted(call, city_staff)
    reviewer = ReviewerFactory(email="evaluatrice@example.org")
    client.force_login(city_staff)
    url = reverse("admin:startups_application_change", args=[application.pk])
    page = client.get(url).content.decode()
    assert "evaluatrice@example.org" in page
    assert application.applicant.email not in page.split('name="assignments-__prefix__-reviewer"')[-1][:2000]
    data = {
        "assignments-TOTAL_FORMS": "1",
        "assignments-INITIAL_FORMS": "0",
        "assignments-0-reviewer": reviewer.pk,
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": str(application.status_changes.count()),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert application.assignments.get().reviewer == reviewer


def test_the_changelist_shows_the_weighted_average_and_the_recommendation(client, call, city_staff):
    application = move_to(complete_draft(call), ApplicationStatus.UNDER_REVIEW, city_staff)
    from startups import services

    reviewer = ReviewerFactory()
    assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    services.review_declare_interests(assignment=assignment, reviewer=reviewer, has_conflict=False)
    services.review_score(
        assignment=assignment, reviewer=reviewer, scores={c.pk: (4, "") for c in application.call.criteria.all()}
    )
    client.force_login(city_staff)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "4,00 / 5" in page


def test_the_pitch_deck_is_linked_from_the_change_page(client, call, city_staff):
    application = submitted(call, city_staff)
    client.force_login(city_staff)
    page = client.get(reverse("admin:startups_application_change", args=[application.pk])).content.decode()
    assert reverse("startups:pitch_deck", kwargs={"pk": application.pk}) in page


# ---------------------------------------------------------------- CSV


def test_csv_export_opens_cleanly_in_excel_in_french(client, call, city_staff):
    first = submitted(
        call, city_staff, company_name="Compost & Fils", siret="73282932000074", contact_phone="+33 6 12 34 56 78"
    )
    second = submitted(call, city_staff, company_name='=HYPERLINK("http://x")')
    RecommendationFactory(application=first, status="confirmed")
    client.force_login(city_staff)
    response = client.post(reverse(CHANGELIST), {"action": "export_csv", ACTION_CHECKBOX_NAME: [first.pk, second.pk]})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="candidatures-')
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, *body = rows
    assert header[:4] == ["Appel", "Ville", "Entreprise", "SIRET"]
    assert len(body) == 2
    by_company = {row[2]: dict(zip(header, row, strict=True)) for row in body}
    row = by_company["Compost & Fils"]
    assert row["SIRET"] == "73282932000074"
    assert row["Statut"] == "Déposée"
    assert row["Recommandation"] == "Confirmée"
    assert row["Téléphone"] == "+33612345678"  # stored in the international form
    assert '\'=HYPERLINK("http://x")' in by_company  # a formula is neutralised
    assert b";" in raw.splitlines()[0]


# ---------------------------------------------------------------- query counts


@pytest.mark.parametrize("rows", [10, 200])
def test_the_changelist_query_count_does_not_grow_with_rows(
    client, call, city_staff, rows, django_assert_max_num_queries
):
    reviewer = ReviewerFactory()
    for index in range(rows):
        application = ApplicationFactory(call=call, status=ApplicationStatus.UNDER_REVIEW)
        if index % 2:
            RecommendationFactory(application=application)
        application.assignments.create(reviewer=reviewer)
    client.force_login(city_staff)
    with django_assert_max_num_queries(14):
        response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [10, 200])
def test_the_calls_changelist_query_count_does_not_grow(client, city_staff, call, rows, django_assert_max_num_queries):
    initiative = call.initiative
    for _ in range(rows - 1):
        CallFactory(initiative=initiative)
    client.force_login(city_staff)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("admin:startups_call_changelist"))
    assert response.status_code == 200
    assert Call.objects.count() == rows


def test_a_call_gets_the_default_rubric_when_created_without_criteria(client, city_staff, call):
    from initiatives.constants import CategorySlug
    from tests.factories import CategoryFactory, InitiativeFactory

    green = InitiativeFactory(
        partnership=call.initiative.partnership, category=CategoryFactory(slug=CategorySlug.GREEN_SOFTWARE)
    )
    client.force_login(city_staff)
    response = client.post(
        reverse("admin:startups_call_add"),
        {
            "initiative": green.pk,
            "title_fr": "Appel vert",
            "title_en": "Green call",
            "slug": "appel-vert",
            "summary_fr": "Résumé",
            "eligibility_fr": "Tout le monde",
            "offer_fr": "Conseil",
            "opens_at_0": "01/01/2026",
            "opens_at_1": "10:00:00",
            "closes_at_0": "01/03/2026",
            "closes_at_1": "10:00:00",
            "criteria-TOTAL_FORMS": "0",
            "criteria-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:4000]
    names = list(Call.objects.get(slug="appel-vert").criteria.values_list("name_fr", flat=True))
    assert "Impact environnemental" in names and len(names) == 5


def test_other_city_staff_cannot_choose_an_initiative_of_another_city(client, call, other_staff):
    client.force_login(other_staff)
    page = client.get(reverse("admin:startups_call_add")).content.decode()
    assert f'<option value="{call.initiative.pk}"' not in page


def test_city_filter_lists_only_the_staffs_cities(client, call, city_staff):
    CityFactory(name="Marseille")
    client.force_login(city_staff)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Marseille" not in page


@pytest.mark.parametrize("value", ["x", "1" * 30, "-1"])
def test_city_filter_ignores_values_that_are_not_a_choice(client, call, city_staff, value):
    mine = submitted(call, city_staff, company_name="Lyonnaise SAS")
    client.force_login(city_staff)
    response = client.get(reverse(CHANGELIST), {"ville": value})
    assert response.status_code == 200
    assert mine.company_name in response.content.decode()
