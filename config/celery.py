"""The Celery app. Settings come from Django's (CELERY_* names); tasks are found in each app.

`Heartbeat` is a consumer bootstep: while the worker's consumer is connected to the broker and its event
loop turns, it touches WORKER_HEARTBEAT_FILE every WORKER_HEARTBEAT_INTERVAL seconds. A consumer that
died, lost the broker or is stuck stops touching it; `manage.py worker_health` (deploy/: the compose
health check and the systemd timer) reads the file's age.
"""

import os
from functools import wraps
from pathlib import Path

from celery import Celery, bootsteps
from kombu.transport import redis as kombu_redis
from redis.exceptions import ConnectionError as RedisConnectionError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def _connection_gone_is_a_connection_error(connparams):
    """kombu 5.7.0's Redis transport: after the worker lost Redis, closing the channel puts the unacknowledged
    messages (tasks running or reserved) back, and a task that ends acknowledges its message, both through a
    connection already released: `_connparams` then raised AttributeError ("'NoneType' object has no attribute
    'hostname'" or "'client'"), which killed the worker ("Unrecoverable error", issue 15). Raised as a
    connection error instead, which kombu and Celery handle: the message stays where it is (in Redis's
    unacked set if Redis kept its data, handed back after the visibility timeout; gone if it restarted empty),
    the outbox's row stays pending or claimed and the sweep queues it again, and the worker reconnects.
    Measured with bench/faults.py (README "Production"); remove once kombu handles it."""

    @wraps(connparams)
    def wrapper(self, *args, **kwargs):
        if self.connection is None or self.connection.client is None:
            raise RedisConnectionError("The broker connection was released (connection lost).")
        return connparams(self, *args, **kwargs)

    wrapper.raises_connection_error = True
    return wrapper


if not getattr(kombu_redis.Channel._connparams, "raises_connection_error", False):
    kombu_redis.Channel._connparams = _connection_gone_is_a_connection_error(kombu_redis.Channel._connparams)

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
