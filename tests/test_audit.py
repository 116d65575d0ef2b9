"""Every change to the domain leaves a trace (who, when, what), visible from the object in the admin and
kept when the object is deleted."""

import pytest
from django.apps import apps

from initiatives.models import Initiative
from tests.factories import CategoryFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

DOMAIN_APPS = [
    "partnership",
    "initiatives",
    "sports",
    "startups",
    "training",
    "alerts",
    "awards",
    "commitments",
    "notifications",
]
# Models that are themselves a record of what happened, or are derived from another tracked row.
WITHOUT_HISTORY = {
    "startups.StatusChange": "the application's timeline: an append-only log with who, when and why",
    "training.SessionDay": "derived from the session's tracked dates by the service",
    "notifications.Notification": "the outbox row is itself the record of each message",
    "awards.Vote": "an anonymous vote: a history would only add when and by which session it was cast",
    "awards.Laureate": "computed once by results_publish from tracked scores; the edition records when",
}


def test_every_domain_model_keeps_its_history():
    missing = []
    for app in DOMAIN_APPS:
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical") or model._meta.label in WITHOUT_HISTORY:
                continue
            if not hasattr(model, "history"):
                missing.append(model._meta.label)
    assert missing == []


def test_create_update_delete_in_the_admin_are_recorded_with_who_and_what(client):
    admin_user = UserFactory(is_staff=True, is_superuser=True, email="chef@example.org")
    client.force_login(admin_user)
    partnership = PartnershipFactory()
    category = CategoryFactory()
    data = {
        "partnership": partnership.pk,
        "category": category.pk,
        "title_fr": "Atelier de réparation",
        "title_en": "Repair workshop",
        "slug": "atelier-reparation",
        "summary_fr": "Réparer ses ordinateurs.",
        "audience": "everyone",
        "status": "planned",
        "technology": "free_software",
        "is_published": "on",
    }
    assert client.post("/fr/admin/initiatives/initiative/add/", data).status_code == 302
    initiative = Initiative.objects.get(slug="atelier-reparation")
    data["title_fr"] = "Atelier de réparation solidaire"
    data["status"] = "open"
    assert client.post(f"/fr/admin/initiatives/initiative/{initiative.pk}/change/", data).status_code == 302
    history_url = f"/fr/admin/initiatives/initiative/{initiative.pk}/history/"
    page = client.get(history_url).content.decode()
    assert "Atelier de réparation solidaire" in page or "solidaire" in page
    assert "chef@example.org" in page or str(admin_user) in page
    assert client.post(f"/fr/admin/initiatives/initiative/{initiative.pk}/delete/", {"post": "yes"}).status_code == 302

    records = list(Initiative.history.filter(id=initiative.pk).order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~", "-"]
    assert {r.history_user_id for r in records} == {admin_user.pk}
    delta = records[1].diff_against(records[0])
    assert {change.field for change in delta.changes} >= {"title_fr", "status"}
    # Still readable after the deletion.
    response = client.get(history_url)
    assert response.status_code == 200
    assert "Atelier de réparation" in response.content.decode()
