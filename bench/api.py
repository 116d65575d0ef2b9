"""Benchmark: requests per second and latency of the API's lists against /healthz, in the same run, under gunicorn.

    .venv/bin/python bench/api.py [--database-url postgres://postgres@127.0.0.1:5432/bench_api]
                                  [--cache-url redis://127.0.0.1:6379/1] [--seconds 5] [--rows 500]

Builds a throwaway database (a SQLite file, or the PostgreSQL database given, created and dropped), loads the
demo data plus N generated initiatives and N places (with coordinates in Paris), starts gunicorn (2 workers,
production settings without the HTTPS redirect) on a free loopback port, with the cache given (Redis by
default, as in production: the rate limit and the Last-Modified records go there; the database number is
emptied before and after) and a rate limit high enough never to refuse, so that its cost is measured. Then
runs `wrk` against /healthz (the baseline: no database, no template), two HTML pages of the same lists (for
comparison), each list of the API, and one list with its ETag in If-None-Match (the 304 path). Prints one line per address. Needs Debian's `wrk`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from http_pages import PYTHON, ROOT, free_port, run

ADDRESSES = [
    "/healthz",
    "/fr/initiatives/",  # the catalogue's HTML page, for comparison with the same list in the API
    "/fr/lieux/",
    "/api/v1/partnerships",
    "/api/v1/commitments",
    "/api/v1/initiatives",
    "/api/v1/initiatives?city=paris&q=num%C3%A9rique",
    "/api/v1/places",
    "/api/v1/places.geojson?bbox=2.25,48.81,2.42,48.90&page_size=1000",
    "/api/v1/training-sessions",
    "/api/v1/calls",
]
CONDITIONAL = "/api/v1/initiatives"

GENERATE = """
from decimal import Decimal
from initiatives.constants import PlaceKind
from initiatives.models import Category, Initiative, Place
from partnership.models import City, Partnership
n = {rows}
paris = City.objects.get(slug="paris")
partnership = Partnership.objects.get(slug="paris-microsoft")
category = Category.objects.get(slug="inclusion-numerique")
Initiative.objects.bulk_create(
    Initiative(partnership=partnership, category=category, title=f"Ateliers numériques {{i}}", slug=f"bench-{{i}}",
               summary="Des ateliers pour apprendre le numérique.", description="Initiation, démarches, sécurité.")
    for i in range(n)
)
Place.objects.bulk_create(
    Place(city=paris, kind=PlaceKind.INCLUSION_CENTRE, name=f"Lieu numérique {{i}}", slug=f"bench-lieu-{{i}}",
          address=f"{{i}} rue de la République", postcode="75011", town="Paris", opening_hours="Mo-Fr 09:00-18:00",
          latitude=Decimal("48.80") + Decimal(i % 100) / 1000, longitude=Decimal("2.25") + Decimal(i // 100) / 50,
          services=["demarches", "outils-quotidien"], fees=["gratuit"])
    for i in range(n)
)
"""


def wrk(url: str, seconds: int, headers: list[str] | None = None) -> str:
    args = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency"]
    for header in headers or []:
        args += ["-H", header]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, p50, p99, errors.group(1) if errors else "0"


def flush(cache_url: str) -> None:
    if cache_url.startswith("redis://"):
        host_port, _slash, db = cache_url[len("redis://") :].partition("/")
        host, _colon, port = host_port.partition(":")
        subprocess.run(
            ["redis-cli", "-h", host, "-p", port or "6379", "-n", db or "0", "flushdb"],
            check=False,
            stdout=subprocess.DEVNULL,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/1")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rows", type=int, default=500)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="bench-api-"))
    database_url = options.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-" + "k3y" * 20,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "CACHE_URL": options.cache_url,
        "API_RATE_LIMIT": "1000000000/60",  # counted, never refused
        "DJANGO_LOG_LEVEL": "WARNING",
        "EMAIL_FILE_PATH": str(workdir / "mail"),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
    }
    env.pop("CELERY_BROKER_URL", None)
    if database_url.startswith("postgres"):
        name = database_url.rsplit("/", 1)[1]
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    flush(options.cache_url)
    run([PYTHON, "manage.py", "migrate", "--noinput"], env)
    run([PYTHON, "manage.py", "load_demo", "--no-accounts"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput"], env)
    run([PYTHON, "manage.py", "shell", "-c", GENERATE.format(rows=options.rows)], env)

    port = free_port()
    gunicorn = [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi", "--workers", "2"]
    server = subprocess.Popen([*gunicorn, "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310 - loopback only
                break
            except OSError:
                time.sleep(0.2)
        print(
            f"database: {database_url.split(':')[0]}, cache: {options.cache_url.split(':')[0]}, "
            f"{options.rows} generated initiatives and places + demo, gunicorn 2 workers, "
            f"wrk 2 threads 16 connections, {options.seconds}s per address"
        )
        baseline = None
        for address in ADDRESSES:
            rate, p50, p99, errors = wrk(base + address, options.seconds)
            baseline = baseline or rate
            print(
                f"{address:68s} {rate:8.1f} req/s ({rate / baseline:5.1%} of /healthz)   p50 {p50:>8s}   p99 {p99:>8s}   non-2xx/3xx {errors}"
            )
        with urllib.request.urlopen(base + CONDITIONAL, timeout=10) as response:  # noqa: S310 - loopback only
            etag = response.headers["ETag"]
        rate, p50, p99, errors = wrk(base + CONDITIONAL, options.seconds, [f"If-None-Match: {etag}"])
        label = f"{CONDITIONAL} (If-None-Match: 304)"
        print(
            f"{label:68s} {rate:8.1f} req/s ({rate / baseline:5.1%} of /healthz)   p50 {p50:>8s}   p99 {p99:>8s}   non-2xx/3xx {errors}"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
        flush(options.cache_url)
        shutil.rmtree(workdir, ignore_errors=True)
        if database_url.startswith("postgres"):
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database_url.rsplit("/", 1)[1]],
                check=False,
            )


if __name__ == "__main__":
    main()
