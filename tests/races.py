"""Running calls at the same instant, each in its own thread and database connection (PostgreSQL tests of the
row locks and constraints: seats, slots, applications, the outbox, reminders).

    outcomes = run_together([lambda: book(slot=slot, person=p) for p in people], expected=(SlotFull,))
    # -> [("ok", booking), ("SlotFull", error), ...] in the order of the calls

A call that raises an error outside `expected` fails the test (with the error), and so does a thread that
never finished: a race test must never pass because a thread died quietly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from contextlib import contextmanager

from django.db import connection


def run_together(
    calls: Sequence[Callable[[], object]], *, expected: tuple[type[BaseException], ...] = (), timeout: float = 60
) -> list[tuple[str, object]]:
    """Each call in its own thread and connection, all released together by a barrier once connected."""
    start = threading.Barrier(len(calls))
    outcomes: list[tuple[str, object] | None] = [None] * len(calls)
    unexpected: list[BaseException] = []

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            connection.ensure_connection()
            start.wait(timeout=10)
            try:
                outcomes[index] = ("ok", call())
            except expected as error:
                outcomes[index] = (type(error).__name__, error)
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            unexpected.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    if unexpected:
        raise unexpected[0]
    assert all(outcome is not None for outcome in outcomes), "a thread did not finish in time"
    return outcomes  # type: ignore[return-value]


@contextmanager
def pause_after_full_clean(model, window: Callable[[], object]):
    """Widen the race window: each `model.full_clean()` (the check before the INSERT) then calls `window()`."""
    original = model.full_clean

    def full_clean_then_wait(self, *args, **kwargs):
        original(self, *args, **kwargs)
        window()

    model.full_clean = full_clean_then_wait
    try:
        yield
    finally:
        model.full_clean = original
