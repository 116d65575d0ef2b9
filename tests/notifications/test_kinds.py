"""Each kind of message is declared by the app that sends it; the outbox refuses any other, finds the kind's
templates in that app, and decides the language of every message with one rule."""

from pathlib import Path

import pytest

from notifications import kinds
from notifications.models import Notification
from notifications.services import message_language, notify
from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_a_kind_no_app_declared_is_refused_and_nothing_is_recorded(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(kinds.UnknownKind):
        notify(kind="training.registration_confirmd", key="typo:1", email="habitant@example.org")
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_every_declared_kind_has_its_templates_and_every_template_a_declared_kind():
    templates = {
        f"{path.parent.name}.{path.name.removesuffix('.subject.txt')}"
        for path in ROOT.glob("*/templates/notifications/email/*/*.subject.txt")
    }
    declared = {kind.name for kind in kinds.registered()}
    assert declared == templates
    assert kinds.check_kinds() == []


def test_each_kind_is_declared_in_the_notifications_module_of_its_own_app():
    for kind in kinds.registered():
        source = (ROOT / kind.app_label / "notifications.py").read_text()
        assert f'kinds.register("{kind.name}")' in source, kind.name


def test_a_declared_kind_without_templates_is_reported_by_the_system_checks(monkeypatch):
    monkeypatch.setattr(kinds, "_registry", dict(kinds._registry))
    kinds.register("training.session_moved")
    errors = kinds.check_kinds()
    assert {error.id for error in errors} == {"notifications.E002"}
    assert len(errors) == 3  # subject, text and HTML


@pytest.mark.parametrize("name", ["training", "training.", ".reminder", "training.session.moved", "training.a-b"])
def test_a_kind_is_named_after_its_app_and_its_event(name):
    with pytest.raises(ValueError, match="app label"):
        kinds.register(name)


@pytest.mark.parametrize(
    ("preferred", "made_in", "expected"),
    [
        ("en", "fr", "en"),  # the person's preferred language first
        ("fr", "en", "fr"),
        ("", "en", "en"),  # no account: the language the subscription or request was made in
        ("", "", "fr"),  # else French
        ("", "xx", "fr"),  # not a language of the site
    ],
)
def test_one_rule_decides_the_language_of_every_message(preferred, made_in, expected):
    person = factories.UserFactory(preferred_language=preferred) if preferred else None
    assert message_language(recipient=person, language=made_in) == expected
    record = notify(
        kind="alerts.confirm",
        key=f"lang:{preferred}:{made_in}",
        recipient=person,
        email="x@example.org",
        language=made_in,
    )
    assert record.language == expected


def test_a_context_built_by_a_function_is_built_in_the_messages_language():
    from django.utils.translation import get_language

    person = factories.UserFactory(preferred_language="en")
    record = notify(
        kind="alerts.confirm",
        key="built",
        recipient=person,
        language="fr",
        context=lambda language: {"asked": language, "active": get_language()},
    )
    assert record.context == {"asked": "en", "active": "en"}
