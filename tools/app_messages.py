"""Update the French and English catalogues of each app (`makemessages -l fr -l en --no-obsolete`).

    python tools/app_messages.py accounts partnership ...     # what `make messages` runs for the apps

makemessages writes into the `locale/` directory of the directory it runs in, so it runs in each app's
directory. Started there as a new process, though, the app's own modules would stand for other apps: Celery's
Django fixup puts the working directory first on sys.path, so `initiatives/alerts.py` would be imported as the
alerts app and `<app>/notifications.py` as the outbox. Django is therefore set up once from the repository
root, then the command runs in each app's directory.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(apps: list[str]) -> None:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django
    from django.core.management import call_command

    django.setup()
    for app in apps:
        if (ROOT / app / "locale").is_dir():
            os.chdir(ROOT / app)
            call_command("makemessages", locale=["fr", "en"], no_obsolete=True, verbosity=0)


if __name__ == "__main__":
    main(sys.argv[1:])
