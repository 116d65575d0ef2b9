"""Requests gunicorn refuses before Django sees them get the site's page and security headers."""

import socket
import subprocess
import sys
import time

import pytest

from tests.production import ROOT, production_environment


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _raw(port: int, request: bytes) -> tuple[int, dict, str]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value for name, _, value in (line.partition(": ") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body.decode()


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    port = _free_port()
    static_root = tmp_path_factory.mktemp("static")
    env = production_environment(
        DATABASE_URL=f"sqlite:///{tmp_path_factory.mktemp('gunicorn') / 'db.sqlite3'}",
        CACHE_URL="locmemcache://",
        DJANGO_STATIC_ROOT=str(static_root),
    )
    collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collect, cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                status, _, _ = _raw(port, b"GET /healthz HTTP/1.1\r\nHost: partenariats.example.org\r\n\r\n")
                if status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(server.stderr.read1().decode() if server.poll() is not None else "gunicorn did not start")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET / HTTP/1.1\r\nHost: partenariats.example.org\r\nCookie: a=" + b"b" * 20_000 + b"\r\n\r\n", 431),
        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: partenariats.example.org\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(150)) + b"\r\n", 431),
        (b"POST / HTTP/1.1\r\nHost: partenariats.example.org\r\nContent-Length: abc\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nHost: partenariats.example.org\r\nBad Header\r\n\r\n", 400),
    ],
    ids=["huge-cookie", "huge-request-line", "too-many-headers", "invalid-content-length", "malformed-header"],
)
def test_requests_gunicorn_refuses_get_the_sites_page_and_headers(gunicorn, request_bytes, status):
    answer_status, headers, body = _raw(gunicorn, request_bytes)
    assert answer_status == status
    assert "Requête incorrecte" in body
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    assert "camera=()" in headers["permissions-policy"]
    assert headers["referrer-policy"] == "same-origin"
    assert "bbbbbbbb" not in body  # the refused header is not echoed back
