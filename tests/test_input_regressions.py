"""Server errors found by the generated-input test (tests/test_generated_input.py), one test each, so that
each stays fixed even if the generator stops drawing the value that found it."""

import pytest
from django.core.management import call_command
from django.test import Client

from partnership.models import Commitment, Partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def paris_agent(db):
    call_command("load_demo", verbosity=0)
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(email="agent.paris@demo.partenariats.example"))
    return client


@pytest.mark.parametrize("forged", ["0000-00-00", "abc", "1" * 40, "-1"])
def test_a_forged_value_in_an_autocomplete_field_is_a_form_error_not_a_500(paris_agent, forged):
    """The admin's autocomplete widget re-rendered the submitted value with `pk__in=[value]`: ValueError."""
    before = Commitment.objects.count()
    partnership = Partnership.objects.filter(city__slug="paris").first()
    response = paris_agent.post(
        "/fr/admin/partnership/commitment/add/",
        {"partnership": forged, "initiatives": [forged, "2"], "title_fr": "Engagement", "progress": "0"},
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert Commitment.objects.count() == before
    # A real id is still shown as selected when another field has an error.
    response = paris_agent.post("/fr/admin/partnership/commitment/add/", {"partnership": partnership.pk})
    assert f'<option value="{partnership.pk}" selected>' in response.content.decode()
