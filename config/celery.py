"""The Celery app. Settings come from Django's (CELERY_* names); tasks are found in each app.

`Heartbeat` is a consumer bootstep: while the worker's consumer is connected to the broker and its event
loop turns, it touches WORKER_HEARTBEAT_FILE every WORKER_HEARTBEAT_INTERVAL seconds. A consumer that
died, lost the broker or is stuck stops touching it; `manage.py worker_health` (deploy/: the compose
health check and the systemd timer) reads the file's age.
"""

import logging
import os
from functools import wraps
from pathlib import Path

from celery import Celery, bootsteps
from kombu.transport import redis as kombu_redis

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

logger = logging.getLogger(__name__)


def _keep_unacked_when_the_connection_is_gone(restore_unacked):
    """kombu 5.7.0's Redis transport: when the worker loses Redis while it holds unacknowledged messages (tasks
    running or reserved), closing the channel tries to put them back through a connection already released
    and raises AttributeError ("'NoneType' object has no attribute 'hostname'"), which kills the worker
    ("Unrecoverable error"). Here that failure leaves the messages where they are: in Redis's unacked set if
    Redis kept its data (handed back after the visibility timeout), gone if it restarted empty; either way the
    outbox's rows stay pending or claimed and the sweep queues them again. The worker then reconnects.
    Measured with bench/faults.py (README "Production"); remove once kombu restores safely."""

    @wraps(restore_unacked)
    def wrapper(self, client=None):
        try:
            return restore_unacked(self, client)
        except AttributeError:
            if getattr(self.channel.connection, "client", None) is not None:
                raise
            logger.warning("Broker connection gone: %s unacknowledged message(s) left to Redis.", len(self._delivered))
            return None

    wrapper.keeps_unacked = True
    return wrapper


if not getattr(kombu_redis.QoS.restore_unacked, "keeps_unacked", False):
    kombu_redis.QoS.restore_unacked = _keep_unacked_when_the_connection_is_gone(kombu_redis.QoS.restore_unacked)

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
