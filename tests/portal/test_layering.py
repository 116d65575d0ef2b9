"""The pages layer sits on top: it may read every app, and nothing reads it (code or templates).

Templates an app shares with the pages (base.html, partials, error pages) live in the shared `templates/`."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = [*(app for app in settings.LOCAL_APPS if app != "portal"), "common", "config"]
TEMPLATE_USE = re.compile(r"{%\s*(?:extends|include)\s+[\"']portal/")


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_no_app_imports_the_pages_layer():
    found = [
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if any(name == "portal" or name.startswith("portal.") for name in _imported_modules(path))
    ]
    assert found == []


def test_no_template_outside_the_pages_layer_uses_its_templates():
    folders = [ROOT / "templates", *(ROOT / package / "templates" for package in PACKAGES)]
    found = [
        str(path.relative_to(ROOT))
        for folder in folders
        for path in folder.rglob("*.html")
        if TEMPLATE_USE.search(path.read_text())
    ]
    assert found == []


def test_the_layering_check_sees_an_import_and_an_include(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from portal.views import home\n")
    assert "portal.views" in _imported_modules(module)
    assert TEMPLATE_USE.search('{% include "portal/_partnership_cards.html" %}')
