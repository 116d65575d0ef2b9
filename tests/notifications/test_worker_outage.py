"""The worker rides out a broker outage with nobody acting (issue 15): a real `celery worker --beat` on a
Redis of the test's own (the shared Redis is never stopped), holding retries (records refused with 451
and due again later) when Redis is stopped, then started again empty. Before, the worker held those
retries as countdown messages and kombu 5.7.0 killed it while restoring them ("'NoneType' object has no
attribute 'hostname'"); now retries are rows in the outbox and the beat sweep queues them when due.
About 10 s (a worker of its own); PostgreSQL + Redis leg only."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest
from django.core.management import call_command

from notifications import services
from notifications.models import Notification
from tests.notifications.conftest import celery_broker, worker_process
from tests.notifications.smtp_sink import SmtpSink, free_port

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CONTEXT = {"confirm_url": "http://testserver/fr/x/", "cities": [], "categories": [], "valid_days": 7}


class RedisServer:
    """A redis-server of the test's own, without persistence: started again, it is empty."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True).stdout != b"PONG\n":  # noqa: S603,S607
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def own_redis():
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (apt-get install redis-server)")
    server = RedisServer()
    server.start()
    yield server
    server.stop()


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def test_a_worker_holding_retries_survives_redis_stopped_and_restarted_empty_and_everything_is_delivered(
    own_redis, tmp_path, settings
):
    with (
        SmtpSink() as sink,
        # Retries 3 s after a 451: still pending when Redis goes away.
        worker_process(
            sink=sink,
            log_dir=tmp_path,
            broker_url=own_redis.url,
            name_prefix="outage",
            env={"NOTIFICATIONS_RETRY_BACKOFF": "3"},
        ) as worker,
    ):
        sink.handler.data_replies = ["451 4.3.0 Essayez plus tard"] * 6
        with celery_broker(own_redis.url):
            records = [
                services.notify(
                    kind="alerts.confirm", key=f"outage:{n}", email=f"personne{n}@example.org", context=CONTEXT
                )
                for n in range(6)
            ]
        ids = [record.pk for record in records]
        pending_retries = Notification.objects.filter(pk__in=ids, status="pending", attempts=1)
        _wait(lambda: pending_retries.count() == 6, 20, "the worker did not try every record once")

        own_redis.stop()
        time.sleep(2)  # the worker loses the broker while it holds six retries; its sweep cannot publish
        assert worker.poll() is None, worker.log_path.read_text()[-3000:]
        own_redis.start()  # empty: the queued messages are gone, the rows are not

        sent = Notification.objects.filter(pk__in=ids, status="sent")
        _wait(lambda: sent.count() == 6, 30, f"not delivered: {worker.log_path.read_text()[-3000:]}")
        assert worker.poll() is None
        assert sorted(m["To"] for m in sink.messages) == sorted(f"personne{n}@example.org" for n in range(6))
        assert sink.count == 6  # once each
        assert sorted(Notification.objects.filter(pk__in=ids).values_list("attempts", flat=True)) == [2] * 6
        # The consumer is connected again: its heartbeat is fresh, the health check passes.
        settings.WORKER_HEARTBEAT_FILE = str(worker.heartbeat_path)
        call_command("worker_health", "--max-age", "5")
