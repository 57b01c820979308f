"""What a block of the run is, what it is given, and what an executor does with a list of them.

The model is datatrove's: a run is a list of blocks; every block has one signature, a stream of
batches in and a stream of batches out (`Block.__call__(batches, ctx)`), so the list composes
by feeding each block the stream of the one before; an executor takes the list and decides
where each block runs.

Two kinds of block:

- `Map`: a pure function of one batch (`apply(batch, ctx) -> result`), with no state across
  batches and no store; an executor may run it in worker processes, on Ray actors, anywhere,
  as long as results come back in input order. Cleaning and analysis are maps.
- any other `Block` runs in the main process, in order, and may use what only the main process
  has (`ctx.store`, `ctx.report`, `ctx.finder`): reading, selecting new documents, writing.

The bookkeeping of a run (opening the store, starting and finishing the run, the knowledge-base
snapshot, progress, stopping) is done once, by `detente.pipeline.execute`, around whichever
executor runs the list.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from detente.config import Settings
from detente.run.report import RunReport

if TYPE_CHECKING:
    from detente.corpus.dedup import DuplicateFinder
    from detente.store import Store

T = TypeVar("T")


@dataclass
class RunContext:
    """What every block is given. `settings` and `run_id` travel to worker processes and Ray
    actors; `store`, `report` and `finder` exist only in the main process (they are left out
    when the context is pickled), so a `Map` block cannot reach them by mistake."""

    settings: Settings
    run_id: str = ""
    store: Store | None = None
    report: RunReport = field(default_factory=RunReport)
    finder: DuplicateFinder | None = None

    def db(self) -> Store:
        """The store the run writes; raises `RuntimeError` outside the main process."""
        if self.store is None:
            raise RuntimeError("the store is open in the run's main process only")
        return self.store

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings, "run_id": self.run_id}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]


class Block:
    """One step of the run: takes the stream of batches of the step before (empty for the
    first) and yields its own. Runs in the main process, in order, unless it is a `Map`."""

    def __call__(self, batches: Iterable[Any], ctx: RunContext) -> Iterator[Any]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return type(self).__name__


class Map(Block):
    """A block that is a pure function of one batch (`apply`); executors run it in parallel.

    `needs_models`: the block parses or links (spaCy, the KB), so an executor with long-lived
    workers (Ray actors) loads them once per worker before the first batch.
    """

    @property
    def needs_models(self) -> bool:
        """Whether the block parses or links (spaCy, the KB, the lexicons)."""
        return False

    def apply(self, batch: Any, ctx: RunContext) -> Any:
        """The block's result for one batch. Must not touch `ctx.store` or `ctx.report`."""
        raise NotImplementedError

    def __call__(self, batches: Iterable[Any], ctx: RunContext) -> Iterator[Any]:
        for batch in batches:
            yield self.apply(batch, ctx)


class Executor(Protocol):
    """Runs a list of blocks: `run` chains them and returns the last block's stream, which the
    caller consumes (and may stop consuming, on an interrupt). A context manager: entering
    starts its workers, leaving ends them (at once when leaving on an exception)."""

    name: str

    def run(self, steps: Sequence[Block], ctx: RunContext) -> Iterator[Any]: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None: ...


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` items (the last may be shorter), lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def rebatched(batches: Iterable[list[T]], size: int) -> Iterator[list[T]]:
    """The items of `batches` in lists of `size` (the last may be shorter), lazily."""
    return batched((item for batch in batches for item in batch), size)
