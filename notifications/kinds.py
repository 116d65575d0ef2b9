"""Every kind of message the outbox sends, declared by the app that sends it.

Each app declares its kinds in `<app>/notifications.py`, next to the functions that build those messages:

    REGISTRATION_CONFIRMED = kinds.register("training.registration_confirmed")

A kind is named `<app label>.<event>`; its templates are `notifications/email/<app label>/<event>.subject.txt`,
`.txt` and `.html`, kept in the app's own `templates/` directory. `notify()` refuses a kind that no app
declared, and `manage.py check` reports a declared kind whose templates are missing. The registry is filled
when Django starts: `NotificationsConfig.ready()` imports every `<app>/notifications.py` of LOCAL_APPS, so
the outbox itself imports no app that sends messages (the same shape as les-emplois' `itou/communications`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from common.app_hooks import app_modules

TEMPLATE_SUFFIXES = (".subject.txt", ".txt", ".html")


class UnknownKind(ValueError):  # noqa: N818 - reads as what it is: notify(kind=...) raised UnknownKind
    """A kind no app declared: a typo, or a message whose app forgot to register it."""


@dataclass(frozen=True)
class Kind:
    name: str

    def __str__(self) -> str:
        return self.name

    @property
    def app_label(self) -> str:
        return self.name.partition(".")[0]

    @property
    def template_base(self) -> str:
        """The templates' path without suffix: notifications/email/<app label>/<event>."""
        return "notifications/email/" + self.name.replace(".", "/")


_registry: dict[str, Kind] = {}


def register(name: str) -> Kind:
    """Declare a kind (`"<app label>.<event>"`). Declaring the same name again returns the same kind."""
    app_label, _dot, event = name.partition(".")
    if not app_label or not event or "." in event or not event.replace("_", "").isalnum():
        raise ValueError(f"A kind is named '<app label>.<event>' (letters, digits, _): {name!r}")
    return _registry.setdefault(name, Kind(name))


def get(kind: Kind | str) -> Kind:
    """The declared kind of that name; raises UnknownKind for any other."""
    name = kind.name if isinstance(kind, Kind) else str(kind)
    try:
        return _registry[name]
    except KeyError:
        raise UnknownKind(f"No app declares the message kind {name!r} (see notifications/kinds.py).") from None


def registered() -> list[Kind]:
    return sorted(_registry.values(), key=lambda kind: kind.name)


def autodiscover() -> None:
    """Import every `<app>/notifications.py` of LOCAL_APPS: importing it declares the app's kinds."""
    for _app, _module in app_modules("notifications"):
        pass


@checks.register()
def check_kinds(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Each declared kind belongs to an installed app and has its three templates."""
    errors = []
    for kind in registered():
        if kind.app_label not in {config.label for config in apps.get_app_configs()}:
            errors.append(
                checks.Error(f"The message kind {kind} names no installed app.", id="notifications.E001", obj=kind.name)
            )
        for suffix in TEMPLATE_SUFFIXES:
            try:
                get_template(kind.template_base + suffix)
            except TemplateDoesNotExist:
                errors.append(
                    checks.Error(
                        f"The message kind {kind} has no template {kind.template_base + suffix}.",
                        id="notifications.E002",
                        obj=kind.name,
                    )
                )
    return errors
