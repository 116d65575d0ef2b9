"""History is written when a row changes, not each time it is saved; a draft keeps a bounded number of
versions, so what a person can make the portal store (and export back to them) stays small."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from accounts.roles import setup_roles
from alerts.models import Subscription
from alerts.services import subscription_request
from common.history import CHANGES_ONLY
from startups import services
from startups.constants import DRAFT_HISTORY_VERSIONS, ApplicationStatus
from startups.models import Application, Score
from tests.factories import CityFactory, PartnershipFactory, UserFactory
from tests.field_errors import form_data
from tests.startups.conftest import complete_draft, make_city_staff, move_to
from tests.startups.factories import ApplicationFactory, CallFactory, CriterionFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

SAVES = 50
PROJECT = {
    "product_description": "Une application qui simplifie les démarches des habitants. " * 15,
    "sought": "Du conseil commercial et une mise en relation avec les services de la ville. " * 8,
}


@pytest.fixture
def call(db):
    call = CallFactory()
    CriterionFactory(call=call)
    return call


@pytest.fixture
def city_staff(call):
    return make_city_staff(call.initiative.partnership.city, setup_roles())


def versions(application) -> int:
    return Application.history.filter(id=application.pk).count()


def test_every_tracked_model_of_the_local_apps_writes_history_only_on_change():
    tracked = {
        model._meta.label
        for app in settings.LOCAL_APPS
        for model in apps.get_app_config(app).get_models()
        if hasattr(model, "history") and not model.__name__.startswith("Historical")
    }
    assert {"startups.Application", "alerts.Subscription", "initiatives.Initiative"} <= tracked
    assert tracked - CHANGES_ONLY == set()


def test_saving_a_draft_50_times_unchanged_writes_no_new_version(call):
    application = services.application_create(call=call, applicant=UserFactory(), data={"company_name": "Pousse"})
    services.application_update(application=application, actor=application.applicant, data=PROJECT)
    before = versions(application)
    for _ in range(SAVES):
        services.application_update(application=application, actor=application.applicant, data=PROJECT)
    assert versions(application) == before == 2


def test_pressing_save_draft_50_times_on_the_page_writes_no_new_version(client, call):
    application = ApplicationFactory(call=call)
    client.force_login(application.applicant)
    url = reverse("startups:application_step", kwargs={"pk": application.pk, "step": "projet"})
    client.post(url, {**PROJECT, "action": "draft"})
    before = versions(application)
    for _ in range(SAVES):
        assert client.post(url, {**PROJECT, "action": "draft"}).status_code == 302
    assert versions(application) == before


def test_a_draft_changed_50_times_keeps_its_latest_versions_only(call):
    application = services.application_create(call=call, applicant=UserFactory(), data={"company_name": "Pousse"})
    for n in range(SAVES):
        services.application_update(
            application=application, actor=application.applicant, data={"sought": f"Version {n} : du conseil."}
        )
    assert versions(application) == DRAFT_HISTORY_VERSIONS
    kept = Application.history.filter(id=application.pk).order_by("history_date", "history_id")
    assert [v.sought for v in kept] == [
        f"Version {n} : du conseil." for n in range(SAVES - DRAFT_HISTORY_VERSIONS, SAVES)
    ]


def test_a_submitted_application_keeps_every_version_from_then_on(call, city_staff):
    application = complete_draft(call)
    for n in range(SAVES):
        services.application_update(
            application=application, actor=application.applicant, data={"sought": f"Version {n}."}
        )
    assert versions(application) == DRAFT_HISTORY_VERSIONS
    move_to(application, ApplicationStatus.SHORTLISTED, city_staff)
    # consent, submission, under review, shortlisted: four more versions, none pruned.
    assert versions(application) == DRAFT_HISTORY_VERSIONS + 4


def test_the_owners_data_export_stays_small_after_50_saves(client, call):
    application = services.application_create(call=call, applicant=UserFactory(), data={"company_name": "Pousse"})
    client.force_login(application.applicant)
    for n in range(SAVES):
        data = {**PROJECT, "sought": f"{PROJECT['sought']}({n})"} if n % 2 else PROJECT
        services.application_update(application=application, actor=application.applicant, data=data)
    response = client.get("/fr/compte/mes-donnees/telecharger/")
    size = len(response.content)
    exported = json.loads(response.content)["records"]
    assert len(exported["startups.HistoricalApplication.applicant"]) == DRAFT_HISTORY_VERSIONS
    # 20 versions of about 1.6 kB of answers each, listed under the applicant and under who saved them.
    assert size < 100_000, size


def test_asking_for_the_same_alerts_again_and_again_writes_no_new_version():
    lyon = CityFactory(name="Lyon")
    for _ in range(SAVES):
        subscription_request(email="habitante@example.org", language="fr", cities=[lyon], categories=[])
    subscription = Subscription.objects.get()
    assert subscription.history.count() == 1
    subscription_request(email="habitante@example.org", language="en", cities=[lyon], categories=[])
    assert subscription.history.count() == 2


def test_a_reviewer_saving_the_same_scores_again_writes_no_new_version(call, city_staff):
    application = move_to(complete_draft(call), ApplicationStatus.UNDER_REVIEW, city_staff)
    reviewer = ReviewerFactory()
    assignment = services.review_assign(application=application, reviewer=reviewer, assigned_by=city_staff)
    services.review_declare_interests(assignment=assignment, reviewer=reviewer, has_conflict=False)
    criterion = call.criteria.get()
    for _ in range(SAVES):
        services.review_score(assignment=assignment, reviewer=reviewer, scores={criterion.pk: (4, "Solide.")})
    services.review_score(assignment=assignment, reviewer=reviewer, scores={criterion.pk: (5, "Solide.")})
    assert [v.score for v in Score.history.order_by("history_date", "history_id")] == [4, 5]


def test_an_admin_page_saved_without_edits_adds_nothing_to_the_history_and_an_edit_does(client):
    partnership = PartnershipFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/fr/admin/partnership/partnership/{partnership.pk}/change/"
    data = form_data(client.get(url).content.decode())
    before = partnership.history.count()
    for _ in range(3):
        assert client.post(url, data).status_code == 302
    assert partnership.history.count() == before
    assert client.post(url, {**data, "title_fr": "Nouveau titre"}).status_code == 302
    latest = partnership.history.latest()
    assert (partnership.history.count(), latest.title_fr, latest.history_type) == (before + 1, "Nouveau titre", "~")
