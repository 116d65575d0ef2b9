"""Benchmark (not a test): the daily alert digest to N subscribers through a real Celery worker, Redis
and an SMTP server (aiosmtpd), with the rate of an empty Celery task measured in the same run as the
baseline.

    .venv/bin/python bench/notifications_fanout.py                 # 10,000 subscribers, 2 worker processes
    .venv/bin/python bench/notifications_fanout.py --subscribers 2000 --concurrency 4

Needs PostgreSQL and Redis on 127.0.0.1 (see DEVELOPERS.md / FIELD-NOTES). It creates its own database
(dropped at the end unless --keep-db) and uses its own Redis database number (--redis-db). Prints:
empty tasks per second (baseline), emails per second (end to end: from queuing the digest task to the
last message accepted by the SMTP server, digest build included; and the sending phase alone), SMTP
connections opened against the number of chunks. Goal (issue 3): emails/s ≥ half the empty-task rate,
connections ≤ one per chunk.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOOP_TASK = "bench.noop"
BASELINE_QUEUE = "bench_empty"

# The worker imports this module (--include) to know the empty task; nothing else runs on import.
try:
    from config.celery import app as _app

    @_app.task(name=NOOP_TASK, acks_late=True, ignore_result=True)
    def noop() -> None:
        """The empty task of the baseline."""
except ImportError:  # pragma: no cover - imported outside the project
    pass


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--empty-tasks", type=int, default=5_000)
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes (prefork)")
    parser.add_argument("--database", default=f"partenariats_bench_fanout_{os.getpid()}")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--redis-db", type=int, default=11)
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args()


def _run(*command: str) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    args = _parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.notifications.smtp_sink import SmtpSink

    pg = args.pg.rstrip("/")
    host = pg.split("@")[-1].split(":")[0]
    _run("dropdb", "-h", host, "-U", "postgres", "--if-exists", args.database)
    _run("createdb", "-h", host, "-U", "postgres", args.database)
    sink = SmtpSink(keep_messages=False)
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.worker_test",
        "DATABASE_URL": f"{pg}/{args.database}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "SITE_URL": "https://partenariats.example.org",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    processes: list[subprocess.Popen] = []
    try:
        with sink:
            _bench(args, sink, env, processes)
    finally:
        for worker in processes:
            worker.terminate()
            worker.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            _run("dropdb", "-h", host, "-U", "postgres", "--if-exists", args.database)


def _bench(args: argparse.Namespace, sink, env: dict, processes: list) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from config.celery import app

    print(f"database {args.database}: migrating…", flush=True)
    call_command("migrate", verbosity=0)
    _create_data(args.subscribers)

    name = f"bench-{uuid.uuid4().hex[:6]}@%h"
    log = open(f"/tmp/{args.database}-worker.log", "w")  # noqa: S108, SIM115 - closed with the process
    worker = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "celery"), "-A", "config", "worker", "--include", "bench.notifications_fanout"]
        + ["-n", name, "-c", str(args.concurrency), "--without-gossip", "--without-mingle", "--without-heartbeat"]
        + ["-l", "warning", "-Q", "celery"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    processes.append(worker)
    print(f"worker log: {log.name}", flush=True)
    hostname = name.replace("%h", os.uname().nodename)
    app.control.purge()
    deadline = time.monotonic() + 60
    while not app.control.ping(destination=[hostname], timeout=0.5):
        if worker.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("the worker did not start")

    empty_rate = _baseline(app, hostname, args.empty_tasks)
    emails_rate, send_rate, elapsed = _digest(app, sink, args.subscribers)
    build = _build_seconds()

    chunks = math.ceil(args.subscribers / _chunk_size())
    print()
    print(f"worker: prefork, {args.concurrency} processes; {os.cpu_count()} CPUs; PostgreSQL, Redis and the sink local")
    print(f"empty Celery task (baseline):  {empty_rate:8.0f} tasks/s   ({args.empty_tasks} tasks)")
    print(
        f"digest, end to end:            {emails_rate:8.0f} emails/s  ({sink.count} emails in {elapsed:.1f}s, "
        "digest build included)"
    )
    print(f"digest build:                  {build:8.1f} s         (first to last record created, while sending)")
    print(f"digest, sending phase:         {send_rate:8.0f} emails/s  (first to last message at the SMTP server)")
    print(f"SMTP connections opened:       {sink.connections:8d}          ({chunks} chunks of {_chunk_size()})")
    ratio = emails_rate / empty_rate if empty_rate else 0
    print(f"emails/s ÷ empty tasks/s:      {ratio:8.2f}          (goal ≥ 0.5)")
    print(f"connections ≤ one per chunk:   {'yes' if sink.connections <= chunks else 'NO'}")


def _cpu_seconds() -> dict[str, float]:
    """CPU time (user + system) of the processes on this machine that take part, by kind: this process
    (the SMTP sink), the Celery worker, PostgreSQL and Redis (other processes are not counted)."""
    ticks = os.sysconf("SC_CLK_TCK")
    totals: dict[str, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        seconds = (int(fields[11]) + int(fields[12])) / ticks
        if int(entry.name) == os.getpid():
            kind = "sink (bench process)"
        elif "celery" in command and "bench.notifications_fanout" in command:
            kind = "worker"
        elif stat.split(" (", 1)[1].startswith(("postgres", "postmaster")):
            kind = "postgresql (all databases)"
        elif "redis-server" in command:
            kind = "redis"
        else:
            continue
        totals[kind] = totals.get(kind, 0.0) + seconds
    return totals


def _build_seconds() -> float:
    from django.db.models import Max, Min

    from notifications.models import Notification

    span = Notification.objects.aggregate(first=Min("created_at"), last=Max("created_at"))
    return (span["last"] - span["first"]).total_seconds() if span["first"] else 0.0


def _chunk_size() -> int:
    from notifications import constants

    return constants.CHUNK_SIZE


def _create_data(subscribers: int) -> None:
    from django.utils import timezone

    from alerts.models import Subscription
    from initiatives.models import Category, Initiative
    from partnership.models import City, Partnership

    print(f"creating {subscribers} confirmed subscribers…", flush=True)
    now = timezone.now()
    paris = City.objects.create(name="Paris", name_en="Paris", slug="paris")
    lyon = City.objects.create(name="Lyon", name_en="Lyon", slug="lyon")
    category, _created = Category.objects.get_or_create(
        slug="inclusion-numerique", defaults={"name": "Inclusion numérique", "name_en": "Digital inclusion"}
    )
    for index, city in enumerate([paris, lyon, paris]):
        partnership = Partnership.objects.create(
            city=city, title=f"Partenariat d'exemple {index}", slug=f"partenariat-bench-{index}", summary="Exemple."
        )
        initiative = Initiative.objects.create(
            partnership=partnership,
            category=category,
            title=f"Initiative d'exemple {index}",
            title_en=f"Example initiative {index}",
            slug=f"initiative-bench-{index}",
            summary="Exemple.",
            is_published=True,
        )
        Initiative.objects.filter(pk=initiative.pk).update(
            created_at=now - timezone.timedelta(hours=2), published_at=now - timezone.timedelta(hours=2)
        )
    rows = [
        Subscription(
            email=f"abonne{index}@bench.example.org",
            language="en" if index % 4 == 0 else "fr",
            is_confirmed=True,
            confirmed_at=now - timezone.timedelta(days=1),
        )
        for index in range(subscribers)
    ]
    Subscription.objects.bulk_create(rows, batch_size=2000)
    through = Subscription.cities.through
    ids = Subscription.objects.order_by("pk").values_list("pk", flat=True)
    # A third of them only want Paris, a third Lyon, a third everything.
    links = [
        through(subscription_id=pk, city_id=(paris.pk if index % 3 == 0 else lyon.pk))
        for index, pk in enumerate(ids)
        if index % 3 != 2
    ]
    through.objects.bulk_create(links, batch_size=5000)


def _wait_queue_empty(app, queue: str, timeout: float) -> None:
    with app.connection_for_write() as connection:
        client = connection.default_channel.client
        deadline = time.monotonic() + timeout
        while client.llen(queue) and time.monotonic() < deadline:
            time.sleep(0.005)


def _processed(app, hostname: str, task: str) -> int:
    stats = app.control.inspect(destination=[hostname], timeout=2).stats() or {}
    return stats.get(hostname, {}).get("total", {}).get(task, 0)


def _baseline(app, hostname: str, count: int) -> float:
    """Empty tasks queued beforehand on a queue the worker does not read yet, then timed from the moment
    it starts reading it until the queue is drained and every task has run."""
    print(f"baseline: {count} empty tasks…", flush=True)
    with app.producer_or_acquire() as producer:
        for _index in range(count):
            app.send_task(NOOP_TASK, queue=BASELINE_QUEUE, producer=producer)
    started = time.perf_counter()
    app.control.add_consumer(BASELINE_QUEUE, destination=[hostname], reply=True)
    _wait_queue_empty(app, BASELINE_QUEUE, timeout=600)
    while _processed(app, hostname, NOOP_TASK) < count:
        time.sleep(0.01)
    elapsed = time.perf_counter() - started
    app.control.cancel_consumer(BASELINE_QUEUE, destination=[hostname], reply=True)
    return count / elapsed


def _digest(app, sink, subscribers: int) -> tuple[float, float, float]:
    from notifications.models import Notification

    print(f"digest to {subscribers} subscribers…", flush=True)
    sink.reset()
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    app.send_task("alerts.tasks.send_digests")
    if not sink.wait_for(subscribers, timeout=900):
        raise SystemExit(f"only {sink.count} of {subscribers} emails arrived")
    elapsed = time.perf_counter() - started
    cpu = {name: _cpu_seconds()[name] - cpu_before.get(name, 0.0) for name in _cpu_seconds()}
    print(
        "CPU seconds during the digest: "
        + ", ".join(f"{name} {seconds:.1f}" for name, seconds in sorted(cpu.items()) if seconds >= 0.05),
        flush=True,
    )
    sent = Notification.objects.filter(status=Notification.Status.SENT).count()
    if sent != subscribers:
        print(f"warning: {sent} records marked sent for {subscribers} emails")
    send_phase = (sink.handler.last_at - sink.handler.first_at) or elapsed
    return subscribers / elapsed, subscribers / send_phase, elapsed


if __name__ == "__main__":
    main()
