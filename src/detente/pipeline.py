"""The per-document blocks and the run that composes them: read → prepare → dedup → analyse → store."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

import pyarrow as pa

from detente.actors.kb import load_kb
from detente.clean import prepare_document
from detente.config import Settings
from detente.corpus.dedup import DuplicateFinder
from detente.errors import InputError
from detente.ingest import DEFAULT_GLOBS, Item, read_inputs
from detente.interrupt import check_stop, was_stopped
from detente.model import (
    ANALYSED_KINDS,
    Analysis,
    Document,
    Entity,
    RawDocument,
    SegmentKind,
    Sentence,
    Status,
)
from detente.store import Store, batch_tables

if TYPE_CHECKING:  # spaCy and what builds on it load where documents are analysed, not here:
    from detente.actors.link import Linker  # a pool's parent process never needs them
    from detente.engines.local import LocalEngine
    from detente.parse.units import Unit

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Entity labels kept for actor linking; numbers, dates and the like are not actors.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})


# ---- per-document blocks: pure functions of their input, run in any process ----------------


def warm_up(settings: Settings) -> None:
    """Load what the blocks below use (spaCy, the knowledge base, the event lexicon, the tone and
    language models) now, so that no batch pays for it; each is cached per process."""
    from detente.actors.link import get_linker
    from detente.clean.language import detect_language
    from detente.events.coder import get_coder
    from detente.signals import tone

    get_linker(settings.knowledge)
    get_coder(settings.dictionaries)
    tone("ready")
    detect_language("Is this ready? Ist das bereit? Est-ce prêt?")


def prepare_batch(raws: list[RawDocument], settings: Settings) -> list[Document | InputError]:
    out: list[Document | InputError] = []
    for raw in raws:
        try:
            out.append(prepare_document(raw, settings))
        except InputError as exc:
            out.append(exc)
        except Exception as exc:  # a bug on one document must not stop the run
            log.exception("%s: unexpected error while cleaning", raw.origin)
            out.append(
                InputError(raw.origin, f"could not be cleaned ({type(exc).__name__}: {exc})")
            )
    return out


def analyze_batch(docs: list[Document], settings: Settings) -> list[Analysis]:
    """Parse the analysed segments of each document with spaCy (`nlp.pipe`), then link actors."""
    from detente.actors.link import get_linker
    from detente.nlp import load_nlp, parse_texts
    from detente.parse.units import Unit

    nlp = load_nlp()
    linker = get_linker(settings.knowledge)
    units = [
        (d, i, seg.start)
        for d in docs
        for i, seg in enumerate(d.segments)
        if seg.kind in ANALYSED_KINDS
    ]
    # Long segments are parsed in pieces joined back into one parse (`parse_texts`), so a huge
    # line costs bounded memory and its offsets stay those of the document. A headline in
    # capitals or Title Case is parsed re-cased (same length), its unit keeping the written text.
    written = [d.text[d.segments[i].start : d.segments[i].end] for d, i, _ in units]
    recased = [
        text if d.segments[i].kind is SegmentKind.COMMENT else linker.recase_text(text)
        for (d, i, _), text in zip(units, written, strict=True)
    ]
    texts = (
        (text, f"{d.origin} (segment {i})") for (d, i, _), text in zip(units, recased, strict=True)
    )
    analyses = {d.doc_id: Analysis(doc_id=d.doc_id) for d in docs}
    parsed_units: dict[str, list[Unit]] = {d.doc_id: [] for d in docs}
    for (doc, seg_index, offset), parsed, as_written, as_parsed in zip(
        units,
        parse_texts(nlp, texts, batch_size=settings.batch_size),
        written,
        recased,
        strict=True,
    ):
        result = analyses[doc.doc_id]
        for sent in parsed.sents:
            words = sum(1 for t in sent if not t.is_punct and not t.is_space)
            result.sentences.append(
                Sentence(
                    start=offset + sent.start_char,
                    end=offset + sent.end_char,
                    segment=seg_index,
                    tokens=words,
                )
            )
            result.tokens += words
        result.entities.extend(
            Entity(
                start=offset + e.start_char,
                end=offset + e.end_char,
                label=e.label_,
                text=as_written[e.start_char : e.end_char],
            )
            for e in parsed.ents
            if e.label_ in ENTITY_LABELS
        )
        thread = doc.segments[seg_index].kind is SegmentKind.COMMENT
        original = as_written if as_parsed != as_written else None
        parsed_units[doc.doc_id].append(Unit(seg_index, offset, parsed, thread, original))
    for doc in docs:
        try:
            _understand(
                doc, parsed_units[doc.doc_id], analyses[doc.doc_id], linker, settings.dictionaries
            )
        except Exception:  # a bug on one document must not stop the run: keep its parse
            log.exception(
                "%s: actors, events, quotes or signals failed; stored without", doc.origin
            )
    return [analyses[d.doc_id] for d in docs]


def _understand(
    doc: Document,
    units: list[Unit],
    analysis: Analysis,
    linker: Linker,
    dictionaries: tuple[str, ...] = (),
) -> None:
    """Actors, events, quotes and signals of one parsed document, in that order."""
    from detente.events.coder import code_document
    from detente.quotes import find_quotes
    from detente.signals import compute_signals

    # The linker needs a day to pick office holders; an undated document gets a year its text
    # names, else its ingestion day, there only, and lower confidence for dated offices (its
    # `published` and its events' dates stay unknown).
    day = (doc.published or doc.ingested_at).date()
    mentions = linker.link(units, day, dated=doc.published is not None)
    headlines = frozenset(i for i, s in enumerate(doc.segments) if s.kind is SegmentKind.HEADLINE)
    published = doc.published.date() if doc.published else None
    analysis.mentions = mentions
    analysis.events = code_document(units, mentions, published, headlines, dictionaries)
    analysis.quotes = find_quotes(units, mentions)
    analysis.signals, tones = compute_signals(doc, units, mentions, analysis.events)
    starts = {u.segment: u.offset for u in units}
    for sentence in analysis.sentences:
        sentence.tone = tones.get(
            (sentence.segment, sentence.start - starts.get(sentence.segment, 0))
        )


# ---- the run -----------------------------------------------------------------------------


@dataclass
class RunReport:
    """What one run did, for the summary table and the `runs` provenance table."""

    read: int = 0
    stored: int = 0
    analysed: int = 0
    already_stored: int = 0
    duplicates: int = 0
    not_analysed: int = 0
    segments: int = 0
    sentences: int = 0
    words: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, counts: Counter[str]) -> None:
        for key, value in counts.items():
            setattr(self, key, getattr(self, key) + value)

    def skip(self, error: InputError) -> None:
        """Record an input that could not be used; the run goes on."""
        log.warning("%s", error)
        self.errors.append((error.origin, error.reason))

    @property
    def failed(self) -> int:
        return len(self.errors)

    def counts(self) -> dict[str, int | float]:
        return {
            "read": self.read,
            "stored": self.stored,
            "analysed": self.analysed,
            "already_stored": self.already_stored,
            "duplicates": self.duplicates,
            "not_analysed": self.not_analysed,
            "failed": self.failed,
            "segments": self.segments,
            "sentences": self.sentences,
            "words": self.words,
            "seconds": round(self.seconds, 3),
        }


ProgressCallback = Callable[[RunReport], None]


class RunInterrupted(KeyboardInterrupt):
    """A run stopped by Ctrl-C (or SIGTERM) between or during batches. What it stored is whole
    (a batch is one transaction) and recorded as `interrupted` in `runs`; running the same
    command again finishes the job, since stored documents are skipped."""

    def __init__(self, report: RunReport) -> None:
        super().__init__(f"interrupted after storing {report.stored} documents")
        self.report = report


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def analyze_selected(docs: list[Document], settings: Settings) -> dict[str, Analysis]:
    """Analyses of the documents that are still pending (new, English, not duplicates)."""
    todo = [d for d in docs if d.status is Status.PENDING]
    return {a.doc_id: a for a in analyze_batch(todo, settings)} if todo else {}


def _collect_errors(items: Iterable[Item], report: RunReport) -> Iterator[RawDocument]:
    for item in items:
        report.read += 1
        if isinstance(item, InputError):
            report.skip(item)
        else:
            yield item


def _select_new(
    prepared: Iterable[tuple[list[RawDocument], list[Document | InputError]]],
    finder: DuplicateFinder,
    report: RunReport,
) -> Iterator[list[Document]]:
    for _, batch in prepared:
        docs: list[Document] = []
        for item in batch:
            if isinstance(item, InputError):
                report.skip(item)
            else:
                docs.append(item)
        fresh, known = finder.select_new(docs)
        report.already_stored += known
        yield fresh


def batch_counts(docs: Sequence[Document], analyses: dict[str, Analysis]) -> Counter[str]:
    """What a batch adds to a run's counts; analysed documents are marked so."""
    counts: Counter[str] = Counter()
    for doc in docs:
        if doc.doc_id in analyses:
            doc.status = Status.ANALYSED
            counts["analysed"] += 1
            counts["sentences"] += len(analyses[doc.doc_id].sentences)
            counts["words"] += analyses[doc.doc_id].tokens
        counts["duplicates"] += doc.status is Status.DUPLICATE
        counts["not_analysed"] += doc.status is Status.NOT_ANALYSED
        counts["segments"] += len(doc.segments)
    return counts


