"""Settings for the test suite: same as production's shape, fast hashing, mail kept in memory."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-a-secret")
os.environ.setdefault("DJANGO_DEBUG", "0")


def _redis_database_per_test_worker() -> None:
    """Under pytest-xdist (`make test` runs the suite on every CPU), each test process gets its own Redis
    databases for the cache and the broker: a test clears the cache (FLUSHDB) and the real Celery worker of the
    `worker` tests consumes its broker's queue, so sharing them would let one process wipe or take another's.
    gw0 keeps the given databases, gw1 the two below them, and so on. The rewritten URLs stay in the environment,
    so the Celery worker a test starts uses the same ones (the marker keeps them from being shifted twice)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or os.environ.get("REDIS_DATABASES_SHIFTED_FOR") == worker:
        return
    shift = 2 * int(worker[2:])
    for name in ("CACHE_URL", "CELERY_BROKER_URL"):
        url = os.environ.get(name, "")
        head, _, database = url.rpartition("/")
        if url.startswith("redis://") and database.isdigit():
            os.environ[name] = f"{head}/{(int(database) - shift) % 16}"
    os.environ["REDIS_DATABASES_SHIFTED_FOR"] = worker


_redis_database_per_test_worker()

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

if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # The suite's commits (live-server and transactional tests, the real worker's) need not wait for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
