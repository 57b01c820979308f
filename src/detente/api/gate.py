"""How `detente serve` shares its store with the command line: held only while it is used.

DuckDB lets one process hold a file for writing, or any number of processes hold it read-only,
and never queues a process that asks. So the server opens the file read-only when a request
needs it and lets go of it once no request has been in flight for LINGER_S (at once when a
command waits to write it), which lets `detente analyze`, `ingest`, `corpus` and `watch` take
the file between requests: `Store.open` waits for the server to let go, leaving a note that
stops it reopening meanwhile (`detente.holders`). While another process writes, a request waits
up to SERVE_READ_WAIT_S and then fails with StoreBusy (503, naming the writer). The next
request after that write reopens the file, so it sees what was written; the server then
rebuilds its full-text index in a write of its own. The server's own writes (a posted document,
a watch round) wait for the requests in flight, take the file read-write, and let go after.
A running server also leaves a note beside the database (`FILE.serve.json`: its process id and
address), so a command can say which server holds the file and wait for it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from detente.errors import DetenteError, StoreLockedError
from detente.holders import announce, note_path, running_server, waiting_writer, withdraw
from detente.store import Store

__all__ = ["StoreBusy", "StoreGate", "announce", "locked_advice", "note_path", "open_reader",
           "running_server", "withdraw"]  # fmt: skip

log = logging.getLogger(__name__)

LINGER_S = 5.0  # an idle server keeps its read-only connection this long, then lets go
TICK_S = 0.2  # how often the gate looks for an idle connection or a waiting writer
SERVE_READ_WAIT_S = 10.0  # how long a request waits while another process writes the file
WRITE_WAIT_S = 30.0  # how long the server's own write waits for another process's write
READ_WAIT_S = 15.0  # how long a command's read waits while a server writes


class StoreBusy(DetenteError):
    """Another process kept the store for longer than a request or a write may wait (503)."""


class StoreGate:
    """The server's one store: opened when a request needs it, let go when idle.

    Hold `reading()` while using `store` (a request, a page, a stream): the connection is not
    closed under a reader. `store` opens the file read-only when it is closed, waiting up to
    SERVE_READ_WAIT_S while another process writes (then StoreBusy). `writing` is a reusable
    context manager (the watcher enters it once per round) giving the store read-write;
    `after_write(store)` runs inside it before the file is let go (the server rebuilds its
    search index there), and also after another process wrote the file. With `read_only`,
    the store is never opened for writing.
    """

    def __init__(
        self,
        path: Path,
        read_only: bool = False,
        after_write: Callable[[Store], None] | None = None,
    ) -> None:
        self.path, self.read_only, self.after_write = path, read_only, after_write
        self._cond = threading.Condition()
        self._readers = 0
        self._swapping = False
        self._opening = threading.Lock()
        self._writer = threading.RLock()
        self._depth = 0
        self._store: Store | None = None
        self._left: tuple[int, ...] | None = None  # the file as this process last left it
        self._idle_since = time.monotonic()
        self._catching_up = False
        self._closed = False
        if not read_only:  # create or migrate the file once, as the only writer
            with Store.open(path) as first:
                if after_write:
                    after_write(first)
            self._left = _signature(path)
        self.writing = _Writing(self)
        threading.Thread(target=self._let_go_when_idle, name="detente-store", daemon=True).start()

    @property
    def store(self) -> Store:
        """The connection to read through (read-write inside `writing`); opened on demand."""
        current = self._store
        if current is not None:
            return current
        with self._opening:
            if self._store is None:
                self._store = self._open_for_reading()
            return self._store

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Hold the store for a read: it is neither closed nor swapped until this ends. A
        reader may nest another read; readers never wait for a write that is only waiting."""
        with self._cond:
            self._cond.wait_for(lambda: not self._swapping)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._idle_since = time.monotonic()
                self._cond.notify_all()

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._swapping and not self._readers)
            self._swapping = True
        try:
            yield
        finally:
            with self._cond:
                self._swapping = False
                self._idle_since = time.monotonic()
                self._cond.notify_all()

    def _open_for_reading(self) -> Store:
        """The file read-only, waiting while another process writes it or waits to; a change
        made since this process let go of it is caught up with (`_catch_up`)."""
        deadline = time.monotonic() + SERVE_READ_WAIT_S
        while True:
            wanted = waiting_writer(self.path)
            if wanted is None:
                try:
                    store = Store.open(self.path, read_only=True)
                    break
                except StoreLockedError as exc:
                    busy = f"being written by {_holder(exc)}"
            else:
                busy = f"about to be written by {wanted}"
            if time.monotonic() > deadline:
                raise StoreBusy(f"the store {self.path.name} is {busy}; try again in a moment")
            time.sleep(0.1)
        if self._left is not None and _signature(self.path) != self._left:
            self._catch_up(store)
        return store

    def _catch_up(self, store: Store) -> None:
        """Another process wrote the file: refresh what the server derives from it (names;
        the full-text index, rebuilt in a write of the server's own, in the background)."""
        self._left = _signature(self.path)
        if self.read_only:
            if self.after_write:
                self.after_write(store)
            return
        with self._cond:
            if self._catching_up:
                return
            self._catching_up = True
        threading.Thread(target=self._rebuild, name="detente-catch-up", daemon=True).start()

    def _rebuild(self) -> None:
        from detente.search import build_index

        try:  # the index is dropped and rebuilt: no request may search meanwhile
            with self.writing as store, self._exclusive():
                build_index(store)
        except DetenteError as exc:  # another writer came first: the next read tries again
            self._left = (-1,)  # so the next opening sees a change again
            log.warning("could not refresh the search index after an outside write: %s", exc)
        finally:
            with self._cond:
                self._catching_up = False

    def _close_current(self) -> None:
        """Let go of the file (caller holds the condition or the exclusive swap)."""
        if self._store is not None:
            self._store.close()
            self._store = None
            self._left = _signature(self.path)

    def _let_go_when_idle(self) -> None:
        """The gate's thread: closes the connection once no request has been in flight for
        LINGER_S, or as soon as none is when a command waits to write the file."""
        with self._cond:
            while not self._closed:
                self._cond.wait(timeout=TICK_S)
                if self._store is None or self._readers or self._swapping or self._depth:
                    continue
                idle = time.monotonic() - self._idle_since
                if idle >= LINGER_S or waiting_writer(self.path) is not None:
                    self._close_current()

    def _enter_write(self) -> None:
        self._writer.acquire()
        self._depth += 1
        if self._depth > 1:
            return
        try:
            self._take_for_writing()
        except BaseException:
            self._depth -= 1
            self._writer.release()
            raise

    def _take_for_writing(self) -> None:
        """Swap to a read-write connection, waiting up to WRITE_WAIT_S while another process
        writes the file (then StoreBusy naming it)."""
        deadline = time.monotonic() + WRITE_WAIT_S
        while True:
            with self._exclusive():
                self._close_current()
                try:
                    self._store = Store.open(self.path)
                    return
                except StoreLockedError as exc:
                    busy = exc
            if time.monotonic() > deadline:
                raise StoreBusy(
                    f"the store {self.path.name} is being written by {_holder(busy)}; "
                    "try again in a moment"
                )
            time.sleep(0.2)

    def _exit_write(self) -> None:
        try:
            if self._depth == 1:
                with self._exclusive():
                    try:
                        if self.after_write and self._store is not None:
                            self.after_write(self._store)
                    finally:
                        self._close_current()
        finally:
            self._depth -= 1
            self._writer.release()

    def close(self) -> None:
        """Close the store once no write is under way and no read is in flight."""
        with self._writer, self._exclusive():
            self._closed = True
            self._close_current()


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


