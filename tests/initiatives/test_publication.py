import datetime as dt

import pytest
from django.utils import timezone

from initiatives.alerts import new_items
from initiatives.models import Initiative
from tests.factories import CategoryFactory, InitiativeFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_draft_published_later_is_announced_when_published_not_when_created(client):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    draft = InitiativeFactory(is_published=False)
    long_ago = timezone.now() - dt.timedelta(days=30)
    Initiative.objects.filter(pk=draft.pk).update(created_at=long_ago, published_at=long_ago)
    client.force_login(admin_user)
    data = {
        "partnership": draft.partnership_id,
        "category": draft.category_id,
        "title_fr": draft.title_fr,
        "slug": draft.slug,
        "summary_fr": draft.summary_fr,
        "audience": draft.audience,
        "status": draft.status,
        "technology": draft.technology,
        "is_published": "on",
    }
    before = timezone.now()
    assert client.post(f"/fr/admin/initiatives/initiative/{draft.pk}/change/", data).status_code == 302
    draft.refresh_from_db()
    assert draft.published_at >= before
    items = new_items(before - dt.timedelta(seconds=1), timezone.now() + dt.timedelta(seconds=1))
    assert [item["url"] for item in items] == [draft.get_absolute_url()]
    # Editing it again does not announce it again.
    data["title_fr"] = "Titre revu"
    client.post(f"/fr/admin/initiatives/initiative/{draft.pk}/change/", data)
    draft.refresh_from_db()
    assert draft.published_at < timezone.now() and draft.published_at >= before


def test_an_initiative_created_published_is_dated_at_creation():
    initiative = InitiativeFactory(partnership=PartnershipFactory(), category=CategoryFactory())
    assert abs((initiative.published_at - initiative.created_at).total_seconds()) < 1
