"""Settings of the real Celery worker that the `worker` tests (tests/notifications) and
bench/notifications_fanout.py start: base settings (DATABASE_URL, CELERY_BROKER_URL, EMAIL_HOST and
EMAIL_PORT of an SMTP sink come from the environment), tasks really queued, short retry backoff, and a
beat (`celery worker --beat`) that runs only the outbox's sweep, every NOTIFICATIONS_SWEEP_INTERVAL."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "worker-test-only-not-a-secret")
os.environ.setdefault("DJANGO_DEBUG", "0")

from .base import *  # noqa: E402,F403
from .base import env  # noqa: E402

CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
NOTIFICATIONS_RETRY_BACKOFF = env.float("NOTIFICATIONS_RETRY_BACKOFF", default=0.2)
NOTIFICATIONS_SWEEP_GRACE = env.float("NOTIFICATIONS_SWEEP_GRACE", default=5)
NOTIFICATIONS_SENDING_TIMEOUT = env.float("NOTIFICATIONS_SENDING_TIMEOUT", default=300)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING["root"]["level"] = env("DJANGO_LOG_LEVEL", default="WARNING")  # noqa: F405
CELERY_BEAT_SCHEDULER = "celery.beat:PersistentScheduler"
CELERY_BEAT_SCHEDULE = {"notifications-sweep-pending": CELERY_BEAT_SCHEDULE["notifications-sweep-pending"]}  # noqa: F405
