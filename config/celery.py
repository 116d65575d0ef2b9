"""The Celery app. Settings come from Django's (CELERY_* names); tasks are found in each app.

`Heartbeat` is a consumer bootstep: while the worker's consumer is connected to the broker and its event
loop turns, it touches WORKER_HEARTBEAT_FILE every WORKER_HEARTBEAT_INTERVAL seconds. A consumer that
died, lost the broker or is stuck stops touching it; `manage.py worker_health` (deploy/: the compose
health check and the systemd timer) reads the file's age.
"""

import os
from pathlib import Path

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("partenariats")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def touch_heartbeat(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


class Heartbeat(bootsteps.StartStopStep):
    requires = {"celery.worker.consumer.tasks:Tasks"}

    def __init__(self, parent, **kwargs):
        super().__init__(parent, **kwargs)
        self.timer = None

    def start(self, parent) -> None:
        from django.conf import settings

        path = Path(settings.WORKER_HEARTBEAT_FILE)
        touch_heartbeat(path)
        self.timer = parent.timer.call_repeatedly(settings.WORKER_HEARTBEAT_INTERVAL, touch_heartbeat, (path,))

    def stop(self, parent) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    shutdown = stop


app.steps["consumer"].add(Heartbeat)