def _holder(exc: StoreLockedError) -> str:
    """'`detente analyze` (pid 123)': who holds the file, from the lock error."""
    from detente.holders import describe

    return describe(exc.pid, str(exc.__cause__ or exc))


def _signature(path: Path) -> tuple[int, ...]:
    """The file and its write-ahead log as (mtime, size) pairs: what changes when one writes."""
    found: list[int] = []
    for part in (path, path.with_name(path.name + ".wal")):
        try:
            stat = part.stat()
            found += [stat.st_mtime_ns, stat.st_size]
        except OSError:
            found += [0, 0]
    return tuple(found)


def open_reader(path: Path, wait_s: float = READ_WAIT_S) -> Store:
    """A read-only store for a command, waiting up to `wait_s` while a server writes to it.

    Raises StoreLockedError naming the holder after that (`locked_advice` says what to do).
    """
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return Store.open(path, read_only=True)
        except StoreLockedError:
            if running_server(path) is None or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def locked_advice(db: Path, reason: str) -> str:
    """What to do when `db` cannot be opened because another process holds it."""
    server = running_server(db)
    if server is None:
        return reason
    url = str(server["url"]).rstrip("/")
    return (
        f"{reason}. {db} is served by `detente serve` (process {server['pid']}, {url}), which "
        "lets go of it between requests; a write waits for that. To add a document while a long "
        f"request runs, paste it at {url}/paste or POST it to {url}/api/documents (with "
        "DETENTE_API_TOKEN as a bearer token if the server has one), or try again in a moment"
    )
