"""Scoring quote finding against the annotated paragraphs in `eval/quotes/`.

Each line: {"id", "date", "text", "quotes": [[quoted text, speaker, kind], ...]} with the speaker
a person id ("kim-jong-un"), an actor code ("RUSGOV") or "" when the text names nobody. A
predicted quote (scare quotes excluded: they are not speech) matches a gold quote whose span it
overlaps; speaker accuracy compares person ids where the gold gives one, codes otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.table import Table

from detente.errors import InputError
from detente.evaluation.scores import Scores, load_annotated, score_table

DEFAULT_DATA = Path("eval/quotes")


@dataclass
class Example:
    id: str
    text: str
    day: date
    gold: list[tuple[int, int, str, str]]  # start, end, speaker, kind


@dataclass
class Report:
    examples: int = 0
    spans: Scores = field(default_factory=Scores)
    matched: int = 0
    speaker_right: int = 0
    kind_right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.matched if self.matched else 0.0


def load_examples(path: Path) -> list[Example]:
    return load_annotated(path, "annotated quotes", _example)


def _example(record: dict[str, Any], where: str) -> Example:
    text, gold, cursor = record["text"], [], 0
    for quoted, speaker, kind in record["quotes"]:
        start = text.find(quoted, cursor) if text.find(quoted, cursor) >= 0 else text.find(quoted)
        if start < 0:
            raise InputError(where, f"quote {quoted!r} not in the text")
        gold.append((start, start + len(quoted), speaker, kind))
        cursor = start
    return Example(record["id"], text, date.fromisoformat(record["date"]), gold)


def evaluate(examples: Sequence[Example], kb_files: tuple[str, ...] = ()) -> Report:
    from detente.actors.link import get_linker
    from detente.parse.units import text_units
    from detente.quotes import find_quotes

    report = Report()
    for ex in examples:
        units = text_units(ex.text)
        mentions = get_linker(kb_files).link(units, ex.day)
        predicted = [q for q in find_quotes(units, mentions) if q.kind != "scare"]
        report.examples += 1
        left = list(ex.gold)
        for q in predicted:
            hit = next((g for g in left if g[0] < q.end and q.start < g[1]), None)
            if hit is None:
                report.spans.fp += 1
                report.errors.append(f"{ex.id}: extra  {q.kind} {q.text!r} ({q.speaker_code})")
                continue
            left.remove(hit)
            report.spans.tp += 1
            report.matched += 1
            speaker = hit[2]
            said = q.speaker_person if "-" in speaker else q.speaker_code
            report.speaker_right += said == speaker or (not speaker and not q.speaker_code)
            report.kind_right += q.kind == hit[3]
            if said != speaker and (speaker or q.speaker_code):
                report.errors.append(
                    f"{ex.id}: speaker {speaker or '-'} → {said or '-'}: {q.text!r}"
                )
        report.spans.fn += len(left)
        report.errors += [f"{ex.id}: missed {ex.text[g[0] : g[1]]!r} ({g[2]})" for g in left]
    return report


def summary(report: Report) -> list[str | Table]:
    """What `detente eval quotes` prints: quote-span scores, speaker and kind accuracy."""
    title = f"quotes: {report.examples} paragraphs, {report.spans.tp + report.spans.fn} gold quotes"
    return [
        score_table(title, [("quote spans", report.spans)]),
        f"speaker accuracy {report.speaker_accuracy:.3f}, kind accuracy "
        f"{report.kind_accuracy:.3f} (among {report.matched} matched quotes)",
    ]
