"""Scoring event coding against third-party PLOVER sentences with one marked (source, target) pair.

The set (`../shared/data/events/plv_train.jsonl`, from the Zero-Shot-PLOVER study; development
figures only, never copied into the project) has one JSON object per line::

    {"id": "plv-train-0", "text": "...", "source": "span as written in text",
     "target": "span as written in text", "plover": "ACCUSE", "quad": "3", "modality": "past"}

How the set's convention is mapped to ours (the mappings live here, not in the package's data):

- **PLOVER names**: the set uses the current PLOVER types, ours come from the CAMEO-to-PLOVER
  table of 2021 (`plover_type` in `events/data/cameo.csv`). Older names are renamed before any
  comparison: DEMAND → REQUEST, CONCEDE → YIELD, RETREAT → YIELD (`RENAMED`). Our events with no
  PLOVER type (CAMEO root 01, statements) count as emitted with type "none", which is never gold.
- **Text spans → actor codes**: each span is found in the text with `str.find` (first occurrence).
  The actor codes of a span are those of the linker's mentions overlapping it by character offsets
  that carry a code (NER-only mentions, code "", do not count). A span the text does not contain
  is one of the set's placeholders ("An actor", "a recipient": no source or no target); such rows
  are counted apart and left out of the pair figures, but their sentences' events are still scored.
  Where both spans link to one and the same code only ("the White House" | "President Trump":
  USAGOV twice) no event can cover the row, since our events never have one actor as both source
  and target; such rows are counted (`same_actor`).
- **Coverage**: an event covers a row when its source is one of the source span's codes and its
  target one of the target span's codes. For the symmetric gold types (`SYMMETRIC`) the reverse
  direction covers too; the type is then judged as is. Of several covering events the most
  confident one is judged.
- **Event precision**: every event coded on the set's distinct sentences is right when its
  (renamed) PLOVER type is the gold type of some row with that sentence.
- **Dates**: the set has none; every sentence is coded as published on `DAY`, which only decides
  which office a named person holds and so the same code for mention and event.
- The set's `quad` and `modality` ("past", "todo") are not scored.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.table import Table

from detente.errors import InputError
from detente.evaluation.scores import load_annotated
from detente.model import Event, Mention

DEFAULT_DATA = Path("../shared/data/events/plv_train.jsonl")
RENAMED = {"DEMAND": "REQUEST", "CONCEDE": "YIELD", "RETREAT": "YIELD"}
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
DAY = date(2019, 7, 1)  # the middle of the years the set's sentences come from
NONE = "none"  # the type of an event with no PLOVER type


@dataclass
class Example:
    id: str
    text: str
    source: str
    target: str
    plover: str


@dataclass
class TypeCounts:
    rows: int = 0
    covered: int = 0
    right: int = 0


@dataclass
class Report:
    rows: int = 0
    unmarked: int = 0  # a placeholder span: no marked source or target in the text
    no_source_actor: int = 0  # marked rows whose source span has no linked actor
    no_target_actor: int = 0
    no_actor: int = 0  # marked rows with no linked actor in the source or the target span
    same_actor: int = 0  # marked rows whose two spans link to one and the same code only
    covered: int = 0
    type_right: int = 0
    sentences: int = 0  # distinct texts coded
    emitted: int = 0
    emitted_right: int = 0
    emitted_untyped: int = 0  # events with no PLOVER type (CAMEO statements)
    per_type: dict[str, TypeCounts] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)
    errors: list[str] = field(default_factory=list)

    @property
    def marked(self) -> int:
        """Rows whose source and target spans are both in the text."""
        return self.rows - self.unmarked

    @property
    def coverage(self) -> float:
        return self.covered / self.marked if self.marked else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_right / self.covered if self.covered else 0.0

    @property
    def precision(self) -> float:
        return self.emitted_right / self.emitted if self.emitted else 0.0


def load_examples(path: Path) -> list[Example]:
    """The rows of the PLOVER set (one `*.jsonl` file, or every one in a directory).

    Raises `InputError` naming the path when it is absent, holds no such file or a line is
    malformed."""
    if not path.exists():
        raise InputError(
            str(path),
            "no such file: the PLOVER set is third-party data kept beside the project "
            f"(default {DEFAULT_DATA}, relative to the project root); name it with --data",
        )
    return load_annotated(path, "PLOVER sentences", _example)


def _example(record: dict[str, Any], where: str) -> Example:
    return Example(
        str(record["id"]), record["text"], record["source"], record["target"], record["plover"]
    )


def plover_of(event: Event) -> str:
    """An event's PLOVER type under the set's names (`NONE` when the event has none)."""
    kind = event.plover_type or NONE
    return RENAMED.get(kind, kind)


def span_codes(text: str, span: str, mentions: Iterable[Mention]) -> set[str] | None:
    """The actor codes of the mentions overlapping the first occurrence of `span` in `text`
    (character offsets); None when `text` does not contain `span`."""
    start = text.find(span)
    if start < 0 or not span:
        return None
    end = start + len(span)
    return {m.actor_code for m in mentions if m.actor_code and m.start < end and m.end > start}


def covering(
    events: Iterable[Event], sources: set[str], targets: set[str], symmetric: bool
) -> Event | None:
    """The most confident event whose source is in `sources` and target in `targets` (or the
    reverse, when `symmetric`); None when no event links the pair."""
    found = [
        e
        for e in events
        if (e.source in sources and e.target in targets)
        or (symmetric and e.source in targets and e.target in sources)
    ]
    return max(found, key=lambda e: e.confidence, default=None)


def code_sentences(
    texts: Sequence[str], kb_files: tuple[str, ...] = (), dictionaries: tuple[str, ...] = ()
) -> list[tuple[list[Mention], list[Event]]]:
    """Link and code each text as a one-segment document published on `DAY`, parsing them in
    batches; returns (mentions, events) per text, in order. `dictionaries`: PETRARCH/TABARI
    files or directories added to our knowledge (as `detente analyze --dictionaries`)."""
    from detente.actors.link import get_linker
    from detente.events.coder import code_document
    from detente.nlp import load_nlp
    from detente.parse.units import Unit

    linker = get_linker(kb_files + dictionaries)
    out = []
    # A line break would make two segments; a space keeps every offset.
    for doc in load_nlp().pipe((t.replace("\n", " ") for t in texts), batch_size=64):
        units = [Unit(0, 0, doc)]
        mentions = linker.link(units, DAY)
        out.append((mentions, code_document(units, mentions, DAY, dictionaries=dictionaries)))
    return out


def evaluate(
    examples: Sequence[Example], kb_files: tuple[str, ...] = (), dictionaries: tuple[str, ...] = ()
) -> Report:
    """Pair coverage, type accuracy on covered pairs and event precision over `examples`, with
    our knowledge plus `kb_files` and PETRARCH/TABARI `dictionaries`."""
    texts = list(dict.fromkeys(ex.text for ex in examples))
    coded = dict(zip(texts, code_sentences(texts, kb_files, dictionaries), strict=True))
    gold: dict[str, set[str]] = defaultdict(set)
    for ex in examples:
        gold[ex.text].add(ex.plover)
    report = Report(rows=len(examples), sentences=len(texts))
    for text, (_, events) in coded.items():
        report.emitted += len(events)
        report.emitted_right += sum(plover_of(e) in gold[text] for e in events)
        report.emitted_untyped += sum(e.plover_type is None for e in events)
    for ex in examples:
        _score_row(report, ex, *coded[ex.text])
    return report


def _score_row(report: Report, ex: Example, mentions: list[Mention], events: list[Event]) -> None:
    sources = span_codes(ex.text, ex.source, mentions)
    targets = span_codes(ex.text, ex.target, mentions)
    if sources is None or targets is None:
        report.unmarked += 1
        return
    counts = report.per_type.setdefault(ex.plover, TypeCounts())
    counts.rows += 1
    report.no_source_actor += not sources
    report.no_target_actor += not targets
    report.no_actor += not sources or not targets
    report.same_actor += len(sources | targets) == 1 and bool(sources) and bool(targets)
    event = covering(events, sources, targets, ex.plover in SYMMETRIC)
    if event is None:
        why = "no actor in " + " and ".join(
            side for side, codes in (("source", sources), ("target", targets)) if not codes
        )
        if sources and targets:
            why = f"pair {'/'.join(sorted(sources))}|{'/'.join(sorted(targets))} not linked"
        report.errors.append(_error_line(ex, f"missed ({why})", events))
        return
    report.covered += 1
    counts.covered += 1
    predicted = plover_of(event)
    if predicted == ex.plover:
        report.type_right += 1
        counts.right += 1
        return
    report.confusion[(ex.plover, predicted)] += 1
    what = f"typed {predicted}{_qualified(event)} [{event.trigger}]"
    report.errors.append(_error_line(ex, what, events))


def _error_line(ex: Example, what: str, events: list[Event]) -> str:
    emitted = "; ".join(
        f"{e.source or '-'} {e.cameo}:{plover_of(e)}{_qualified(e)} {e.target or '-'} [{e.trigger}]"
        for e in events
    )
    return (
        f"{ex.id}: {ex.plover} {ex.source}|{ex.target}: {what}; emitted: {emitted or 'nothing'}"
        f"  | {ex.text}"
    )


def _qualified(event: Event) -> str:
    """How an event is told, when not as a plain fact: "(negated, intent)"."""
    said = [w for w in (event.polarity, event.modality) if w not in ("asserted", "factual")]
    return f"({', '.join(said)})" if said else ""


def summary(report: Report) -> list[str | Table]:
    """What `detente eval plover` prints: pair coverage, type accuracy, event precision, by type
    and the most frequent confusions."""
    types = Table("gold type", "rows", "covered", "type right", title="by type",
                  title_justify="left")  # fmt: skip
    for kind, c in sorted(report.per_type.items(), key=lambda kv: -kv[1].rows):
        types.add_row(kind, str(c.rows), str(c.covered), str(c.right))
    confusion = Table("gold", "predicted", "rows", title="top confusions", title_justify="left")
    for (gold, predicted), n in report.confusion.most_common(15):
        confusion.add_row(gold, predicted, str(n))
    return [
        f"plover (development figures, third-party set): {report.rows} rows, {report.marked} with "
        f"both spans in the text ({report.unmarked} with a placeholder left out), "
        f"{report.sentences} sentences",
        f"pair coverage {report.coverage:.3f} ({report.covered}/{report.marked}); rows with no "
        f"linked actor in the source span {report.no_source_actor}, in the target span "
        f"{report.no_target_actor}, in either {report.no_actor}; both spans one and the same "
        f"actor {report.same_actor}",
        f"type accuracy on covered pairs {report.type_accuracy:.3f} "
        f"({report.type_right}/{report.covered})",
        f"event precision {report.precision:.3f} ({report.emitted_right}/{report.emitted} "
        f"emitted; {report.emitted_untyped} with no PLOVER type)",
        types,
        confusion,
    ]
