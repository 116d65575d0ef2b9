"""Benchmark (not a test): what Redis and SMTP faults cost a person and the outbox, with a real Celery
worker (and its beat), a Redis of the bench's own, PostgreSQL and a faulty SMTP server (aiosmtpd).

    .venv/bin/python bench/faults.py                       # every scenario, Redis on port 6393
    .venv/bin/python bench/faults.py --only redis-frozen,smtp-mixed --seconds 12 --rate 15

Needs PostgreSQL on 127.0.0.1 and redis-server installed; it never touches the shared Redis (6379): it starts
its own on --redis-port and stops, kills, restarts and freezes that one. It creates its own database (dropped
at the end unless --keep-db). For each scenario, people subscribe to alerts (a page that writes a row and
notifies) at --rate per second for --seconds; the fault starts 2 s in and lasts --outage seconds (SMTP faults
last the whole scenario); then it waits until every record is sent or refused. It prints, per scenario:
notifications queued, delivered, refused (550, expected), lost (neither), duplicated (received twice),
the delay (created -> accepted by the SMTP server) of the healthy records (sent at their first attempt):
p50/p99/max, the longest page time, and the worker's unexpected deaths.

The outbox's timings are shortened so that a run takes minutes (printed with the figures): sweep every
second, retries after 1 s doubling, a queued record presumed lost after 10 s, a dead worker's claim given
back after 15 s. Production: 60 s, 30 s, 60 s, 300 s.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TIMINGS = {
    "NOTIFICATIONS_SWEEP_INTERVAL": "1",
    "NOTIFICATIONS_RETRY_BACKOFF": "1",
    "NOTIFICATIONS_SWEEP_GRACE": "10",
    "NOTIFICATIONS_SENDING_TIMEOUT": "15",
}
SCENARIOS = [
    "baseline",
    "redis-stopped",
    "redis-killed-empty",
    "redis-frozen",
    "worker-killed",
    "smtp-451",
    "smtp-550",
    "smtp-drops",
    "smtp-mixed",
]


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="comma-separated scenarios: " + ", ".join(SCENARIOS))
    parser.add_argument("--redis-port", type=int, default=6393)
    parser.add_argument("--rate", type=float, default=15.0, help="page actions per second")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each scenario's traffic")
    parser.add_argument("--outage", type=float, default=5.0, help="length of a Redis or worker fault")
    parser.add_argument("--wait", type=float, default=120.0, help="how long to wait for the outbox to drain")
    parser.add_argument("--database", default=f"partenariats_bench_faults_{os.getpid()}")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--seed", type=int, default=15)
    return parser.parse_args()


class Redis:
    """A redis-server of the bench's own. `stop` saves its data (a graceful shutdown), `kill` loses it."""

    def __init__(self, port: int, workdir: Path):
        self.port, self.dir = port, workdir
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir)]
            + ["--dbfilename", "bench.rdb", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while self.cli("ping") != "PONG":
            if time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def cli(self, *command: str) -> str:
        result = subprocess.run(  # noqa: S603
            ["redis-cli", "-p", str(self.port), *command],
            capture_output=True,
            text=True,
            timeout=5,  # noqa: S607
        )
        return result.stdout.strip()

    def stop(self) -> None:  # graceful: the queued messages are saved and come back
        self.cli("shutdown", "save")
        self.process.wait(timeout=10)

    def kill(self) -> None:  # the data is gone
        self.process.kill()
        self.process.wait(timeout=10)
        (self.dir / "bench.rdb").unlink(missing_ok=True)

    def freeze(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def close(self) -> None:
        if self.process and self.process.poll() is None:
            self.thaw()
            self.process.kill()
            self.process.wait(timeout=10)


class Worker:
    """`celery -A config worker --beat` (config.settings.worker_test), restarted by the bench as a supervisor would."""

    def __init__(self, env: dict, workdir: Path):
        self.env, self.dir = env, workdir
        self.process: subprocess.Popen | None = None
        self.deaths = 0
        self.log = (workdir / "worker.log").open("a")

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [str(ROOT / ".venv" / "bin" / "celery"), "-A", "config", "worker", "--beat", "-c", "2", "-l", "warning"]
            + ["-s", str(self.dir / "beat-schedule"), "-n", f"faults-{uuid.uuid4().hex[:6]}@%h"]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its pool and beat children go with it (as systemd's cgroup would)
        )

    def _signal_group(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)

    def check(self) -> None:
        """An exit we did not cause is a death: counted, then restarted (the supervisor's Restart=always)."""
        if self.process.poll() is not None:
            self.deaths += 1
            self._signal_group(signal.SIGKILL)  # children left behind by the dead main process
            self.start()

    def kill(self) -> None:
        self._signal_group(signal.SIGKILL)
        self.process.wait(timeout=10)

    def close(self) -> None:
        if self.process.poll() is None:
            self._signal_group(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=20)
        self._signal_group(signal.SIGKILL)
        self.log.close()


def faulty_sink():
    from tests.notifications.smtp_sink import SinkHandler, SmtpSink

    class FaultyHandler(SinkHandler):
        """Answers DATA with 451 / 550 or drops the connection with the given probabilities; counts what it
        accepted per recipient (to find duplicates)."""

        def reset(self) -> None:
            super().reset()
            self.p451 = self.p550 = self.pdrop = 0.0
            self.received: Counter[str] = Counter()
            self.random = random.Random(15)  # noqa: S311 - fault injection

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook
            with self.lock:
                roll = self.random.random()
                if roll < self.pdrop:
                    server.transport.close()
                    return "421 4.4.2 dropped"
                if roll < self.pdrop + self.p451:
                    return "451 4.3.0 Essayez plus tard"
                if roll < self.pdrop + self.p451 + self.p550:
                    return "550 5.1.1 Adresse inconnue"
                for address in envelope.rcpt_tos:
                    self.received[address.lower()] += 1
            return "250 OK"

    sink = SmtpSink(keep_messages=False)
    sink.handler = FaultyHandler(keep_messages=False)
    from aiosmtpd.controller import Controller

    sink.controller = Controller(sink.handler, hostname="127.0.0.1", port=sink.port)
    return sink


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_scenario(name: str, label: str, args, redis: Redis, worker: Worker, sink) -> dict:
    from django.test import Client
    from django.urls import reverse

    from notifications.models import Notification

    sink.handler.reset()
    sink.handler.p451 = {"smtp-451": 0.2, "smtp-mixed": 0.2}.get(name, 0.0)
    sink.handler.p550 = {"smtp-550": 0.05}.get(name, 0.0)
    sink.handler.pdrop = {"smtp-drops": 0.05, "smtp-mixed": 0.05}.get(name, 0.0)
    fault_on, fault_off = {
        "redis-stopped": (redis.stop, redis.start),
        "redis-killed-empty": (redis.kill, redis.start),
        "redis-frozen": (redis.freeze, redis.thaw),
        "worker-killed": (worker.kill, worker.start),
    }.get(name, (None, None))
    client = Client(HTTP_HOST="testserver")
    subscribe = reverse("alerts:subscribe")
    page_times: list[float] = []
    started = time.monotonic()
    sent_requests, fault_state = 0, "before"
    while (elapsed := time.monotonic() - started) < args.seconds:
        if fault_on and fault_state == "before" and elapsed >= 2:
            fault_on()
            fault_state = "on"
        if fault_on and fault_state == "on" and elapsed >= 2 + args.outage:
            fault_off()
            fault_state = "after"
        if fault_state != "on" or name != "worker-killed":
            worker.check()
        t = time.perf_counter()
        response = client.post(subscribe, {"email": f"{label}-{sent_requests}@bench.example", "language": "fr"})
        page_times.append(time.perf_counter() - t)
        if response.status_code >= 500:
            print(f"  {name}: page answered {response.status_code}", flush=True)
        if sent_requests % 10 == 0:
            for path in ("/readyz", "/fr/compte/login/"):
                t = time.perf_counter()
                client.get(path)
                page_times.append(time.perf_counter() - t)
        sent_requests += 1
        time.sleep(max(0.0, started + sent_requests / args.rate - time.monotonic()))
    if fault_state == "on":
        fault_off()
    rows = Notification.objects.filter(email__startswith=f"{label}-")
    deadline = time.monotonic() + args.wait
    while rows.exclude(status__in=["sent", "failed"]).exists() and time.monotonic() < deadline:
        worker.check()
        time.sleep(0.5)
    time.sleep(2)  # a late duplicate would arrive now
    records = list(rows.values("email", "status", "attempts", "created_at", "sent_at"))
    received = {address: count for address, count in sink.handler.received.items() if address.startswith(label + "-")}
    refused = [r for r in records if r["status"] == "failed"]
    delivered = [r for r in records if r["email"] in received]
    lost = [r for r in records if r["email"] not in received and r["status"] != "failed"]
    healthy = [
        (r["sent_at"] - r["created_at"]).total_seconds()
        for r in records
        if r["status"] == "sent" and r["attempts"] == 1 and r["email"] in received
    ]
    return {
        "scenario": name,
        "queued": len(records),
        "delivered": len(delivered),
        "refused": len(refused),
        "lost": len(lost),
        "duplicated": sum(count - 1 for count in received.values()),
        "p50": percentile(healthy, 0.5),
        "p99": percentile(healthy, 0.99),
        "max": max(healthy, default=float("nan")),
        "page": max(page_times),
        "deaths": worker.deaths,
    }


def main() -> None:
    args = _parse_args()
    chosen = [s for s in (args.only.split(",") if args.only else SCENARIOS) if s]
    unknown = set(chosen) - set(SCENARIOS)
    if unknown:
        raise SystemExit(f"unknown scenarios: {', '.join(sorted(unknown))}")
    if not shutil.which("redis-server"):
        raise SystemExit("needs redis-server")
    workdir = Path(tempfile.mkdtemp(prefix="bench-faults-"))
    database_url = f"{args.pg}/{args.database}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", args.database], check=True)  # noqa: S603,S607
    redis = Redis(args.redis_port, workdir)
    redis.start()
    sink = faulty_sink()
    sink.controller.start()
    env = {
        **os.environ,
        **TIMINGS,
        "DJANGO_SETTINGS_MODULE": "config.settings.worker_test",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{args.redis_port}/0",
        "CACHE_URL": f"redis://127.0.0.1:{args.redis_port}/1",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "WORKER_HEARTBEAT_FILE": str(workdir / "heartbeat"),
        "DJANGO_LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    import django

    django.setup()
    import logging

    from django.conf import settings
    from django.core.management import call_command

    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # /readyz's 503 during outages, expected
    # Pages render without collectstatic (the manifest is a deployment step, not what is measured here).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    call_command("migrate", verbosity=0)
    worker = Worker(env, workdir)
    worker.start()
    time.sleep(5)  # the worker connects
    from django.test import Client

    warm = Client(HTTP_HOST="testserver")  # templates compiled, connections opened: not part of any figure
    for path in ("/readyz", "/fr/compte/login/", "/fr/alertes/"):
        warm.get(path)
    results = []
    try:
        for run, name in enumerate(chosen):
            print(f"running {name}...", flush=True)
            results.append(run_scenario(name, f"{name}-r{run}", args, redis, worker, sink))
            worker.deaths = 0
    finally:
        worker.close()
        sink.controller.stop()
        redis.close()
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", args.database], check=False)  # noqa: S603,S607
    print()
    print(f"rate {args.rate}/s for {args.seconds}s, fault from 2 s for {args.outage}s; outbox timings {TIMINGS}")
    header = (
        "scenario            queued delivered refused lost dup  healthy delay p50 / p99 / max   longest page  deaths"
    )
    print(header)
    for r in results:
        print(
            f"{r['scenario']:<19} {r['queued']:>6} {r['delivered']:>9} {r['refused']:>7} {r['lost']:>4} {r['duplicated']:>3}"
            f"  {r['p50']:6.2f}s / {r['p99']:6.2f}s / {r['max']:6.2f}s   {r['page']:8.3f}s  {r['deaths']:>6}"
        )
    print(f"worker log: {workdir / 'worker.log'}")


if __name__ == "__main__":
    main()
