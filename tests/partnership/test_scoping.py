"""City scoping is declared once per model (`city_path`, partnership/scoping.py) and read from there."""

import re
from collections import deque
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from simple_history.models import HistoricalChanges

from partnership.models import City
from partnership.scoping import (
    SELF,
    CityScopedQuerySet,
    city_id_of,
    city_ids_of,
    city_path,
    may_act_for_city,
    path_fields,
)
from tests.factories import CityFactory, InitiativeFactory, PartnershipFactory, StaffFactory, UserFactory

ROOT = Path(settings.BASE_DIR)


def project_models():
    """The models of the portal's own apps; simple-history's copies are read through their live model."""
    for label in settings.LOCAL_APPS:
        for model in apps.get_app_config(label.rsplit(".", 1)[-1]).get_models():
            if not issubclass(model, HistoricalChanges):
                yield model


def foreign_key_path_to_city(model) -> str | None:
    """The shortest chain of foreign keys (and one-to-ones) from `model` to City, found by walking the
    relations (not by reading any declaration), or None."""
    seen, queue = {model}, deque([(model, [])])
    while queue:
        current, names = queue.popleft()
        for field in current._meta.get_fields():
            if not (field.concrete and field.is_relation and (field.many_to_one or field.one_to_one)):
                continue
            if field.related_model is City:
                return "__".join([*names, field.name])
            if field.related_model not in seen:
                seen.add(field.related_model)
                queue.append((field.related_model, [*names, field.name]))
    return None


def test_every_model_with_a_foreign_key_path_to_city_declares_how_it_reaches_it():
    reaching = {model: foreign_key_path_to_city(model) for model in project_models()}
    reaching = {model: path for model, path in reaching.items() if path is not None}
    missing = sorted(model._meta.label for model in reaching if city_path(model) is None)
    assert missing == []
    assert len(reaching) >= 20, sorted(model._meta.label for model in reaching)


@pytest.mark.parametrize("model", [m for m in project_models() if city_path(m) is not None], ids=str)
def test_each_declared_path_resolves_to_city_and_its_rows_have_a_scoped_queryset(model):
    path = city_path(model)
    if model is City:
        assert path == SELF
    else:
        assert path_fields(model, path)[-1].related_model is City, path
    assert isinstance(model._default_manager.all(), CityScopedQuerySet)


def test_the_string_paths_to_city_are_written_once_per_model_in_its_declaration():
    """Selectors, views, admins, dashboards and services say `Model.city_path` or `.for_staff(user)`."""
    literal = re.compile(r"""["'][a-z_]*__cit(?:y|ies)(?:_id)?(?:__[a-z_]+)?["']""")
    declaration = re.compile(r"""^\s+city_path = ["'][a-z_]+["']""")
    folders = [*settings.LOCAL_APPS, "common", "config"]
    found = []
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                in_models = path.name == "models.py" or path.parent.name == "models"
                if literal.search(line) and not (in_models and declaration.match(line)):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


@pytest.mark.django_db
def test_city_id_of_follows_the_declared_path_as_the_database_does(demo_data):
    checked = []
    for model in project_models():
        path = city_path(model)
        if path in (None, SELF):
            continue
        for row in model._default_manager.order_by("pk")[:3]:
            in_database = set(model._default_manager.filter(pk=row.pk).values_list(path, flat=True)) - {None}
            assert city_ids_of(row) == in_database, (model._meta.label, row.pk)
        checked.append(model._meta.label)
    assert len(checked) >= 15, checked


@pytest.mark.django_db
def test_may_act_for_city_answers_for_the_objects_city_only():
    paris, lyon = CityFactory(slug="paris"), CityFactory(slug="lyon")
    paris_initiative = InitiativeFactory(partnership=PartnershipFactory(city=paris))
    lyon_initiative = InitiativeFactory(partnership=PartnershipFactory(city=lyon))
    agent = StaffFactory()
    lyon.staff.add(agent)
    agent.user_permissions.add(Permission.objects.get(codename="change_initiative"))

    assert may_act_for_city(agent, lyon_initiative)
    assert may_act_for_city(agent, lyon_initiative, perm="initiatives.change_initiative")
    assert may_act_for_city(agent, lyon)  # a city belongs to itself
    assert not may_act_for_city(agent, paris_initiative)
    assert not may_act_for_city(agent, paris)
    assert not may_act_for_city(agent, lyon_initiative, perm="initiatives.delete_initiative")
    assert may_act_for_city(agent, perm="initiatives.change_initiative")  # no object: staff with the permission
    assert city_id_of(lyon_initiative) == lyon.pk

    superuser = UserFactory(is_staff=True, is_superuser=True)
    assert may_act_for_city(superuser, paris_initiative, perm="initiatives.delete_initiative")
    citizen = UserFactory()
    lyon.staff.add(citizen)  # named on the city, but not a staff account
    assert not may_act_for_city(citizen, lyon_initiative)
    agent.is_active = False
    assert not may_act_for_city(agent, lyon_initiative)


@pytest.mark.django_db
def test_a_model_reaching_several_cities_belongs_to_each_and_is_listed_once():
    from alerts.models import Subscription

    paris, lyon, lille = CityFactory(slug="paris"), CityFactory(slug="lyon"), CityFactory(slug="lille")
    subscription = Subscription.objects.create(email="alerte@example.org")
    subscription.cities.add(paris, lyon)
    agent = StaffFactory()
    lyon.staff.add(agent)
    lille_agent = StaffFactory()
    lille.staff.add(lille_agent)

    assert city_ids_of(subscription) == {paris.pk, lyon.pk}
    assert may_act_for_city(agent, subscription)
    assert not may_act_for_city(lille_agent, subscription)
    assert list(Subscription.objects.in_cities([paris.pk, lyon.pk])) == [subscription]
    assert list(Subscription.objects.for_staff(lille_agent)) == []
