"""Every text a person can type has a maximum length: on the model (checked by full_clean() in the
services), on the form (a message beside the field) and on the request itself (Django's upload limits).
The per-form tests (an over-long value is refused beside its field, nothing is saved, nothing already
saved is lost) live with each app's tests as test_*_input_bounds.py."""

import datetime as dt
import importlib
import inspect
from urllib.parse import urlencode

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import User
from alerts.models import Subscription
from common.fields import BoundedTextField
from initiatives.fields import MultipleChoiceJSONField
from startups.forms import ScoreForm
from startups.models import Criterion
from tests.factories import UserFactory
from tests.field_errors import form_data
from tests.training.factories import ProgrammeFactory
from training.constants import RegistrationStatus
from training.forms import AttendanceForm
from training.models import Programme, Registration, Session, SessionDay

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


# ---------------------------------------------------------------- what one request may carry

INLINE_ROWS = 20  # rows an admin inline may hold when saved at once (a rubric's criteria, signatories...)
BYTES_PER_CHARACTER = 12  # 4 UTF-8 bytes, each percent-encoded as %XX


def _text_capacity(fields: dict) -> int:
    """The characters a form's text fields may hold. Django's password fields (the admin's new-user form)
    have no maximum: a password is hashed, never stored, and its length counts only against the request."""
    return sum(
        f.max_length
        for f in fields.values()
        if isinstance(f, forms.CharField) and not isinstance(f.widget, forms.PasswordInput)
    )


def biggest_form_in_characters() -> tuple[int, str]:
    request = RequestFactory().get("/")
    request.user = UserFactory.build(is_staff=True, is_superuser=True)
    sizes = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in LOCAL_APPS:
            continue
        size = _text_capacity(model_admin.get_form(request).base_fields)
        for inline in model_admin.get_inline_instances(request):
            # An inline with a max_num (validated: more rows are refused) sends at most that many rows.
            rows = min(INLINE_ROWS, inline.get_max_num(request) or INLINE_ROWS)
            size += rows * _text_capacity(inline.get_formset(request).form.base_fields)
        sizes.append((size, f"admin {model._meta.label}"))
    for module_name in ("forms",):
        for label, form_class in _local_classes(forms.BaseForm, module_name):
            sizes.append((_text_capacity(form_class.base_fields), label))
    criteria = [Criterion(pk=n, name=f"Critère {n}", weight=1) for n in range(1, INLINE_ROWS + 1)]
    sizes.append((_text_capacity(ScoreForm(criteria=criteria).fields), "startups.forms.ScoreForm"))
    return max(sizes)


def test_the_request_body_limit_fits_the_biggest_form_and_not_much_more():
    characters, label = biggest_form_in_characters()
    assert label == "admin startups.Call" and characters == 67_200
    needed = characters * BYTES_PER_CHARACTER
    assert needed <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2 * needed


def full_attendance_week() -> AttendanceForm:
    people = [User(pk=n, email=f"p{n}@example.org") for n in range(1, 501)]
    registrations = [
        Registration(pk=n, person=person, status=RegistrationStatus.CONFIRMED) for n, person in enumerate(people, 1)
    ]
    days = [SessionDay(pk=n, date=dt.date(2027, 3, 1) + dt.timedelta(days=n)) for n in range(7)]
    return AttendanceForm(registrations=registrations, days=days, attendance={})


def test_the_field_count_limit_fits_a_week_of_attendance_for_a_full_session():
    assert Session._meta.get_field("capacity").validators[-1].limit_value == 500
    fields = len(full_attendance_week().fields) + 1  # and the CSRF token
    assert fields == 4_001
    assert fields <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 2 * fields


def test_a_programme_filled_to_every_maximum_with_four_byte_characters_is_saved(client, superuser):
    """The biggest single admin page, every text at its maximum in emoji: about 470 kB once encoded."""
    programme = ProgrammeFactory()
    client.force_login(superuser)
    url = f"/fr/admin/training/programme/{programme.pk}/change/"
    data = form_data(client.get(url).content.decode())
    for field in Programme._meta.concrete_fields:
        free_text = isinstance(field, models.TextField | models.CharField) and not field.choices
        if free_text and field.name in data and all(isinstance(v, MaxLengthValidator) for v in field.validators):
            data[field.name] = "😀" * field.max_length
    body = urlencode(data, doseq=True)
    assert 400_000 < len(body) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = client.post(url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.description_fr == "😀" * 10_000


def _post_alerts(client, body: str):
    return client.post(reverse("alerts:subscribe"), body, content_type="application/x-www-form-urlencoded")


def test_a_body_over_the_limit_is_refused_with_400_and_saves_nothing(client):
    start = "email=habitante%40example.org&language=fr&x="
    just_under = start + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE - len(start))
    assert _post_alerts(client, just_under).status_code == 302
    Subscription.objects.all().delete()
    assert _post_alerts(client, just_under + "a").status_code == 400
    assert not Subscription.objects.exists()


def test_too_many_fields_are_refused_with_400_and_save_nothing(client):
    start = [("email", "habitante@example.org"), ("language", "fr")]
    extra = [("x", "1")] * (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS - len(start))
    assert _post_alerts(client, urlencode(start + extra)).status_code == 302
    Subscription.objects.all().delete()
    assert _post_alerts(client, urlencode([*start, *extra, ("x", "1")])).status_code == 400
    assert not Subscription.objects.exists()
