"""Is the Celery worker's consumer alive? Reads the heartbeat file it touches while connected to the broker
(config/celery.py). Exit status 0 when it is fresh, 1 when it is missing or stale: the compose health check
and the systemd timer of deploy/ restart a worker that fails it."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Exit 0 if the Celery worker touched its heartbeat file recently, 1 otherwise."

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-age",
            type=float,
            default=None,
            help="Seconds after which the heartbeat is stale (default: 6 heartbeat intervals, at least 30).",
        )

    def handle(self, *args, max_age=None, **options):
        path = Path(settings.WORKER_HEARTBEAT_FILE)
        if max_age is None:
            max_age = max(30.0, 6 * settings.WORKER_HEARTBEAT_INTERVAL)
        try:
            age = time.time() - path.stat().st_mtime
        except FileNotFoundError:
            raise CommandError(f"No worker heartbeat at {path}: the worker never connected.") from None
        if age > max_age:
            raise CommandError(f"Worker heartbeat {age:.0f}s old (limit {max_age:.0f}s): consumer dead or stuck.")
        self.stdout.write(f"ok: worker heartbeat {age:.1f}s old")
