"""The per-document work of the run: pure functions of a batch of documents (plus read-only
knowledge: models, the actor KB, lexicons), run in any process by the blocks in
`detente.run.steps`. Nothing here opens the store.

- `prepare_batch`: raw documents → documents (extract, normalise, segment, language, doc_id,
  MinHash), one output per input, an `InputError` for one that cannot be used;
- `analyze_batch`: documents → analyses (spaCy `nlp.pipe` over the analysed segments, then
  actors, events, quotes and signals on the same parses);
- `analyse_for_store`: a batch of selected documents → the rows it adds to the store
  (`Batch`: Arrow tables by table name, the run's counts, the documents' ids).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from detente.clean import prepare_document
from detente.config import Settings
from detente.errors import InputError
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
from detente.store import batch_tables

if TYPE_CHECKING:  # spaCy and what builds on it load where documents are analysed, not here:
    from spacy.tokens import Doc  # a pool's parent process never needs them

    from detente.actors.link import Linker
    from detente.parse.units import Unit

log = logging.getLogger("detente.pipeline")

#: Entity labels kept for actor linking; numbers, dates and the like are not actors.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})


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
    """One `Document` per raw document, in order, or the `InputError` saying why it could not
    be made one (an unexpected exception on one document is logged and becomes one too)."""
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
    from detente.actors.recase import RECASE_TRIED
    from detente.nlp import load_nlp, parse_texts

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
        word = _words(parsed)
        for sent in parsed.sents:
            words = sum(word[sent.start : sent.end])
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
        if not thread:  # re-cased above (or left as written): the linker need not try again
            parsed.user_data[RECASE_TRIED] = True
        unit = parsed_unit(seg_index, offset, parsed, as_written, as_parsed, thread)
        parsed_units[doc.doc_id].append(unit)
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


def parsed_unit(
    segment: int, offset: int, parsed: Doc, written: str, as_parsed: str, thread: bool = False
) -> Unit:
    """The `Unit` of a segment (index, character offset in its document) parsed from the text
    `as_parsed` (`written` re-cased, or `written` itself), with its text set: `Unit.text` would
    otherwise join every token of the parse again (2 ms a paragraph, more than linking it)."""
    from detente.parse.units import Unit

    return Unit.of_text(segment, offset, parsed, written, as_parsed, thread)


def _words(parsed: Doc) -> list[bool]:
    """Per token of a parse, whether it is a word (neither punctuation nor space), read at once."""
    from spacy.attrs import IS_PUNCT, IS_SPACE

    flags = parsed.to_array([IS_PUNCT, IS_SPACE]).tolist() if len(parsed) else []
    return [not punct and not space for punct, space in flags]


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


def analyze_selected(docs: list[Document], settings: Settings) -> dict[str, Analysis]:
    """Analyses of the documents that are still pending (new, English, not duplicates)."""
    todo = [d for d in docs if d.status is Status.PENDING]
    return {a.doc_id: a for a in analyze_batch(todo, settings)} if todo else {}


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
    """What one batch of new documents adds to the store and to the run's counts.

    `tables`: its rows by table name, built where it was analysed (Arrow tables, or Parquet
    files of them where an executor moved them through the filesystem); `doc_ids`: its
    documents, in order."""

    tables: dict[str, pa.Table | Path]
    counts: Counter[str]
    doc_ids: list[str]


def analyse_for_store(
    docs: list[Document], settings: Settings, run_id: str, analyse: bool = True
) -> Batch:
    """Analyse the pending documents of a batch (unless only ingesting) and build its rows."""
    analyses = analyze_selected(docs, settings) if analyse else {}
    counts = batch_counts(docs, analyses)
    tables: dict[str, pa.Table | Path] = dict(batch_tables(docs, analyses, run_id))
    return Batch(tables, counts, [d.doc_id for d in docs])


@dataclass
class Reanalysed:
    """Stored documents analysed again (an ingest-only run's, `pending`): the documents with
    their new status, their analyses by id, and the run's counts."""

    docs: list[Document]
    analyses: dict[str, Analysis]
    counts: Counter[str]


def analyse_stored(docs: list[Document], settings: Settings) -> Reanalysed:
    """Analyse documents an ingest-only run stored; counts as `batch_counts` (`read` included,
    since these documents were read from the store, not from inputs)."""
    analyses = analyze_selected(docs, settings)
    counts = batch_counts(docs, analyses)
    counts["read"] += len(docs)
    return Reanalysed(docs, analyses, counts)
