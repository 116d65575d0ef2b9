"""The settings refuse to run production without a secret and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


def test_debug_off_without_a_secret_key_refuses_to_start():
    result = _manage("check", DJANGO_DEBUG="0", DJANGO_SETTINGS_MODULE="config.settings.local")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_refuse_a_missing_secret_key():
    result = _manage("check", DJANGO_DEBUG="0", DJANGO_SETTINGS_MODULE="config.settings.production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_pass_check_deploy():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x7#kq-" + "a1b2c3d4e5" * 6,
        DJANGO_ALLOWED_HOSTS="partenariats.example.org",
        DJANGO_SETTINGS_MODULE="config.settings.production",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_collectstatic_builds_the_manifest_for_production(tmp_path):
    """Every vendored asset resolves (a missing source map would break the manifest and the deploy)."""
    result = _manage(
        "collectstatic",
        "--noinput",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x7#kq-" + "a1b2c3d4e5" * 6,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/bootstrap/bootstrap.min.*.css"))
