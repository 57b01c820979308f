"""The local executor: the run's blocks in this process, the maps among them in a pool of worker
processes (`LocalEngine`), in order."""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from typing import Any, TypeVar

from detente.run.blocks import Block, Map, RunContext

A = TypeVar("A")
R = TypeVar("R")


class LocalEngine:
    """Runs batch functions with `workers` processes, at most `2 × workers` batches in flight.

    Results come back in input order; the window keeps memory bounded on endless streams.
    With one worker everything runs in this process (no pickling, easiest to debug).
    """

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        if self.workers > 1:
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=_context(), initializer=ignore_stop_signals
            )

    def map(
        self, fn: Callable[[list[A]], R], batches: Iterable[list[A]]
    ) -> Iterator[tuple[list[A], R]]:
        """(batch, `fn(batch)`) for each batch, in input order; `fn` must pickle (a module-level
        function or a `partial` of one) when there are workers."""
        if self._pool is None:
            for batch in batches:
                yield batch, fn(batch)
            return
        window: deque[tuple[list[A], Future[R]]] = deque()
        for batch in batches:
            window.append((batch, self._pool.submit(fn, batch)))
            if len(window) >= 2 * self.workers:
                done, future = window.popleft()
                yield done, future.result()
        while window:
            done, future = window.popleft()
            yield done, future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def stop(self) -> None:
        """End the workers now: after an interrupt or an error nobody takes their results, so
        waiting for the batches in flight would only delay the exit."""
        if self._pool is None:
            return
        # ProcessPoolExecutor has no public way to end running work before Python 3.14.
        processes = list(getattr(self._pool, "_processes", {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.kill()
        for process in processes:
            process.join(timeout=10)
        self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is None:
            self.close()
        else:
            self.stop()


class LocalExecutor:
    """Runs a list of blocks on this machine: each block in turn over the stream of the one
    before, the `Map` blocks through a `LocalEngine` of `workers` processes (with one worker,
    in this process), everything else here, in order. Memory stays flat on endless inputs:
    every block streams, and the engine keeps at most `2 × workers` batches in flight."""

    name = "local"

    def __init__(self, workers: int = 1) -> None:
        self.engine = LocalEngine(workers)

    def run(self, steps: Sequence[Block], ctx: RunContext) -> Iterator[Any]:
        """The last block's stream (lazy: nothing runs until it is consumed)."""
        stream: Iterator[Any] = iter(())
        for step in steps:
            if isinstance(step, Map):
                stream = _results(self.engine.map(partial(step.apply, ctx=ctx), stream))
            else:
                stream = step(stream, ctx)
        return stream

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self.engine.__exit__(kind, *exc)


def _results(pairs: Iterator[tuple[Any, Any]]) -> Iterator[Any]:
    for _, result in pairs:
        yield result


def ignore_stop_signals() -> None:
    """Workers leave Ctrl-C and SIGTERM to their parent: a terminal sends Ctrl-C to the whole
    process group (and a service manager may send SIGTERM to it), and a worker that died of it
    would print its own traceback and break the pool before the parent could stop it cleanly.
    The parent ends its workers itself (`LocalEngine.stop`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _context() -> multiprocessing.context.BaseContext:
    """Not a plain fork: the parent holds a DuckDB connection and threads. A fork server is a
    clean single-threaded process that loads the models once (`detente.engines.preload`); each
    worker forks from it ready to work. Where there is none (Windows), workers are spawned and
    each loads the models itself."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["detente.engines.preload"])
    return context
