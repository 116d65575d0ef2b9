"""One error convention: services raise `ValidationError` with codes; one helper puts it on a form
(`common.forms.add_service_errors`), one runs a service over an admin selection
(`common.admin.run_service_action`)."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import ngettext_lazy

from accounts.models import User
from common.admin import run_service_action
from common.forms import add_service_errors
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class MessageForm(forms.Form):
    message = forms.CharField(required=False)


def _bound_form() -> MessageForm:
    form = MessageForm({"message": ""})
    assert form.is_valid()
    return form


def test_a_field_error_goes_beside_its_field_with_its_code():
    form = _bound_form()
    add_service_errors(
        form, ValidationError({"message": ValidationError("Indiquez le motif.", code="reason_required")})
    )
    assert form.errors["message"] == ["Indiquez le motif."]
    assert form.has_error("message", code="reason_required")
    assert form.non_field_errors() == []


def test_an_error_on_a_field_the_form_does_not_show_goes_above_the_form():
    form = _bound_form()
    add_service_errors(form, ValidationError({"siret": ValidationError("SIRET déjà utilisé.", code="duplicate_siret")}))
    assert form.non_field_errors() == ["SIRET déjà utilisé."]
    assert form.has_error(forms.forms.NON_FIELD_ERRORS, code="duplicate_siret")
    assert "siret" not in form.errors


def test_a_plain_error_and_a_list_of_errors_go_above_the_form():
    form = _bound_form()
    add_service_errors(form, ValidationError("Cet appel est clos.", code="call_closed"))
    add_service_errors(
        form,
        ValidationError([ValidationError("Section A incomplète.", code="incomplete"), ValidationError("B", code="x")]),
    )
    assert form.non_field_errors() == ["Cet appel est clos.", "Section A incomplète.", "B"]
    assert form.has_error(forms.forms.NON_FIELD_ERRORS, code="call_closed")
    assert not form.is_valid()


def _admin_request(user):
    request = RequestFactory().post("/fr/admin/accounts/user/")
    SessionMiddleware(lambda r: None).process_request(request)
    request._messages = FallbackStorage(request)
    request.user = user
    return request


def _refuse_inactive(user):
    if not user.is_active:
        raise ValidationError("Ce compte est désactivé.", code="inactive")
    user.first_name = "Fait"
    user.save(update_fields=["first_name"])


# A message the outbox's catalogue translates, singular and plural, in both languages (called through
# another name, so that `make messages` does not copy it into the project's catalogue).
plural_message = ngettext_lazy
QUEUED = plural_message(
    "%(count)d notification remise en file d'envoi.", "%(count)d notifications remises en file d'envoi.", "count"
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["2 notifications remises en file d'envoi.", "{user} : Ce compte est désactivé."]),
        ("en", ["2 notifications queued again.", "{user}: Ce compte est désactivé."]),
    ],
)
def test_a_bulk_action_runs_the_service_per_row_and_reports_done_and_refused_rows(language, expected):
    """The count is pluralised in the person's language; each refused row is named with the service's
    reason, and the other rows are done all the same."""
    active = UserFactory.create_batch(2, first_name="Avant")
    inactive = UserFactory(first_name="Avant", is_active=False, email="inactif@example.org")
    request = _admin_request(UserFactory(is_superuser=True, is_staff=True))
    with translation.override(language):
        count = run_service_action(
            admin.ModelAdmin(User, admin.site),
            request,
            User.objects.filter(first_name="Avant").order_by("pk"),
            _refuse_inactive,
            done_message=QUEUED,
        )
        shown = [(m.level_tag, str(m)) for m in get_messages(request)]
    assert count == 2
    assert shown == [("success", expected[0]), ("warning", expected[1].format(user=inactive))]
    assert set(User.objects.filter(pk__in=[u.pk for u in active]).values_list("first_name", flat=True)) == {"Fait"}
    inactive.refresh_from_db()
    assert inactive.first_name == "Avant"


def test_the_done_message_takes_the_singular_for_one_row_and_nothing_message_for_an_empty_selection():
    user = UserFactory(first_name="Seul")
    request = _admin_request(UserFactory(is_superuser=True, is_staff=True))
    model_admin = admin.ModelAdmin(User, admin.site)
    with translation.override("fr"):
        run_service_action(model_admin, request, [user], _refuse_inactive, done_message=QUEUED)
        run_service_action(model_admin, request, [], _refuse_inactive, done_message=QUEUED, nothing_message="Rien.")
        shown = [(m.level_tag, str(m)) for m in get_messages(request)]
    assert shown == [("success", "1 notification remise en file d'envoi."), ("warning", "Rien.")]
