"""The blocks of `detente analyze` and `detente ingest`, composed in `detente.pipeline.steps`.

New inputs: `Read` → `Prepare` → `SelectNew` → `Analyse` → `Write`. What an ingest-only run
stored: `ReadStored` → `AnalyseStored` → `Update`. The batches between them:

    Read        → list[RawDocument | InputError]   (settings.batch_size items, input order)
    Prepare     → list[Document | InputError]      (one per input: a map, in workers)
    SelectNew   → list[Document]                   (new ones only; duplicates marked)
    Analyse     → Batch                            (rows by table, counts: a map, in workers)
    Write       → int                              (documents stored: one transaction)

Errors travel as values (`InputError`) until `SelectNew`, which counts every input read and
records the errors in the run's report, whichever executor ran the blocks before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from detente.corpus.dedup import DuplicateFinder
from detente.errors import InputError
from detente.ingest import DEFAULT_GLOBS, Item, read_inputs
from detente.model import Document, RawDocument
from detente.run.blocks import Block, Map, RunContext, batched
from detente.run.document import (
    Batch,
    Reanalysed,
    analyse_for_store,
    analyse_stored,
    prepare_batch,
)


@dataclass(repr=False)
class Read(Block):
    """Reader: files, directories, URLs or "-" (stdin), in order, record by record, as batches
    of raw documents and input errors. `items` (documents already read: the API's posted
    text) are taken instead of `inputs`. Executors that read in parallel (Ray) read `inputs`
    themselves, with the same readers."""

    inputs: Sequence[str] = ()
    include: Sequence[str] = DEFAULT_GLOBS
    exclude: Sequence[str] = ()
    items: Iterable[Item] | None = None

    def __call__(self, batches: Iterable[object], ctx: RunContext) -> Iterator[list[Item]]:
        items = self.items
        if items is None:
            items = read_inputs(self.inputs, ctx.settings, self.include, self.exclude)
        yield from batched(items, ctx.settings.batch_size)


class Prepare(Map):
    """Extract, normalise, segment, identify the language, hash: one output per input."""

    def apply(
        self, batch: list[RawDocument | InputError], ctx: RunContext
    ) -> list[Document | InputError]:
        raws = [item for item in batch if not isinstance(item, InputError)]
        prepared = iter(prepare_batch(raws, ctx.settings))
        return [item if isinstance(item, InputError) else next(prepared) for item in batch]


class SelectNew(Block):
    """Counts what was read, records input errors, and passes on the documents not stored yet
    (exact copies are known ids; near-duplicates are marked, against the store and the earlier
    batches of this run). Sequential by nature: each batch is judged against the ones before."""

    def __call__(
        self, batches: Iterable[list[Document | InputError]], ctx: RunContext
    ) -> Iterator[list[Document]]:
        store, report = ctx.db(), ctx.report
        ctx.finder = DuplicateFinder(store, ctx.settings.near_duplicate_threshold)
        for batch in batches:
            report.read += len(batch)
            docs: list[Document] = []
            for item in batch:
                if isinstance(item, InputError):
                    report.skip(item)
                else:
                    docs.append(item)
            fresh, known = ctx.finder.select_new(docs)
            report.already_stored += known
            yield fresh


@dataclass(repr=False)
class Analyse(Map):
    """Analyse the pending documents of a batch (`analyse=False`: only ingest) and build the
    rows the batch adds to the store."""

    analyse: bool = True

    @property
    def needs_models(self) -> bool:
        return self.analyse

    def apply(self, batch: list[Document], ctx: RunContext) -> Batch:
        return analyse_for_store(batch, ctx.settings, ctx.run_id, self.analyse)


class Write(Block):
    """Writer: each batch's rows in one transaction, its counts into the report; yields the
    number of documents stored."""

    def __call__(self, batches: Iterable[Batch], ctx: RunContext) -> Iterator[int]:
        store = ctx.db()
        for batch in batches:
            ctx.report.add(batch.counts)
            store.write_tables(batch.tables)
            if ctx.finder is not None:  # the store answers for these documents now
                ctx.finder.forget_ids(batch.doc_ids)
            yield len(batch.doc_ids)


class ReadStored(Block):
    """Reader: the documents an ingest-only run stored and nobody analysed yet (`pending`)."""

    def __call__(self, batches: Iterable[object], ctx: RunContext) -> Iterator[list[Document]]:
        yield from ctx.db().pending_documents(ctx.settings.batch_size)


class AnalyseStored(Map):
    """Analyse stored documents again."""

    @property
    def needs_models(self) -> bool:
        return True

    def apply(self, batch: list[Document], ctx: RunContext) -> Reanalysed:
        return analyse_stored(batch, ctx.settings)


class Update(Block):
    """Writer: replace the stored documents' analyses and status, one transaction a batch."""

    def __call__(self, batches: Iterable[Reanalysed], ctx: RunContext) -> Iterator[int]:
        store = ctx.db()
        for batch in batches:
            ctx.report.add(batch.counts)
            store.write_analyses(batch.docs, batch.analyses)
            yield len(batch.docs)
