import pytest
from django.core.management import call_command

from initiatives.models import Category, Initiative, Place
from partnership.models import City, Commitment, Organisation, Partnership, Signatory

pytestmark = pytest.mark.django_db

MODELS = [City, Organisation, Partnership, Signatory, Commitment, Category, Initiative, Place]


def _snapshot():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}


def test_demo_command_twice_gives_the_same_rows():
    call_command("load_demo", verbosity=0)
    first = _snapshot()
    call_command("load_demo", verbosity=0)
    assert _snapshot() == first
    assert first["Partnership"] and first["Initiative"]


def test_demo_loads_the_seed_article(demo_data):
    paris = Partnership.objects.get(slug="paris-microsoft")
    assert paris.get_status_display() == "Annoncé"
    assert set(paris.signatories.values_list("name", flat=True)) == {"Bill Gates", "Bertrand Delanoë"}
    assert paris.initiatives.count() == 5
    assert paris.initiatives.filter(title_fr__icontains="Porte de Montreuil").exists()

    lyon = Partnership.objects.get(slug="lyon-microsoft")
    assert lyon.status == "signed"
    assert "février" in lyon.dates_note_fr
    titles = set(lyon.initiatives.values_list("title_fr", flat=True))
    assert "Clique sur ta Ville" in titles
    assert any("école de l'innovation" in t.lower() for t in titles)

    libre = Partnership.objects.get(slug="paris-logiciel-libre")
    assert libre.partners.filter(slug="ass2l").exists()
    assert libre.initiatives.filter(technology="free_software").count() == 3


def test_every_demo_text_has_an_english_translation(demo_data):
    for initiative in Initiative.objects.all():
        assert initiative.title_en and initiative.summary_en, initiative.slug
    for partnership in Partnership.objects.all():
        assert partnership.title_en and partnership.summary_en


def test_what_the_article_does_not_say_is_marked_as_example(demo_data):
    assert Place.objects.filter(is_example=False).count() == 0
    assert Organisation.objects.filter(is_innovation_actor=True, is_example=False).count() == 0


def test_demo_accounts_get_a_staff_login_once():
    from django.contrib.auth import get_user_model

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    User = get_user_model()
    admin = User.objects.get(email="admin@demo.partenariats.example")
    assert admin.is_superuser and admin.check_password("demo-partenariats-2026")
    agent = User.objects.get(email="agent.paris@demo.partenariats.example")
    assert list(agent.staff_cities.values_list("slug", flat=True)) == ["paris"]


def test_demo_has_a_reviewer_account():
    from django.contrib.auth import get_user_model

    from accounts.roles import REVIEWERS

    call_command("load_demo", verbosity=0)
    reviewer = get_user_model().objects.get(email="evaluateur@demo.partenariats.example")
    assert list(reviewer.groups.values_list("name", flat=True)) == [REVIEWERS]
    assert not reviewer.is_staff
