"""A new initiative starts as a draft: staff tick "publiée" when it should appear (and be announced)."""

import pytest

from initiatives.models import Initiative
from tests.factories import CategoryFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_the_add_page_leaves_published_unticked(client, superuser):
    client.force_login(superuser)
    content = client.get("/fr/admin/initiatives/initiative/add/").content.decode()
    checkbox = (
        content.split('name="is_published"', 1)[0].rsplit("<input", 1)[1]
        + content.split('name="is_published"', 1)[1].split(">", 1)[0]
    )
    assert "checked" not in checkbox
    assert "Une nouvelle initiative est un brouillon" in content


def test_an_initiative_saved_without_ticking_is_not_public(client):
    initiative = Initiative.objects.create(
        partnership=PartnershipFactory(),
        category=CategoryFactory(),
        title="Brouillon de la ville",
        slug="brouillon-de-la-ville",
        summary="Pas encore prêt.",
    )
    assert initiative.is_published is False
    assert client.get("/fr/initiatives/brouillon-de-la-ville/").status_code == 404
    assert "Brouillon de la ville" not in client.get("/fr/initiatives/").content.decode()
