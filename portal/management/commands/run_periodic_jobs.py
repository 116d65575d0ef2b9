"""Run the periodic jobs by hand, once, in this process: what Celery beat runs on its schedule in production.

The jobs are read from the beat schedule (settings.CELERY_BEAT_SCHEDULE), so this command and beat always run
the same tasks. In local mode (no broker) the messages they send are written to var/mail/ at once.

    python manage.py run_periodic_jobs --list           # the jobs and their task
    python manage.py run_periodic_jobs                  # every job
    python manage.py run_periodic_jobs --only digest    # the jobs whose name or task contains "digest"
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def selected_jobs(only: list[str]) -> list[tuple[str, dict]]:
    schedule = settings.CELERY_BEAT_SCHEDULE
    return [
        (name, entry)
        for name, entry in schedule.items()
        if not only or any(word.lower() in name.lower() or word.lower() in entry["task"].lower() for word in only)
    ]


class Command(BaseCommand):
    help = (
        "Run the periodic jobs of the beat schedule once, now, in this process (digest, reminders, slots, "
        "retention, outbox sweep...). --only WORD keeps the jobs whose name or task contains WORD."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            metavar="WORD",
            help="Only the jobs whose name or task contains WORD (digest, reminders, slots...); repeatable.",
        )
        parser.add_argument("--list", action="store_true", help="List the jobs of the schedule and run nothing.")

    def handle(self, *args, **options):
        jobs = selected_jobs(options["only"])
        known = ", ".join(settings.CELERY_BEAT_SCHEDULE)
        if not jobs:
            raise CommandError(f"No periodic job matches {' '.join(options['only'])!r}. Jobs: {known}")
        if options["list"]:
            for name, entry in jobs:
                self.stdout.write(f"{name}: {entry['task']}")
            return
        from celery import current_app as app  # the project's app (config/__init__.py loads it with Django)

        app.loader.import_default_modules()  # every app's tasks.py, as a worker does
        failed = []
        for name, entry in jobs:
            task = app.tasks[entry["task"]]
            result = task.apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
            if result.failed():
                failed.append(name)
                self.stderr.write(f"{name}: {entry['task']} failed: {result.result!r}")
            else:
                self.stdout.write(f"{name}: {entry['task']} -> {result.result}")
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)}")
