import pytest
from django.core.management import call_command
from django.utils import timezone

from training.models import Programme, Session

pytestmark = pytest.mark.django_db


def test_demo_programmes_and_upcoming_sessions_for_paris_and_lyon_load_twice_without_duplicates(demo_data, client):
    call_command("load_demo", "--no-accounts", verbosity=0)
    programmes = Programme.objects.select_related("initiative__partnership__city")
    assert {p.initiative.partnership.city.slug for p in programmes} == {"paris", "lyon"}
    assert programmes.filter(initiative__slug="formation-demandeurs-emploi-metiers-informatique").count() == 2
    assert all(p.is_example for p in programmes)
    assert all(p.initiative.category.slug == "formation-emploi" for p in programmes)
    sessions = Session.objects.all()
    assert sessions.count() == 5
    assert all(s.starts_at > timezone.now() and s.registration_deadline > timezone.now() for s in sessions)
    assert all(s.days.exists() for s in sessions)
    response = client.get("/fr/formations/?city=lyon&seats=on")
    assert len(response.context["page_obj"]) == 2
