"""Apps extend shared features by providing a module of a known name (`<app>/alerts.py`,
`<app>/notifications.py`, `<app>/transparency.py`, `<app>/privacy.py`, `<app>/dashboard.py`, `<app>/roles.py`,
`<app>/demo.py`, `<app>/place_actions.py`, `<app>/calendar_events.py` (common/calendar_feed.py)), or by registering
providers in a `Registry` (`initiative_actions`, `my_space_sections`, `header_links`) from a module of a known name."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

from django.conf import settings


def app_modules(name: str, *, skip: tuple[str, ...] = ()) -> Iterator[tuple[str, ModuleType]]:
    """(app, module) for every local app that has a module `name`, in settings.LOCAL_APPS order.
    A module that exists but fails to import raises: only a missing module is skipped."""
    for app in settings.LOCAL_APPS:
        if app in skip:
            continue
        try:
            module = import_module(f"{app}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.{name}":
                raise
            continue
        yield app, module


class Registry:
    """Providers that apps register for a shared feature, without the feature's owner importing them.

    Each app registers its providers in its module `<app>.<module_name>` (e.g. `sports/initiative_actions.py`:
    `@initiative_actions.register`); the registry imports those modules the first time it is read, as the
    admin's autodiscovery does. Providers are called in settings.LOCAL_APPS order."""

    def __init__(self, module_name: str) -> None:
        self.module_name = module_name
        self._providers: list = []
        self._discovered = False

    def register(self, provider):
        if provider not in self._providers:
            self._providers.append(provider)
        return provider

    def providers(self) -> list:
        if not self._discovered:
            for _app, _module in app_modules(self.module_name):
                pass
            self._discovered = True
        return list(self._providers)


@dataclass(frozen=True)
class InitiativeAction:
    """What a person can do from an initiative's page: "Réserver", "S'inscrire", "Candidater"...

    `state` says where it stands in words ("3 places libres", "Clôture le…", "Complet"); `available` is
    False when it cannot be done now (closed, full with no waitlist): the link stays, to read the details.
    `primary` actions are the initiative's own (buttons on its page, the first one on its card);
    the others (alerts) come after them."""

    kind: str
    label: str
    url: str
    subject: str = ""  # what it is about when an initiative runs several (a programme's, a call's title)
    state: str = ""
    available: bool = True
    primary: bool = True


# `initiative_actions`: provider(initiatives: Sequence[Initiative]) -> {initiative.pk: [InitiativeAction, ...]},
# in a number of queries that does not grow with the initiatives (one query for all of them).
initiative_actions = Registry("initiative_actions")


@dataclass(frozen=True)
class SpaceItem:
    """One line of a section of "Mon espace": a booking, a registration, an application, an alert..."""

    title: str
    url: str = ""
    detail: str = ""
    status: str = ""
    links: tuple[tuple[str, str], ...] = ()  # (label, url): calendar file, cancel, resume...


@dataclass(frozen=True)
class SpaceTask:
    """Something the person must do next ("Finish your application", "Score this file")."""

    label: str
    url: str
    detail: str = ""
    order: int = 50  # smaller first: what has a deadline comes first


@dataclass(frozen=True)
class SpaceSection:
    key: str
    title: str
    items: tuple[SpaceItem, ...] = ()
    tasks: tuple[SpaceTask, ...] = ()
    empty: str = ""
    links: tuple[tuple[str, str], ...] = ()  # (label, url): the app's own page ("Mes réservations"), ...
    order: int = 50


@dataclass(frozen=True)
class HeaderLink:
    label: str
    url: str
    view_names: tuple[str, ...] = ()  # pages where the link is the current one (aria-current)


# `my_space_sections`: provider(user) -> SpaceSection | None, in a fixed number of queries.
my_space_sections = Registry("my_space")
# `header_links`: provider(user) -> list[HeaderLink], personal links shown in every page's header.
header_links = Registry("my_space")
