"""Benchmark: requests per second and latency of the public pages, served by gunicorn.

    .venv/bin/python bench/http_pages.py [--database-url postgres://postgres@127.0.0.1:5432/bench_pages]
                                          [--seconds 5] [--initiatives 200]

Builds a throwaway database (a SQLite file, or the PostgreSQL database given, created and dropped),
loads the demo data plus N generated initiatives, starts gunicorn (2 workers, production settings
without HTTPS redirect) on a free loopback port and runs `wrk` against each page. /healthz is the
baseline: it touches neither the database nor the templates. Prints one line per page.
Needs Debian's `wrk` (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PAGES = [
    "/healthz",
    "/fr/",
    "/fr/initiatives/",
    "/fr/initiatives/?city=paris&q=num%C3%A9rique",
    "/fr/partenariats/paris-microsoft/",
    "/fr/partenariats/comparer/",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args: list[str], env: dict) -> None:
    subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--initiatives", type=int, default=200)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    database_url = options.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-" + "k3y" * 20,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "DJANGO_LOG_LEVEL": "WARNING",
        "EMAIL_FILE_PATH": str(workdir / "mail"),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
    }
    env.pop("CELERY_BROKER_URL", None)
    if database_url.startswith("postgres"):
        name = database_url.rsplit("/", 1)[1]
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    run([PYTHON, "manage.py", "migrate", "--noinput"], env)
    run([PYTHON, "manage.py", "load_demo", "--no-accounts"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput"], {**env, "DJANGO_STATIC_ROOT": str(workdir / "static")})
    generate = (
        "from tests.factories import InitiativeFactory; from partnership.models import Partnership;"
        f"p = Partnership.objects.get(slug='paris-microsoft'); InitiativeFactory.create_batch({options.initiatives}, partnership=p)"
    )
    run([PYTHON, "manage.py", "shell", "-c", generate], env)

    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310 - loopback only
                break
            except OSError:
                time.sleep(0.2)
        print(
            f"database: {database_url.split(':')[0]}, initiatives: {options.initiatives}+demo, gunicorn 2 workers, wrk 2 threads 16 connections, {options.seconds}s"
        )
        for page in PAGES:
            out = subprocess.run(
                ["wrk", "-t2", "-c16", f"-d{options.seconds}s", "--latency", f"http://127.0.0.1:{port}{page}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            rate = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
            p50 = re.search(r"50%\s+(\S+)", out).group(1)
            p99 = re.search(r"99%\s+(\S+)", out).group(1)
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            print(
                f"{page:55s} {float(rate):8.1f} req/s   p50 {p50:>8s}   p99 {p99:>8s}   non-2xx {errors.group(1) if errors else 0}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
        if database_url.startswith("postgres"):
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database_url.rsplit("/", 1)[1]],
                check=False,
            )


if __name__ == "__main__":
    main()
