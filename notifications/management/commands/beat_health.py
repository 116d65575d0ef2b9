"""Is Celery beat alive? Beat records when it last sent each periodic task (django-celery-beat writes it to
the database at least every 3 minutes); the outbox's sweep is sent every NOTIFICATIONS_SWEEP_INTERVAL. Exit
status 1 when the sweep has not been sent for longer than `--max-age`: deploy/ restarts beat then."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

SWEEP = "notifications-sweep-pending"


class Command(BaseCommand):
    help = "Exit 0 if beat sent the outbox's sweep recently, 1 otherwise."

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-age",
            type=float,
            default=None,
            help="Seconds (default: 3 minutes of beat's own sync delay plus three sweep intervals, at least 6 min).",
        )

    def handle(self, *args, max_age=None, **options):
        if max_age is None:
            max_age = max(360.0, 180 + 3 * settings.NOTIFICATIONS_SWEEP_INTERVAL)
        last_run = PeriodicTask.objects.filter(name=SWEEP).values_list("last_run_at", flat=True).first()
        if last_run is None:
            raise CommandError(f"Beat never sent {SWEEP}: is beat running (with the database scheduler)?")
        age = (timezone.now() - last_run).total_seconds()
        if age > max_age:
            raise CommandError(f"Beat last sent {SWEEP} {age:.0f}s ago (limit {max_age:.0f}s): beat dead or stuck.")
        self.stdout.write(f"ok: beat sent {SWEEP} {age:.0f}s ago")
