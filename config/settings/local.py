"""Developer defaults: DEBUG on, a throwaway secret key, emails written to var/mail/.

With DJANGO_DEBUG=0 no key is made up: the portal refuses to start without DJANGO_SECRET_KEY.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
if os.environ["DJANGO_DEBUG"].lower() in {"1", "true", "yes", "on"}:
    os.environ.setdefault("DJANGO_SECRET_KEY", "local-development-only-not-a-secret")

from .base import *  # noqa: E402,F403
