"""Benchmark: latency and throughput of the public pages for three visitors, at two sizes of the catalogue, each
page against /healthz in the same run:
- anonymous: served from the page cache;
- logged in: the page rendered for the person (their header), with what is the same for everyone (an
  initiative's actions, the figures, the catalogue's filters) kept under the content versions;
- cache off: a second server with PAGE_CACHE_ENABLED=0, every page rendered from the database (what the
  first visitor after a change costs, at worst).

    .venv/bin/python bench/http_pages.py [--database-url postgres://postgres@127.0.0.1:5432/pn_perf_pages]
        [--cache-url redis://127.0.0.1:6379/9] [--sizes 500,50000] [--seconds 5] [--connections 8]
        [--no-cache-off]

Builds a throwaway PostgreSQL database (created and dropped), loads the demo data plus the first size of
generated initiatives (bench/data.py), starts gunicorn (2 workers, production settings without the HTTPS
redirect, the Redis cache given: its database is emptied first) on a free loopback port and runs `wrk` against
each page; then adds initiatives up to the next size and measures again. A logged-in visitor is an ordinary
account with a session (no page is served to it from the page cache). Prints, per size, one line per page:
requests/s, p50, p99, the ratio of its requests/s to /healthz's and of its p99 to /healthz's p99; then the
growth of each page's p50 from the first size to the last. Needs Debian's `wrk` (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import contextlib
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
BASELINE = ("/healthz", "healthz")
STATIC = ("/static/css/site.css", "static file")
PAGES = [
    ("/fr/", "home"),
    ("/fr/initiatives/", "catalogue"),
    ("/fr/initiatives/?q=formation+num%C3%A9rique", "search"),
    ("/fr/initiatives/bench-7/", "initiative"),
    ("/fr/partenariats/paris-microsoft/", "partnership"),
    ("/fr/partenariats/comparer/", "comparison"),
    ("/fr/lieux/", "places"),
    ("/api/v1/initiatives", "API list"),
]
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args: list[str], env: dict) -> str:
    return subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


def millis(out: str, percentile: str) -> float:
    match = re.search(percentile + r"%\s+([\d.]+)(us|ms|s)\b", out)
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


def settle(base: str, url: str, cookie: str | None) -> None:
    """Wait until the workers have finished the previous line's requests (a sync worker keeps serving the
    connections wrk closed), then load the page once (fills its cached copy)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        started = time.monotonic()
        urllib.request.urlopen(base + "/healthz", timeout=60)  # noqa: S310 - loopback only
        if time.monotonic() - started < 0.2:
            break
        time.sleep(0.5)
    headers = {"X-Forwarded-Proto": "https", **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    urllib.request.urlopen(request, timeout=60).read()  # noqa: S310 - loopback only


def wrk(url: str, seconds: int, connections: int, cookie: str | None) -> dict:
    settle(url.split("/", 3)[0] + "//" + url.split("/", 3)[2], url, cookie)
    args = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "20s",
        "--latency",
        "-H",
        "X-Forwarded-Proto: https",
    ]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": millis(out, "50"),
        "p99": millis(out, "99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def generate(env: dict, total: int) -> None:
    code = (
        "from initiatives.models import Initiative; from bench.data import generate;"
        f"done = Initiative.objects.filter(slug__startswith='bench-').count(); generate({total} - done, offset=done);"
        # What autovacuum does a minute after a bulk load on a live server: statistics for the planner and the
        # visibility map that lets counts read the indexes alone.
        "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
    )
    run([PYTHON, "manage.py", "shell", "-c", code], env)


def session_cookie(env: dict) -> str:
    code = (
        "from django.conf import settings; from django.test import Client; from tests.factories import UserFactory;"
        "c = Client(); c.force_login(UserFactory(email='bench@exemple.test', first_name='Banc'),"
        " backend='django.contrib.auth.backends.ModelBackend');"
        "print(settings.SESSION_COOKIE_NAME + '=' + c.cookies[settings.SESSION_COOKIE_NAME].value)"
    )
    return run([PYTHON, "manage.py", "shell", "-c", code], env).strip().splitlines()[-1]


@contextlib.contextmanager
def serving(env: dict, port: int, base: str):
    """gunicorn (2 sync workers, production settings) on `port` while the block runs."""
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
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310 - loopback only
                break
            except OSError:
                time.sleep(0.2)
        yield
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/pn_perf_pages")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--sizes", default="500,50000")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--no-cache-off", dest="cache_off", action="store_false", help="skip the pass with the page cache turned off"
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    sizes = [int(s) for s in options.sizes.split(",")]

    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-" + "k3y" * 20,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": options.database_url,
        "CACHE_URL": options.cache_url,
        "API_RATE_LIMIT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "EMAIL_FILE_PATH": str(workdir / "mail"),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("CELERY_BROKER_URL", None)
    name = options.database_url.rsplit("/", 1)[1]
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    code = f"import redis; redis.Redis.from_url('{options.cache_url}').flushdb()"
    subprocess.run([PYTHON, "-c", code], check=True)
    run([PYTHON, "manage.py", "migrate", "--noinput"], env)
    run([PYTHON, "manage.py", "load_demo", "--no-accounts"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput"], env)
    cookie = session_cookie(env)

    results: dict[int, dict[tuple[str, str], dict]] = {}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    for size in sizes:
        generate(env, size)
        run([PYTHON, "manage.py", "dbshell", "--", "-c", "VACUUM ANALYZE"], env)  # as autovacuum would have
        measured = results[size] = {}
        with serving(env, port, base):
            for path, label in [BASELINE, STATIC]:
                measured[(label, "anonymous")] = wrk(base + path, options.seconds, options.connections, None)
            for path, label in PAGES:
                for who, header in (("anonymous", None), ("logged in", cookie)):
                    measured[(label, who)] = wrk(base + path, options.seconds, options.connections, header)
        if options.cache_off:
            # Every page rendered from the database: no page cache and no kept fragments (PAGE_CACHE_ENABLED=0).
            with serving({**env, "PAGE_CACHE_ENABLED": "0"}, port, base):
                for path, label in PAGES:
                    measured[(label, "cache off")] = wrk(base + path, options.seconds, options.connections, None)

    shutil.rmtree(workdir, ignore_errors=True)
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False)
    print(
        f"PostgreSQL, production settings, Redis cache, gunicorn 2 workers, wrk 2 threads {options.connections} "
        f"connections {options.seconds}s per line; load average at the end: {os.getloadavg()[0]:.1f}"
    )
    for size in sizes:
        measured = results[size]
        healthz = measured[("healthz", "anonymous")]
        print(f"\n{size} generated initiatives + demo")
        print("| page | visitor | req/s | p50 ms | p99 ms | ratio to /healthz | p99 / healthz p99 | non-2xx |")
        print("|---|---|---|---|---|---|---|---|")
        for (label, who), m in measured.items():
            print(
                f"| {label} | {who} | {m['rate']:.0f} | {m['p50']:.1f} | {m['p99']:.1f} | "
                f"{m['rate'] / healthz['rate']:.3f} | {m['p99'] / healthz['p99']:.1f} | {m['errors']} |"
            )
    if len(sizes) > 1:
        first, last = results[sizes[0]], results[sizes[-1]]
        print(f"\ngrowth of p50, {sizes[-1]} / {sizes[0]} initiatives")
        print("| page | visitor | p50 growth |")
        print("|---|---|---|")
        for key in first:
            print(f"| {key[0]} | {key[1]} | {last[key]['p50'] / first[key]['p50']:.2f} |")


if __name__ == "__main__":
    main()
