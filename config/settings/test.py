"""Settings for the test suite: same as production's shape, fast hashing, mail kept in memory."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-a-secret")
os.environ.setdefault("DJANGO_DEBUG", "0")

from .base import *  # noqa: E402,F403
from .base import env  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default="/tmp/partenariats-test-media"))  # noqa: F405,S108
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
ALLOWED_HOSTS = ["*"]  # noqa: S104

# Tasks run in-process in the suite, even when CI points CELERY_BROKER_URL at Redis; tests marked
# `worker` switch the Celery app to the real broker and a real worker (tests/notifications).
CELERY_TASK_ALWAYS_EAGER = True
PAGE_CACHE_ENABLED = env.bool(
    "PAGE_CACHE_ENABLED", default=False
)  # tests of the page cache turn it on (tests/test_page_cache.py)