@dataclass
class Batch:
    """What one batch of new documents adds to the store (its rows, table by table, built where
    it was analysed) and to the run's counts."""

    tables: dict[str, pa.Table]
    counts: Counter[str]


def analyse_for_store(
    docs: list[Document], settings: Settings, run_id: str, analyse: bool = True
) -> Batch:
    """Analyse the pending documents of a batch (unless only ingesting) and build its rows."""
    analyses = analyze_selected(docs, settings) if analyse else {}
    counts = batch_counts(docs, analyses)
    return Batch(batch_tables(docs, analyses, run_id), counts)


def run(
    inputs: Sequence[str],
    settings: Settings,
    *,
    analyse: bool = True,
    include: Sequence[str] = DEFAULT_GLOBS,
    exclude: Sequence[str] = (),
    progress: ProgressCallback | None = None,
    items: Iterable[Item] | None = None,
) -> RunReport:
    """Read inputs, clean, deduplicate, (analyse) and store them, batch by batch.

    Every batch is written in one transaction, so an interrupted run leaves only whole
    documents behind, and running it again picks up where it stopped (known ids are skipped).
    Without inputs, analyses the documents stored earlier by an ingest-only run. `items` are
    documents already read (the API's posted text), taken instead of `inputs`.
    """
    from detente.engines.local import LocalEngine

    report = RunReport()
    started = time.perf_counter()
    with Store.open(settings.db) as store, LocalEngine(settings.workers) as engine:
        run_id = store.start_run("analyze" if analyse else "ingest", settings)
        if analyse:
            store.write_kb(load_kb(settings.knowledge))
        status = "failed"
        try:
            if inputs or items is not None:
                if items is None:
                    items = read_inputs(inputs, settings, include, exclude)
                batches = _store_new(items, settings, store, engine, run_id, analyse, report)
            else:
                batches = _analyse_pending(settings, store, engine, report)
            for size in batches:
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
            store.finish_run(run_id, status, report.counts(), report.errors)
    return report


