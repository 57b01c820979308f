"""Scoring quotes and speakers against PolNeAR, third-party US political news with every
attribution annotated.

The set (`../shared/data/quotes/polnear_dev.jsonl`, `polnear_train.jsonl`; development figures
only, never copied into the project) has one article per line::

    {"id", "date": "2016-09-12", "text", "attributions": [{"source": {"text", "spans"} | null,
     "cue": {...}, "content": {"text", "spans": [[start, end], ...]}, "is_direct_quote": bool}]}

How the set's convention is mapped to ours (the mappings live here, not in the package):

- **Articles**: each text is analysed as detente analyses a plain text (`text_units`: one segment
  a line, so blank lines between paragraphs are empty segments and every offset is the set's),
  with the actor linker on the article's date.
- **Matching**: a predicted quote matches an attribution when its span and the attribution's
  content spans overlap by at least half of the shorter of the two (`OVERLAP`).
- **Direct quotes**: gold "direct" is the set's `is_direct_quote` (a heuristic of the set: the
  content opens or closes with a quotation mark). Ours are the `direct` and `partial` quotes.
  Recall is over the gold direct attributions; a predicted direct quote is right when it matches
  any attribution (the set annotates every one, so a match is a real attribution even when the
  heuristic calls it indirect).
- **All attributions**: every gold attribution against every predicted quote but scare quotes.
- **Speakers**: judged on found attributions that have a gold source, with the best-overlapping
  predicted quote. A speaker is right when its text shares a content word with the gold source
  text ("Mr. Obama" | "Obama"; "he" | "He"), or when the person it was linked to shares the
  surname of a name in the source ("he" resolved to Donald Trump | "Trump"). Titles and function
  words (`NOT_NAMES`) never make a match on their own ("President Obama" | "President Trump").
  A quote with no speaker counts as wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.table import Table

from detente.errors import InputError
from detente.evaluation.scores import load_annotated
from detente.model import Quote

DEFAULT_DATA = Path("../shared/data/quotes/polnear_dev.jsonl")
OVERLAP = 0.5
DIRECT_KINDS = frozenset({"direct", "partial"})
NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "'s",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "to",
        "in",
        "for",
        "on",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sen",
        "sen.",
        "rep",
        "rep.",
        "gov",
        "gov.",
        "president",
        "senator",
        "governor",
        "representative",
        "former",
        "candidate",
        "presidential",
        "democratic",
        "republican",
        "nominee",
        "secretary",
    ]
)
WORD = re.compile(r"[\w.'’-]+")


@dataclass
class Gold:
    spans: list[tuple[int, int]]
    source: str | None
    direct: bool


@dataclass
class Example:
    id: str
    text: str
    day: date
    gold: list[Gold]


@dataclass
class Counts:
    """Recall over gold attributions and precision over predicted quotes (matches are not
    one-to-one: two quoted pieces of one attribution both match it)."""

    gold: int = 0
    found: int = 0  # gold attributions some predicted quote matches
    predicted: int = 0
    right: int = 0  # predicted quotes that match some gold attribution

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0


@dataclass
class Speakers:
    judged: int = 0  # found attributions with a gold source
    named: int = 0  # ... of which our quote has a speaker
    right: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.judged if self.judged else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.named if self.named else 0.0


@dataclass
class Report:
    articles: int = 0
    direct: Counts = field(default_factory=Counts)
    every: Counts = field(default_factory=Counts)
    direct_speakers: Speakers = field(default_factory=Speakers)
    every_speakers: Speakers = field(default_factory=Speakers)
    errors: list[str] = field(default_factory=list)


def load_examples(path: Path) -> list[Example]:
    """The articles of the PolNeAR file at `path`.

    Raises `InputError` naming the path when it is absent or a line is malformed."""
    if not path.exists():
        raise InputError(
            str(path),
            "no such file: PolNeAR is third-party data kept beside the project "
            f"(default {DEFAULT_DATA}, relative to the project root); name it with --data",
        )
    return load_annotated(path, "PolNeAR articles", _example)


def _example(record: dict[str, Any], where: str) -> Example:
    gold = [
        Gold(
            [(int(s), int(e)) for s, e in a["content"]["spans"]],
            a["source"]["text"] if a.get("source") else None,
            bool(a.get("is_direct_quote")),
        )
        for a in record["attributions"]
        if a.get("content") and a["content"].get("spans")
    ]
    return Example(str(record["id"]), record["text"], date.fromisoformat(record["date"]), gold)


def quotes_of(examples: Sequence[Example], kb_files: tuple[str, ...] = ()) -> list[list[Quote]]:
    """Each article's quotes (scare quotes left out), found as detente finds them in a plain
    text: segments by line, actors linked on the article's date."""
    from detente.actors.link import get_linker
    from detente.parse.units import text_units
    from detente.quotes import find_quotes

    linker = get_linker(kb_files)
    out = []
    for ex in examples:
        units = text_units(ex.text)
        found = find_quotes(units, linker.link(units, ex.day))
        out.append([q for q in found if q.kind != "scare"])
    return out


