"""The environment of a process started with the production settings (tests that need its own process)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_environment(**extra: str) -> dict[str, str]:
    """This process's environment without its Django and database variables, plus production's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x7#kq-" + "a1b2c3d4e5" * 6,
        DJANGO_ALLOWED_HOSTS="partenariats.example.org",
    )
    env.update(extra)
    return env
