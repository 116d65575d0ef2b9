"""Servers that fail the way Redis fails: one that refuses connections (stopped) and one that accepts them and
never answers (frozen with SIGSTOP, or a network that drops replies). The tests point the cache and the
broker at them and assert what a person gets (pages, rows), not how long it took (bench/faults.py measures)."""

from __future__ import annotations

import contextlib
import socket
import threading


def refused_url(db: int = 0) -> str:
    """A Redis URL where nothing listens: connection refused (port 1 is never bound by tests)."""
    return f"redis://127.0.0.1:1/{db}"


class SilentServer:
    """Accepts TCP connections, reads nothing, answers nothing, until closed. Counts the connections, so a
    test can tell that the code did try the server (and then gave up by its own socket timeout)."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    @property
    def connections(self) -> int:
        return len(self.accepted)

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                conn, _address = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)  # held open, never read: the client waits for a reply

    def __enter__(self) -> SilentServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._closed.set()
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        for conn in self.accepted:
            conn.close()
        self._thread.join(timeout=2)
