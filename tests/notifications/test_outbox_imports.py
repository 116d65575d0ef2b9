"""The outbox imports no feature app: each app hands it its messages (`<app>/notifications.py`), never the
other way round. It may know `common` and the city (`partnership`), to scope its records in the admin."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {"notifications", "common", "partnership"}


def imported_apps(package: str) -> dict[str, set[str]]:
    """For each module of `package` (migrations excluded), the local apps its import statements name."""
    local = set(settings.LOCAL_APPS) | {"common", "config"}
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = {name.split(".")[0] for name in names} & local
    return found


def test_the_outbox_imports_no_feature_app():
    imports = imported_apps("notifications")
    assert "notifications/services/outbox.py" in imports  # the walk reads the package
    offending = {module: apps - ALLOWED for module, apps in imports.items() if apps - ALLOWED}
    assert offending == {}


def test_the_outbox_templates_know_no_feature_app():
    templates = ROOT / "notifications" / "templates"
    found = sorted(str(path.relative_to(templates)) for path in templates.rglob("*") if path.is_file())
    assert found == ["notifications/email/base.html", "notifications/email/base.txt"]
