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


@pytest.fixture
def superuser_client(db):
    call_command("load_demo", verbosity=0)
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(email="admin@demo.partenariats.example"))
    return client


def test_an_empty_to_field_answers_400_on_change_and_delete_pages(paris_agent):
    """Django's admin looked up a field named "" (FieldDoesNotExist) on `?_to_field=`."""
    partnership = Partnership.objects.filter(city__slug="paris").first()
    change = f"/fr/admin/partnership/partnership/{partnership.pk}/change/"
    for response in (
        paris_agent.get(change + "?_to_field="),
        paris_agent.post(change, {"_to_field": "", "title_fr": "x"}),
        paris_agent.get(f"/fr/admin/partnership/partnership/{partnership.pk}/delete/?_to_field="),
    ):
        assert response.status_code == 400
        assert "Requête incorrecte" in response.content.decode()
    assert paris_agent.get(change + "?_to_field=id&_popup=1").status_code == 200  # the popups' own value


def test_a_date_hierarchy_year_past_64_bits_answers_400(superuser_client):
    """Django's changelist built `datetime(int(year))` and only caught ValueError: OverflowError."""
    url = "/fr/admin/notifications/notification/"
    response = superuser_client.get(url + "?created_at__year=" + "9" * 25 + "&created_at__month=1")
    assert response.status_code == 400
    assert superuser_client.get(url + "?created_at__year=2026").status_code == 200
    assert superuser_client.get(url + "?q=" + "9" * 25).status_code == 200  # a search stays free text


def test_an_invalid_crontab_is_a_form_error_not_a_500(superuser_client):
    """django-celery-beat's page computed the schedule in words from the invalid posted fields."""
    from django_celery_beat.models import CrontabSchedule

    before = CrontabSchedule.objects.count()
    response = superuser_client.post(
        "/fr/admin/django_celery_beat/crontabschedule/add/",
        {"minute": "0", "hour": "-1", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*", "timezone": "UTC"},
    )
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert CrontabSchedule.objects.count() == before
    assert superuser_client.get("/fr/admin/django_celery_beat/crontabschedule/").status_code == 200
