"""The outbox knows no feature app: each app hands it its messages (`<app>/notifications.py`), never the
other way round. Its imports are checked with every app's in tests/test_architecture.py (notifications may
import `common` and `partnership`, to scope its records by city); here, its templates."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_outbox_templates_know_no_feature_app():
    templates = ROOT / "notifications" / "templates"
    found = sorted(str(path.relative_to(templates)) for path in templates.rglob("*") if path.is_file())
    assert found == ["notifications/email/base.html", "notifications/email/base.txt"]
