"""Every text a person can type has a maximum length: on the model (checked by full_clean() in the
services), on the form (a message beside the field) and on the request itself (Django's upload limits).
The per-form tests (an over-long value is refused beside its field, nothing is saved, nothing already
saved is lost) live with each app's tests as test_*_input_bounds.py."""

import importlib
import inspect

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

from common.fields import BoundedTextField
from initiatives.fields import MultipleChoiceJSONField

pytestmark = pytest.mark.django_db

LOCAL_APPS = settings.LOCAL_APPS

# JSON columns nobody types into: written by code from values that are bounded themselves.
JSON_WRITTEN_BY_CODE = {
    "notifications.Notification.context": "the outbox message's data, built by each app from its bounded fields",
}
# Short texts with no format validator that no person types (set by code): exempt from leaving room
# for ~120 characters (the payloads other tests put into every field a person fills in).
SHORT_CODES = {
    "notifications.Notification.kind": "the message type, a constant of the app that sends it",
}
ROOM = 120


def text_fields():
    """(label, field) for every concrete text or JSON field of every model of the local apps,
    historical copies and translations (title_fr, title_en) included."""
    for app in LOCAL_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, models.CharField | models.TextField | models.JSONField):
                    yield f"{model._meta.label}.{field.name}", field


def max_length_validators(field) -> list[int]:
    return [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]


def test_the_walk_sees_translations_and_history():
    labels = {label for label, _field in text_fields()}
    assert {
        "startups.Application.product_description",
        "initiatives.Initiative.description_en",
        "startups.HistoricalApplication.product_description",
        "notifications.Notification.context",
    } <= labels


def test_every_text_field_of_every_model_has_a_bound_that_full_clean_and_forms_enforce():
    unbounded = []
    for label, field in text_fields():
        if isinstance(field, models.JSONField):
            bounded = (isinstance(field, MultipleChoiceJSONField) and field.vocabulary is not None) or (
                label in JSON_WRITTEN_BY_CODE
            )
            if not bounded:
                unbounded.append(f"{label}: JSON without a vocabulary")
            continue
        if field.max_length is None:
            unbounded.append(f"{label}: no max_length")
            continue
        if field.max_length not in max_length_validators(field):
            unbounded.append(f"{label}: max_length {field.max_length} not checked by full_clean()")
        form_field = field.formfield()
        if isinstance(form_field, forms.CharField) and form_field.max_length != field.max_length:
            unbounded.append(f"{label}: its form field allows {form_field.max_length}")
    assert unbounded == []


def test_text_people_type_leaves_room_for_a_sentence():
    """A free-text field shorter than ~120 characters would cut a name or a payload in two; the short
    ones are identifiers whose format a validator checks (postcode, SIRET, phone) or codes from a list."""
    too_short = []
    for label, field in text_fields():
        if isinstance(field, models.JSONField) or field.max_length is None or field.max_length >= ROOM:
            continue
        if field.choices or label in SHORT_CODES or label.split(".")[1].startswith("Historical"):
            continue
        format_validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
        if not format_validators:
            too_short.append(f"{label} ({field.max_length})")
    assert too_short == []


def test_a_bounded_text_field_is_refused_by_full_clean_and_stays_a_plain_text_column():
    field = BoundedTextField(max_length=10)
    field.clean("x" * 10, None)
    with pytest.raises(ValidationError) as error:
        field.clean("x" * 11, None)
    assert error.value.messages == ["Assurez-vous que cette valeur comporte au plus 10 caractères (actuellement 11)."]
    _name, path, _args, kwargs = field.deconstruct()
    assert (path, kwargs["max_length"]) == ("django.db.models.TextField", 10)


def _local_classes(base: type, module_name: str):
    for app in LOCAL_APPS:
        try:
            module = importlib.import_module(f"{app}.{module_name}")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, base) and cls.__module__ == module.__name__:
                yield f"{cls.__module__}.{cls.__qualname__}", cls


def _unbounded(fields: dict) -> list[str]:
    return [name for name, f in fields.items() if isinstance(f, forms.CharField) and f.max_length is None]


def test_every_text_field_of_every_form_has_a_max_length():
    """Forms of every app (admin forms included), with the fields their models give them. Forms that build
    their fields per object (scores per criterion) are covered by their own tests."""
    found, unbounded = [], []
    for module_name in ("forms", "admin"):
        for label, form_class in _local_classes(forms.BaseForm, module_name):
            found.append(label)
            unbounded += [f"{label}.{name}" for name in _unbounded(form_class.base_fields)]
    assert "startups.forms.ProjectForm" in found and "training.admin.SessionAdminForm" in found
    assert unbounded == []


def test_every_text_filter_has_a_max_length():
    found, unbounded = [], []
    for label, filterset_class in _local_classes(django_filters.FilterSet, "filters"):
        found.append(label)
        unbounded += [f"{label}.{name}" for name in _unbounded(filterset_class().form.fields)]
    assert "initiatives.filters.InitiativeFilter" in found
    assert unbounded == []