def evaluate(examples: Sequence[Example], kb_files: tuple[str, ...] = ()) -> Report:
    """Direct-quote and attribution recall and precision, and speaker accuracy on found ones."""
    report = Report(articles=len(examples))
    for ex, quotes in zip(examples, quotes_of(examples, kb_files), strict=True):
        _score_article(report, ex, quotes)
    return report


def overlap(quote: Quote, gold: Gold) -> float:
    """The share of the shorter of `quote` and the gold content that the two have in common."""
    shared = sum(max(0, min(quote.end, e) - max(quote.start, s)) for s, e in gold.spans)
    shorter = min(quote.end - quote.start, sum(e - s for s, e in gold.spans))
    return shared / shorter if shorter > 0 else 0.0


def _score_article(report: Report, ex: Example, quotes: list[Quote]) -> None:
    matched: set[int] = set()  # the gold attributions some quote matches
    for q in quotes:
        hits = [i for i, g in enumerate(ex.gold) if overlap(q, g) >= OVERLAP]
        matched.update(hits)
        scores = [report.every] + ([report.direct] if q.kind in DIRECT_KINDS else [])
        for s in scores:
            s.predicted += 1
            s.right += bool(hits)
        if not hits:
            report.errors.append(f"{ex.id}: extra {q.kind} {q.text[:90]!r} ({q.speaker_text})")
    for i, g in enumerate(ex.gold):
        content = " … ".join(ex.text[s:e] for s, e in g.spans)[:90]
        report.every.gold += 1
        report.direct.gold += g.direct
        if i not in matched:
            if g.direct:
                report.errors.append(f"{ex.id}: missed direct {content!r} ({g.source})")
            continue
        report.every.found += 1
        best = max(quotes, key=lambda q: overlap(q, g))
        direct = [q for q in quotes if q.kind in DIRECT_KINDS and overlap(q, g) >= OVERLAP]
        report.direct.found += g.direct and bool(direct)
        if g.direct and not direct:
            report.errors.append(f"{ex.id}: direct found as indirect {content!r}")
        if g.source is None:
            continue
        _judge(report.every_speakers, best, g.source)
        if g.direct and direct:
            said = max(direct, key=lambda q: overlap(q, g))
            if not _judge(report.direct_speakers, said, g.source):
                report.errors.append(
                    f"{ex.id}: speaker {g.source!r} → {said.speaker_text!r} "
                    f"({said.speaker_person or said.speaker_code or '-'}): {content!r}"
                )


def _judge(speakers: Speakers, quote: Quote, source: str) -> bool:
    speakers.judged += 1
    speakers.named += quote.speaker_text is not None
    right = same_speaker(quote, source)
    speakers.right += right
    return right


def same_speaker(quote: Quote, source: str) -> bool:
    """Whether the quote's speaker is the gold `source`: a shared content word, the same text, or
    the surname of the person the speaker was linked to."""
    if quote.speaker_text is None:
        return False
    said, gold = _words(quote.speaker_text), _words(source)
    if quote.speaker_text.strip().lower() == source.strip().lower() or (said & gold) - NOT_NAMES:
        return True
    names = [quote.speaker_name or "", (quote.speaker_person or "").replace("-", " ")]
    surnames = {n.split()[-1].lower() for n in names if n.split()}
    return bool(surnames & gold)


def _words(text: str) -> set[str]:
    return {
        w.lower().strip(".'’").removesuffix("'s").removesuffix("’s") for w in WORD.findall(text)
    }


def summary(report: Report) -> list[str | Table]:
    """What `detente eval polnear` prints: quote recall and precision, speaker accuracy."""
    table = Table("", "recall", "precision", "gold", "found", "predicted", "right",
                  title=f"polnear (development figures, third-party set): {report.articles} "
                  "articles", title_justify="left")  # fmt: skip
    for name, c in (("direct quotes", report.direct), ("all attributions", report.every)):
        table.add_row(name, f"{c.recall:.3f}", f"{c.precision:.3f}", str(c.gold), str(c.found),
                      str(c.predicted), str(c.right))  # fmt: skip
    lines: list[str | Table] = [table]
    for name, s in (("direct quotes", report.direct_speakers),
                    ("all attributions", report.every_speakers)):  # fmt: skip
        lines.append(
            f"speaker right on {name}: {s.accuracy:.3f} ({s.right}/{s.judged} found with a gold "
            f"source); with a speaker {s.named}, right when named {s.precision:.3f}"
        )
    return lines
