"""Fixtures of the notifications tests: a real SMTP sink, the Celery app switched to a real (or an
unreachable) broker, and a real `celery worker` process for the tests marked `worker`."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from config.celery import app as celery_app
from tests.notifications.smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[2]
CELERY = ROOT / ".venv" / "bin" / "celery"
UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connection refused


def _reset_producer_pools() -> None:
    """Forget the app's pools so that a changed broker_url is used by the next publish (kombu keeps one
    pool per broker URL, so switching back finds the previous one again)."""
    from notifications.services import outbox

    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None
    outbox._broker_down_until.clear()  # a broker given again is tried at once


@contextlib.contextmanager
def celery_broker(url: str | None = None, eager: bool = False):
    """Publish tasks for real (to `url`, or the configured broker) inside the block."""
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.get("broker_url"), os.environ.get("CELERY_BROKER_URL")
    conf.task_always_eager = eager
    if url is not None:
        # Celery reads CELERY_BROKER_URL from the environment before its own setting.
        conf.broker_url = url
        if saved[2] is not None:
            os.environ["CELERY_BROKER_URL"] = url
    _reset_producer_pools()
    try:
        yield celery_app
    finally:
        conf.task_always_eager, conf.broker_url = saved[:2]
        if saved[2] is not None:
            os.environ["CELERY_BROKER_URL"] = saved[2]
        _reset_producer_pools()


@pytest.fixture
def broker_down():
    """The Celery app publishes to a broker that refuses connections (as when Redis is stopped)."""
    with celery_broker(UNREACHABLE_BROKER) as app:
        yield app


# --- a real worker (tests marked `worker`; CI runs them on PostgreSQL + Redis) -----------------------


def _database_url_for(name: str) -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@pytest.fixture(scope="module")
def worker_sink():
    with SmtpSink() as sink:
        yield sink


@contextlib.contextmanager
def worker_process(
    *, sink: SmtpSink, log_dir: Path, broker_url: str | None = None, name_prefix: str = "nt", env: dict | None = None
):
    """`celery -A config worker --beat` on the test database, sending to `sink`, publishing to `broker_url`
    (default: the configured broker). Its beat runs only the outbox's sweep, every half second, so retries
    (rows due again) and records the broker did not take are sent without anyone acting."""
    from django.db import connection

    if connection.vendor != "postgresql" or not os.environ.get("DATABASE_URL"):
        pytest.skip("the real worker needs the test database on PostgreSQL (DATABASE_URL=postgres://...)")
    name = f"{name_prefix}-{uuid.uuid4().hex[:8]}@%h"
    overrides = env or {}
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.worker_test",
        "DATABASE_URL": _database_url_for(connection.settings_dict["NAME"]),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "NOTIFICATIONS_RETRY_BACKOFF": "0.2",
        "NOTIFICATIONS_SWEEP_INTERVAL": "0.5",
        "WORKER_HEARTBEAT_FILE": str(log_dir / "heartbeat"),
        "WORKER_HEARTBEAT_INTERVAL": "0.5",
        "PYTHONPATH": str(ROOT),
        **overrides,
    }
    if broker_url:
        env["CELERY_BROKER_URL"] = broker_url
    with celery_broker(broker_url) as app:
        app.control.purge()
    log_path = log_dir / "worker.log"
    log = log_path.open("w")
    process = subprocess.Popen(  # noqa: S603 - our own celery, fixed arguments
        [str(CELERY if CELERY.exists() else Path(sys.executable).with_name("celery")), "-A", "config", "worker"]
        + ["-n", name, "-c", "2", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "warning"]
        + ["--beat", "-s", str(log_dir / "beat-schedule")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log_path = log_path
    process.heartbeat_path = log_dir / "heartbeat"
    try:
        hostname = name.replace("%h", socket.gethostname())
        with celery_broker(broker_url) as app:
            deadline = time.monotonic() + 30
            while not app.control.ping(destination=[hostname], timeout=0.5):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the Celery worker did not start ({process.poll()}): {log_path.read_text()[-2000:]}")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def celery_worker_process(django_db_setup, django_db_blocker, worker_sink, tmp_path_factory):
    """The worker of the tests marked `worker`, on the configured broker; stopped before the test database
    is dropped."""
    with worker_process(sink=worker_sink, log_dir=tmp_path_factory.mktemp("celery-worker")) as process:
        yield process


@pytest.fixture
def real_worker(celery_worker_process, worker_sink):
    """In the test, tasks go to Redis and the real worker runs them; yields the SMTP sink it sends to."""
    worker_sink.reset()
    with celery_broker() as app:
        app.control.purge()
        yield worker_sink
