"""How `detente serve` shares its store with the command line: read-only between writes.

DuckDB lets one process hold a file for writing, or any number of processes hold it read-only.
So the server reads through a read-only connection and takes the file for writing only while
it writes (a posted document, a watch round), which lets `detente stats`, `events`, `show` and
the other reads run beside it. A write waits for the requests in flight, swaps the connection
to read-write, and swaps back when it is done. A running server also leaves a note beside the
database (`FILE.serve.json`: its process id and address), so a command that must write can say
which server holds the file and how to send it documents instead.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from detente.errors import DetenteError, StoreLockedError
from detente.store import Store

WRITE_WAIT_S = 30.0  # how long a write waits for other processes' read-only connections
READ_WAIT_S = 15.0  # how long a command's read waits while a server writes


class StoreBusy(DetenteError):
    """The store stayed locked by another process for longer than a write may wait."""


class SwapLock:
    """Many readers or one swapper. A reader may nest another read (a page that reads twice)
    since readers never wait for a swapper that is only waiting; a swapper waits for no reader."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._swapping = False

    @contextmanager
    def shared(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._swapping)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._swapping and not self._readers)
            self._swapping = True
        try:
            yield
        finally:
            with self._cond:
                self._swapping = False
                self._cond.notify_all()


class StoreGate:
    """The server's one store: read-only between writes, read-write inside `writing`.

    `store` is the connection to read through (hold `reading()` while using it). `writing` is a
    reusable context manager (the watcher enters it once per round); `after_write(store)` runs
    inside it, on the read-write store, before the swap back (the server rebuilds its search
    index there). With `read_only`, the store is never opened for writing.
    """

    def __init__(
        self,
        path: Path,
        read_only: bool = False,
        after_write: Callable[[Store], None] | None = None,
    ) -> None:
        self.path, self.read_only, self.after_write = path, read_only, after_write
        self._swap = SwapLock()
        self._writer = threading.RLock()
        self._depth = 0
        if not read_only:  # create or migrate the file once, as the only writer
            with Store.open(path) as first:
                if after_write:
                    after_write(first)
        self.store = Store.open(path, read_only=True)
        self.writing = _Writing(self)

    def reading(self) -> Any:
        """Hold the current connection for a read (a request, a page, a stream)."""
        return self._swap.shared()

    def _enter_write(self) -> None:
        self._writer.acquire()
        self._depth += 1
        if self._depth > 1:
            return
        try:
            with self._swap.exclusive():
                self.store.close()
                self.store = _open_writable(self.path)
        except BaseException:
            self.store = Store.open(self.path, read_only=True)
            self._depth -= 1
            self._writer.release()
            raise

    def _exit_write(self) -> None:
        try:
            if self._depth == 1:
                with self._swap.exclusive():
                    try:
                        if self.after_write:
                            self.after_write(self.store)
                    finally:
                        self.store.close()
                        self.store = Store.open(self.path, read_only=True)
        finally:
            self._depth -= 1
            self._writer.release()

    def close(self) -> None:
        """Close the store once no write is under way and no read is in flight."""
        with self._writer, self._swap.exclusive():
            self.store.close()


class _Writing:
    def __init__(self, gate: StoreGate) -> None:
        self.gate = gate

    def __enter__(self) -> Store:
        if self.gate.read_only:
            raise StoreBusy(f"{self.gate.path} is served read-only; writes are disabled")
        self.gate._enter_write()
        return self.gate.store

    def __exit__(self, *exc: object) -> None:
        self.gate._exit_write()


def _open_writable(path: Path) -> Store:
    """The store for writing, waiting up to WRITE_WAIT_S for other processes' reads to end."""
    deadline = time.monotonic() + WRITE_WAIT_S
    while True:
        try:
            return Store.open(path)
        except StoreLockedError as exc:
            if time.monotonic() > deadline:
                raise StoreBusy(
                    f"{path} stayed open in another process for {WRITE_WAIT_S:.0f} s "
                    f"({exc}); try again when it is done"
                ) from exc
            time.sleep(0.1)


def open_reader(path: Path, wait_s: float = READ_WAIT_S) -> Store:
    """A read-only store for a command, waiting up to `wait_s` while a server writes to it.

    Raises StoreLockedError naming the holder (and the server, if one is running) after that.
    """
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return Store.open(path, read_only=True)
        except StoreLockedError as exc:
            server = running_server(path)
            if server is None or time.monotonic() > deadline:
                raise StoreLockedError(locked_advice(path, str(exc))) from exc
            time.sleep(0.2)


# ---- the note a running server leaves beside its database ------------------------------------


def note_path(db: Path) -> Path:
    return db.with_name(db.name + ".serve.json")


def announce(db: Path, url: str) -> Path:
    """Write the note saying this process serves `db` at `url`; returns its path."""
    note = note_path(db)
    note.write_text(json.dumps({"pid": os.getpid(), "url": url, "db": str(db)}), "utf-8")
    return note


def withdraw(db: Path) -> None:
    """Remove this process's note, if it is still ours."""
    found = running_server(db)
    if found is not None and found["pid"] == os.getpid():
        note_path(db).unlink(missing_ok=True)


def running_server(db: Path) -> dict[str, Any] | None:
    """{pid, url, db} of the `detente serve` process holding `db`, if one is running."""
    try:
        note = json.loads(note_path(db).read_text("utf-8"))
        os.kill(int(note["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return note if isinstance(note, dict) else None


def locked_advice(db: Path, reason: str) -> str:
    """What to do when `db` cannot be opened because another process holds it."""
    server = running_server(db)
    if server is None:
        return reason
    url = str(server["url"]).rstrip("/")
    return (
        f"{db} is held by `detente serve` (process {server['pid']}, {url}). Reads work beside "
        f"it; to add documents while it runs, paste them at {url}/paste or POST them to "
        f"{url}/api/documents (with DETENTE_API_TOKEN as a bearer token if the server has one); "
        "for anything else that writes (analyze, ingest, corpus, watch), stop the server, run "
        "the command, and start the server again"
    )
