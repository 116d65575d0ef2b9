import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
django.setup(set_prefix=False)

from common.http import GuardedWSGIHandler  # noqa: E402 - after django.setup()

# Django's own handler, with a request class that records malformed requests instead of crashing on
# them before any middleware runs (common/http.py).
application = GuardedWSGIHandler()