def _store_new(
    items: Iterable[Item],
    settings: Settings,
    store: Store,
    engine: LocalEngine,
    run_id: str,
    analyse: bool,
    report: RunReport,
) -> Iterator[int]:
    """Prepare, select and (analyse and) store new documents; yields each stored batch's size."""
    finder = DuplicateFinder(store, settings.near_duplicate_threshold)
    raws = _collect_errors(items, report)
    prepared = engine.map(
        partial(prepare_batch, settings=settings), batched(raws, settings.batch_size)
    )
    selected = _select_new(prepared, finder, report)
    store_fn = partial(analyse_for_store, settings=settings, run_id=run_id, analyse=analyse)
    for docs, batch in engine.map(store_fn, selected):
        report.add(batch.counts)
        store.write_tables(batch.tables)
        finder.forget(docs)
        yield len(docs)


def _analyse_pending(
    settings: Settings, store: Store, engine: LocalEngine, report: RunReport
) -> Iterator[int]:
    """Analyse what an ingest-only run stored; yields each stored batch's size."""
    analyse_fn = partial(analyze_selected, settings=settings)
    for docs, analyses in engine.map(analyse_fn, store.pending_documents(settings.batch_size)):
        report.read += len(docs)
        report.add(batch_counts(docs, analyses))
        store.write_analyses(docs, analyses)
        yield len(docs)
