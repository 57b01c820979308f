"""Stopping long commands cleanly on Ctrl-C or SIGTERM, whatever signal state they inherited."""

from __future__ import annotations

import signal
import threading

#: Ctrl-C, and what service managers and `kill` send.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)

_received: list[int] = []


def stop_on_signals() -> None:
    """Make Ctrl-C and SIGTERM raise KeyboardInterrupt in this (main) thread.

    Installed explicitly because the inherited state cannot be trusted: a background job of a
    shell starts with SIGINT ignored, and SIGTERM would end the process with no cleanup at all.
    Only the first signal raises; later ones are noted and ignored, so that a run stopped by the
    first can still finish its bookkeeping.
    """
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread; its owner decides
    _received.clear()
    for signum in STOP_SIGNALS:
        signal.signal(signum, _stop)


def _stop(signum: int, frame: object) -> None:
    first = not _received
    _received.append(signum)
    if first:
        raise KeyboardInterrupt


def stop_signal() -> int | None:
    """The signal that asked this process to stop, if one did."""
    return _received[0] if _received else None


def was_stopped(exc: BaseException) -> bool:
    """Whether `exc` ended a run because it was asked to stop: the KeyboardInterrupt itself, or
    what a library made of it (DuckDB turns one raised inside a query into "Query interrupted")."""
    return isinstance(exc, KeyboardInterrupt) or bool(_received)


def check_stop() -> None:
    """Raise KeyboardInterrupt if a stop was asked for and swallowed on the way (between batches,
    so that no library that catches the first one can keep a run going)."""
    if _received:
        raise KeyboardInterrupt


def exit_code() -> int:
    """The shell's convention for a process ended by a signal: 128 + its number (130 for Ctrl-C)."""
    return 128 + (stop_signal() or signal.SIGINT)
