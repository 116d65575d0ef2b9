"""The API is on the pages' side: it reads the apps' selectors and filters, and no app imports it (config's URLs
name it as a string)."""

from django.conf import settings

from tests.portal.test_layering import ROOT, _imported_modules

PACKAGES = [*(app for app in settings.LOCAL_APPS if app != "api"), "common", "config"]


def test_no_app_imports_the_api():
    found = [
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if any(name == "api" or name.startswith("api.") for name in _imported_modules(path))
    ]
    assert found == []


def test_the_api_imports_no_view_of_another_app():
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "api").rglob("*.py")
        for name in _imported_modules(path)
        if name.split(".")[0] in settings.LOCAL_APPS and ".views" in name
    ]
    assert found == []
