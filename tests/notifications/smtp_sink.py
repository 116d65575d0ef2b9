"""A real SMTP server for tests and the benchmark (aiosmtpd), on a free port picked first (FIELD-NOTES:
Controller(port=0) fails). It keeps the messages it accepted, counts connections (one EHLO each) and can
be told to answer DATA with given codes first (e.g. two "451"), to refuse some recipients, or to fail the
DATA of given recipients once (`faults`: address -> an SMTP reply such as "451 ...", or "drop" to close the
connection without answering)."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SinkHandler:
    def __init__(self, keep_messages: bool = True):
        self.keep_messages = keep_messages
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.messages: list[EmailMessage] = []
            self.count = 0
            self.connections = 0
            self.data_replies: list[str] = []
            self.refused: dict[str, str] = {}
            self.refused_data = 0
            self.faults: dict[str, str] = {}
            self.dropped = 0
            self.first_at: float | None = None
            self.last_at: float | None = None

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802 - aiosmtpd hook
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        reply = self.refused.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            fault = next((self.faults.pop(a.lower()) for a in envelope.rcpt_tos if a.lower() in self.faults), None)
            if fault == "drop":
                self.dropped += 1
                server.transport.close()
                return "421 4.4.2 connexion perdue"  # never read: the connection is already closed
            if fault:
                self.refused_data += 1
                return fault
            if self.data_replies:
                self.refused_data += 1
                return self.data_replies.pop(0)
            self.count += 1
            self.last_at = time.monotonic()
            if self.first_at is None:
                self.first_at = self.last_at
            if self.keep_messages:
                self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


class SmtpSink:
    def __init__(self, keep_messages: bool = True):
        self.handler = SinkHandler(keep_messages=keep_messages)
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpSink:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    @property
    def count(self) -> int:
        return self.handler.count

    @property
    def connections(self) -> int:
        return self.handler.connections

    def reset(self) -> None:
        self.handler.reset()

    def wait_for(self, count: int, timeout: float = 20.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.handler.count >= count:
                return True
            time.sleep(0.02)
        return self.handler.count >= count
