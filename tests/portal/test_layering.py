"""The pages layer sits on top: it may read every app, and nothing reads it. Its code is checked with every
app's in tests/test_architecture.py (imports, hidden ones and dotted paths in strings included); here, templates.

Templates an app shares with the pages (base.html, partials, error pages) live in the shared `templates/`."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = [*(app for app in settings.LOCAL_APPS if app != "portal"), "common", "config"]
TEMPLATE_USE = re.compile(r"{%\s*(?:extends|include)\s+[\"']portal/")


def test_no_template_outside_the_pages_layer_uses_its_templates():
    folders = [ROOT / "templates", *(ROOT / package / "templates" for package in PACKAGES)]
    found = [
        str(path.relative_to(ROOT))
        for folder in folders
        for path in folder.rglob("*.html")
        if TEMPLATE_USE.search(path.read_text())
    ]
    assert found == []


def test_the_layering_check_sees_an_include():
    assert TEMPLATE_USE.search('{% include "portal/_partnership_cards.html" %}')
