"""The exception hierarchy: every error detente raises on purpose names the input it is about."""

from __future__ import annotations

from pathlib import Path


class DetenteError(Exception):
    """Base class for errors detente reports to the user in one line."""


class InputError(DetenteError):
    """An input (file, URL, line, record) could not be read or made into a document."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        """Pickled with both arguments, so an error crosses a worker process's boundary."""
        return (type(self), (self.origin, self.reason))


class StoreError(DetenteError):
    """The database could not be opened, migrated or written."""


class StoreLockedError(StoreError):
    """Another process holds the database file for writing (`path`, and the holder's `pid`
    when DuckDB names it)."""

    def __init__(self, message: str, path: Path | None = None, pid: int | None = None) -> None:
        super().__init__(message)
        self.path, self.pid = path, pid


class ModelError(DetenteError):
    """A language model or knowledge file could not be loaded."""
