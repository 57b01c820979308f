"""The run: one visible list of blocks, handed to an executor.

    steps = [Read(inputs), Prepare(), SelectNew(), Analyse(), Write()]

`Read` and `SelectNew` and `Write` run in the main process (they read inputs, ask and write the
store); `Prepare` and `Analyse` are maps, which the executor runs where it likes: the local
executor (`engines/local.py`) in a pool of processes, the Ray executor (`engines/ray.py`) in
`ray.data` tasks and actors. `execute` does the bookkeeping once, around either: it opens the
store, starts the run, writes the knowledge-base snapshot, counts and reports progress, stops
cleanly on an interrupt and finishes the run. Adding a stage is one block (`detente.run.steps`)
and one line in `steps`.

The per-document work the blocks call is in `detente.run.document` (re-exported here).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence

from detente.actors.kb import load_kb
from detente.config import Settings
from detente.engines.local import LocalExecutor
from detente.ingest import DEFAULT_GLOBS, Item
from detente.interrupt import check_stop, was_stopped
from detente.run.blocks import Block, Executor, RunContext, batched
from detente.run.document import (
    ENTITY_LABELS,
    Batch,
    analyse_for_store,
    analyze_batch,
    analyze_selected,
    batch_counts,
    prepare_batch,
    warm_up,
)
from detente.run.report import ProgressCallback, RunInterrupted, RunReport
from detente.run.steps import (
    Analyse,
    AnalyseStored,
    Prepare,
    Read,
    ReadStored,
    SelectNew,
    Update,
    Write,
)
from detente.store import Store

__all__ = [
    "ENTITY_LABELS",
    "Batch",
    "ProgressCallback",
    "RunInterrupted",
    "RunReport",
    "analyse_for_store",
    "analyze_batch",
    "analyze_selected",
    "batch_counts",
    "batched",
    "execute",
    "prepare_batch",
    "run",
    "steps",
    "warm_up",
]

log = logging.getLogger(__name__)


def steps(
    inputs: Sequence[str],
    *,
    analyse: bool = True,
    include: Sequence[str] = DEFAULT_GLOBS,
    exclude: Sequence[str] = (),
    items: Iterable[Item] | None = None,
) -> list[Block]:
    """The blocks of a run, in order. Without inputs (and without `items`): analyse what an
    ingest-only run stored."""
    if not inputs and items is None:
        return [ReadStored(), AnalyseStored(), Update()]
    return [
        Read(inputs, include, exclude, items),
        Prepare(),
        SelectNew(),
        Analyse(analyse),
        Write(),
    ]


def run(
    inputs: Sequence[str],
    settings: Settings,
    *,
    analyse: bool = True,
    include: Sequence[str] = DEFAULT_GLOBS,
    exclude: Sequence[str] = (),
    progress: ProgressCallback | None = None,
    items: Iterable[Item] | None = None,
    executor: Executor | None = None,
) -> RunReport:
    """Read inputs, clean, deduplicate, (analyse) and store them, batch by batch.

    Every batch is written in one transaction, so an interrupted run leaves only whole
    documents behind, and running it again picks up where it stopped (known ids are skipped).
    Without inputs, analyses the documents stored earlier by an ingest-only run. `items` are
    documents already read (the API's posted text), taken instead of `inputs`. `executor`:
    the local one (`settings.workers` processes) unless given. Raises `RunInterrupted` on
    Ctrl-C or SIGTERM, `DetenteError` (and subclasses) on unusable settings or store.
    """
    blocks = steps(inputs, analyse=analyse, include=include, exclude=exclude, items=items)
    executor = executor or LocalExecutor(settings.workers)
    command = "analyze" if analyse else "ingest"
    if executor.name != "local":
        command += f" --engine {executor.name}"
    return execute(blocks, settings, executor, command=command, snapshot=analyse,
                   progress=progress)  # fmt: skip


def execute(
    blocks: Sequence[Block],
    settings: Settings,
    executor: Executor,
    *,
    command: str,
    snapshot: bool = True,
    progress: ProgressCallback | None = None,
) -> RunReport:
    """Run `blocks` with `executor`, with the run's bookkeeping around it: the store opened for
    writing, a `runs` row started (`command`, the settings' fingerprint) and finished (status,
    counts, errors), the knowledge base's snapshot written (`snapshot`), progress reported
    after each stored batch (the last block yields the number of documents it stored), and a
    stop between or during batches recorded as `interrupted` (raised as `RunInterrupted`)."""
    report = RunReport()
    started = time.perf_counter()
    with Store.open(settings.db) as store, executor:
        ctx = RunContext(settings, store.start_run(command, settings), store, report)
        if snapshot:
            store.write_kb(load_kb(settings.knowledge))
        status = "failed"
        try:
            for size in executor.run(blocks, ctx):
                report.stored += size
                report.seconds = time.perf_counter() - started
                log.info("stored a batch of %d documents (%d this run)", size, report.stored)
                if progress:
                    progress(report)
                check_stop()
            status = "ok" if not report.errors else "ok_with_errors"
        except BaseException as exc:
            if not was_stopped(exc):
                raise
            status = "interrupted"
            raise RunInterrupted(report) from exc
        finally:
            report.seconds = time.perf_counter() - started
            store.finish_run(ctx.run_id, status, report.counts(), report.errors)
    return report
