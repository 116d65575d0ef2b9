"""Apps extend shared features by providing a module of a known name (`<app>/alerts.py`,
`<app>/notifications.py`, `<app>/transparency.py`, `<app>/privacy.py`, `<app>/dashboard.py`, `<app>/roles.py`,
`<app>/demo.py`, `<app>/place_actions.py`, `<app>/calendar_events.py` (common/calendar_feed.py))."""

from __future__ import annotations

from collections.abc import Iterator
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
