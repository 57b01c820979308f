"""Who holds a store file: the notes a running `detente serve` and a writer waiting for it leave
beside the database, and the process DuckDB names when it refuses a lock.

DuckDB lets one process hold a file for writing, or any number hold it read-only, and never
queues a process that asks (see its concurrency docs). `detente serve` lets go of its file when
idle (`api/gate.py`); these notes are how a command finds the server, waits for it, and how the
server knows a writer is waiting. Below the store and the faces.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import duckdb

from detente.errors import StoreError, StoreLockedError

log = logging.getLogger(__name__)

SERVER_LET_GO_S = 120.0  # how long a write waits for a running `detente serve` to let go
_LOCK = re.compile(r"Conflicting lock is held in (?P<exe>.*?) \(PID (?P<pid>\d+)\)")
_ENTRY = ("detente", "detente.cli", "detente.cli.__main__")  # how a detente command is started


def lock_pid(message: str) -> int | None:
    """The process id in DuckDB's "Conflicting lock is held in … (PID N)" message, if any."""
    found = _LOCK.search(message)
    return int(found.group("pid")) if found else None


def command_of(argv: list[str]) -> str | None:
    """'detente analyze' for a detente command line (the script, or `python -m detente.cli`)."""
    for i, arg in enumerate(argv):
        if Path(arg).name in _ENTRY:
            words = [a for a in argv[i + 1 :] if not a.startswith("-")]
            return f"detente {words[0]}" if words else "detente"
    return None


def describe(pid: int | None, message: str = "") -> str:
    """'`detente analyze` (pid 123)' for one of ours, 'process 123 (its command line)' for
    another, 'another process' when DuckDB named none."""
    if pid is None:
        return "another process"
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        found = _LOCK.search(message)
        return f"process {pid} ({found.group('exe')})" if found else f"process {pid}"
    argv = [a for a in argv if a]
    ours = command_of(argv)
    return f"`{ours}` (pid {pid})" if ours else f"process {pid} ({' '.join(argv)})"


# ---- the note a running server leaves beside its database --------------------------------------


def note_path(db: Path) -> Path:
    """Where `detente serve` says it serves `db`: FILE.serve.json beside it."""
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
    """{pid, url, db} of the `detente serve` process serving `db`, if one is running."""
    return _live_note(note_path(db))


# ---- the note a writer leaves while it waits for the server ------------------------------------


def want_path(db: Path) -> Path:
    """Where a command waiting to write `db` says so: FILE.serve.want beside it."""
    return db.with_name(db.name + ".serve.want")


@contextmanager
def wanting(db: Path) -> Iterator[None]:
    """Say, for as long as this lasts, that this process waits to write `db` (the server then
    lets go as soon as its requests in flight end, and opens nothing new)."""
    note = want_path(db)
    command = command_of(sys.argv) or Path(sys.argv[0] if sys.argv else "python").name
    note.write_text(json.dumps({"pid": os.getpid(), "command": command}), "utf-8")
    try:
        yield
    finally:
        found = _live_note(note)
        if found is None or found["pid"] == os.getpid():
            note.unlink(missing_ok=True)


def waiting_writer(db: Path) -> str | None:
    """'`detente analyze` (pid 123)' when a live process waits to write `db`, else None."""
    found = _live_note(want_path(db))
    if found is None:
        return None
    return f"`{found.get('command', 'detente')}` (pid {found['pid']})"


def _live_note(note: Path) -> dict[str, Any] | None:
    """The note's JSON when the process it names is alive; None otherwise (or unreadable)."""
    try:
        found = json.loads(note.read_text("utf-8"))
        os.kill(int(found["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return found if isinstance(found, dict) else None


# ---- connecting beside them -------------------------------------------------------------------


def connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to `path` (what `Store.open` uses): read-only at once; for writing,
    waiting while the running `detente serve` that holds the file lets go. Raises
    StoreLockedError naming the holder (with its `pid`), or StoreError."""
    return _connect(path, True) if read_only else _connect_beside_server(path)


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to `path`; a lock held elsewhere is a StoreLockedError naming it."""
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            pid = lock_pid(str(exc))
            raise StoreLockedError(
                f"{path} is open for writing by {describe(pid, str(exc))}; stop it, or "
                "write to another file with --db (a running `detente serve` accepts documents "
                "by API)",
                path=path,
                pid=pid,
            ) from exc
        raise StoreError(f"cannot open {path}: {exc}") from exc
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {path}: {exc}") from exc


def _connect_beside_server(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection to `path`, waiting while the `detente serve` that holds it lets
    go (with a note beside the file, so the server opens nothing new meanwhile)."""
    with ExitStack() as waiting:
        started: float | None = None
        told = False
        while True:
            try:
                return _connect(path, False)
            except StoreLockedError as exc:
                server = running_server(path)
                if server is None or exc.pid is None or server["pid"] != exc.pid:
                    raise
                now = time.monotonic()
                if started is None:
                    started = now
                    waiting.enter_context(wanting(path))
                elif now - started > SERVER_LET_GO_S:
                    raise StoreLockedError(
                        f"{path} is held by `detente serve` (process {exc.pid}), which did not "
                        f"let go of it within {SERVER_LET_GO_S:.0f} s",
                        path=path,
                        pid=exc.pid,
                    ) from exc
                elif now - started >= 1.0 and not told:
                    told = True
                    log.warning("waiting for detente serve (pid %s) to let go of %s…", exc.pid,
                                path)  # fmt: skip
                time.sleep(0.1)
