"""Public call pages, the applicant's and reviewer's lists (query counts at 10 and 200 rows), alerts, demo data."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import setup_roles
from startups import alerts, services
from startups.constants import ApplicationStatus
from startups.models import Call, StatusChange
from tests.factories import UserFactory

from .conftest import complete_draft, make_city_staff
from .factories import ApplicationFactory, CallFactory, CriterionFactory, RecommendationFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_open_and_upcoming_calls_only(client):
    now = timezone.now()
    CallFactory(title="Appel ouvert")
    CallFactory(title="Appel à venir", opens_at=now + timedelta(days=3), closes_at=now + timedelta(days=30))
    CallFactory(title="Appel clos", opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1))
    CallFactory(title="Appel non publié", published_at=None)
    page = client.get(reverse("startups:call_list")).content.decode()
    assert "Appel ouvert" in page and "Appel à venir" in page
    assert "Appel clos" not in page and "Appel non publié" not in page
    assert page.count("<h1") == 1


@pytest.mark.parametrize(
    ("language", "words"), [("fr", ["Qui peut candidater", "Poids"]), ("en", ["Who can apply", "Weight"])]
)
def test_the_call_page_shows_eligibility_offer_and_rubric(client, call, language, words):
    page = client.get(f"/{language}/appels/{call.slug}/").content.decode()
    for word in words:
        assert word in page
    assert "Innovation" in page
    assert reverse("startups:application_start", kwargs={"slug": call.slug}).replace("/fr/", f"/{language}/") in page


def test_a_green_call_says_it_looks_at_environmental_impact(client):
    call = CallFactory(green=True)
    page = client.get(call.get_absolute_url()).content.decode()
    assert "impact environnemental" in page


def test_a_closed_call_page_says_so_instead_of_offering_to_apply(client):
    now = timezone.now()
    call = CallFactory(opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1))
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Cet appel est clos depuis le" in page
    assert reverse("startups:application_start", kwargs={"slug": call.slug}) not in page


@pytest.mark.parametrize("rows", [10, 200])
def test_the_call_list_query_count_does_not_grow(client, rows, django_assert_max_num_queries):
    CallFactory.create_batch(rows)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("startups:call_list"))
    assert response.content.decode().count('class="card h-100"') == rows


@pytest.mark.parametrize("rows", [10, 200])
def test_my_applications_query_count_does_not_grow(client, rows, django_assert_max_num_queries):
    user = UserFactory()
    call = CallFactory(requires_recommendation=True)
    for index in range(rows):
        application = ApplicationFactory(call=call, applicant=user, status=ApplicationStatus.SUBMITTED)
        StatusChange.objects.create(
            application=application, from_status="draft", to_status="submitted", actor=user, message=""
        )
        if index % 2:
            RecommendationFactory(application=application)
    client.force_login(user)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("startups:my_applications"))
    assert response.content.decode().count("<article") == rows


@pytest.mark.parametrize("rows", [10, 200])
def test_the_reviewers_list_query_count_does_not_grow(client, rows, django_assert_max_num_queries):
    reviewer = ReviewerFactory()
    call = CallFactory()
    CriterionFactory.create_batch(3, call=call)
    for _ in range(rows):
        ApplicationFactory(call=call, status=ApplicationStatus.UNDER_REVIEW).assignments.create(reviewer=reviewer)
    client.force_login(reviewer)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("startups:review_list"))
    assert response.content.decode().count("Déclaration d'intérêts à faire") == rows


def test_my_applications_shows_the_timeline_with_staff_messages(client, call):
    staff = make_city_staff(call.initiative.partnership.city, setup_roles())
    application = complete_draft(call)
    services.application_submit(application=application, actor=application.applicant, consent=True)
    services.application_transition(application=application, to_status="under_review", actor=staff, message="")
    services.application_transition(
        application=application, to_status="rejected", actor=staff, message="Projet hors périmètre."
    )
    client.force_login(application.applicant)
    page = client.get(reverse("startups:my_applications")).content.decode()
    for text in ("Déposée", "En cours d&#x27;examen", "Refusée", "Projet hors périmètre.", "par la ville", "par vous"):
        assert text in page
    detail = client.get(application.get_absolute_url()).content.decode()
    assert "Projet hors périmètre." in detail
    assert reverse("startups:pitch_deck", kwargs={"pk": application.pk}) in detail
    assert "Retirer ma candidature" not in detail


# ---------------------------------------------------------------- alerts


def test_alerts_list_the_calls_published_in_the_window():
    now = timezone.now()
    inside = CallFactory(title="Nouvel appel", title_en="New call", published_at=now - timedelta(hours=2))
    CallFactory(published_at=now - timedelta(days=3))
    CallFactory(published_at=None)
    CallFactory(published_at=now + timedelta(hours=1))
    items = alerts.new_items(now - timedelta(days=1), now)
    assert items == [
        {
            "title_fr": "Nouvel appel",
            "title_en": "New call",
            "url": f"/fr/appels/{inside.slug}/",
            "path_fr": f"/fr/appels/{inside.slug}/",
            "path_en": f"/en/appels/{inside.slug}/",
            "city_id": inside.initiative.partnership.city_id,
            "category_id": inside.initiative.category_id,
            "created_at": inside.published_at,
        }
    ]


def test_alert_items_fit_the_digest_source_interface():
    from alerts.sources import AlertItem

    now = timezone.now()
    CallFactory(published_at=now - timedelta(hours=1))
    (item,) = alerts.new_items(now - timedelta(days=1), now)
    coerced = AlertItem.coerce(item)
    assert coerced.url == item["path_fr"]


# ---------------------------------------------------------------- demo data


def test_demo_data_has_one_open_call_per_startup_or_green_initiative(demo_data, client):
    calls = {c.slug: c for c in Call.objects.select_related("initiative__partnership__city", "initiative__category")}
    assert set(calls) == {"conseil-start-ups-paris", "logiciels-verts-paris", "aides-start-ups-lyon"}
    assert all(call.is_open and call.is_example for call in calls.values())
    assert calls["aides-start-ups-lyon"].requires_recommendation
    assert calls["aides-start-ups-lyon"].initiative.partnership.city.slug == "lyon"
    green_criteria = list(calls["logiciels-verts-paris"].criteria.values_list("name_fr", flat=True))
    assert "Impact environnemental" in green_criteria
    assert "Impact environnemental" not in calls["conseil-start-ups-paris"].criteria.values_list("name_fr", flat=True)
    page = client.get(reverse("startups:call_list")).content.decode()
    assert page.count('class="card h-100"') == 3


def test_loading_the_demo_twice_keeps_one_row_per_call(demo_data):
    from startups import demo

    before = list(Call.objects.order_by("slug").values_list("slug", "opens_at", "closes_at"))
    demo.load()
    assert list(Call.objects.order_by("slug").values_list("slug", "opens_at", "closes_at")) == before
    assert Call.objects.get(slug="aides-start-ups-lyon").criteria.count() == 4


def test_reviewers_find_their_reviews_from_the_calls_page(client):
    reviews = reverse("startups:review_list")
    client.force_login(UserFactory())
    assert reviews not in client.get(reverse("startups:call_list")).content.decode()
    client.force_login(ReviewerFactory())
    assert reviews in client.get(reverse("startups:call_list")).content.decode()
