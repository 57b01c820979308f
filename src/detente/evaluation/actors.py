"""Scoring actor linking against the annotated dev set in `eval/actors/`.

Each line of a `*.jsonl` file there is one news paragraph (or a few, one per line of `text`)::

    {"id": "a01", "date": "2024-06-20", "text": "...",
     "mentions": [["Russian Foreign Minister Sergey Lavrov", "RUSGOV", "sergey-lavrov"], ...]}

Gold mentions are listed in reading order as [surface text, actor code, person id or null]; each
is found in the text after the previous one (a repeated surface, as for "the two men" naming two
people, points at the same place). Detection counts a predicted span that overlaps a gold span;
linking counts a predicted (span, code) that overlaps a gold one with the same code and, where the
gold names a person, the same person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rich.table import Table

from detente.errors import InputError
from detente.evaluation.scores import Scores, load_annotated, score_table

DEFAULT_DATA = Path("eval/actors")


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    code: str
    person: str | None


@dataclass
class Example:
    id: str
    text: str
    day: date
    gold: list[Gold]
    thread_from: int | None = None  # lines from this index on are comments


@dataclass
class Report:
    examples: int = 0
    detection: Scores = field(default_factory=Scores)
    strict_detection: Scores = field(default_factory=Scores)
    linking: Scores = field(default_factory=Scores)
    by_method: Counter[str] = field(default_factory=Counter)  # correct links per method
    wrong_by_method: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def load_examples(path: Path) -> list[Example]:
    return load_annotated(path, "annotated examples", _example)


def _example(record: dict[str, object], where: str) -> Example:
    text = str(record["text"])
    gold: list[Gold] = []
    cursor = 0
    for item in record["mentions"]:  # type: ignore[attr-defined]
        surface, code, *rest = item
        person = rest[0] if rest else None
        if gold and gold[-1].text == surface:
            start = gold[-1].start
        else:  # the next occurrence as a whole word ("he" is not the "he" in "where")
            found = re.compile(rf"(?<!\w){re.escape(surface)}(?!\w)").search(text, cursor)
            start = found.start() if found else -1
        if start < 0:
            raise InputError(where, f"gold mention {surface!r} not found after offset {cursor}")
        gold.append(Gold(start, start + len(surface), surface, code, person))
        cursor = start + len(surface)
    thread = record.get("thread_from")
    return Example(
        str(record["id"]),
        text,
        date.fromisoformat(str(record["date"])),
        gold,
        int(thread) if isinstance(thread, int) else None,
    )


def evaluate(examples: Sequence[Example], kb_files: tuple[str, ...] = ()) -> Report:
    from detente.actors.link import link_text

    report = Report()
    for ex in examples:
        predicted = link_text(ex.text, ex.day, kb_files, ex.thread_from)
        report.examples += 1
        _score_spans(
            report.detection,
            {(g.start, g.end) for g in ex.gold},
            {(m.start, m.end) for m in predicted},
            overlap=True,
        )
        _score_spans(
            report.strict_detection,
            {(g.start, g.end) for g in ex.gold},
            {(m.start, m.end) for m in predicted},
            overlap=False,
        )
        linked = [m for m in predicted if m.actor_code]
        unmatched = [g for g in ex.gold if g.code]  # unknown actors count for detection only
        for m in linked:
            hit = next(
                (
                    g
                    for g in unmatched
                    if g.start < m.end and m.start < g.end and g.code == m.actor_code
                    and (g.person is None or g.person == m.person)
                ),
                None,
            )  # fmt: skip
            if hit is not None:
                unmatched.remove(hit)
                report.linking.tp += 1
                report.by_method[m.method] += 1
            else:
                report.linking.fp += 1
                report.wrong_by_method[m.method] += 1
                report.errors.append(
                    f"{ex.id}: extra  {m.text!r} → {m.actor_code} {m.person or ''} ({m.method})"
                )
        report.linking.fn += len(unmatched)
        report.errors += [
            f"{ex.id}: missed {g.text!r} → {g.code} {g.person or ''}" for g in unmatched
        ]
    return report


def _score_spans(
    scores: Scores, gold: set[tuple[int, int]], predicted: Iterable[tuple[int, int]], overlap: bool
) -> None:
    left = set(gold)
    for start, end in sorted(set(predicted)):
        matches = (
            g
            for g in sorted(left)
            if (g[0] < end and start < g[1] if overlap else g == (start, end))
        )
        hit = next(matches, None)
        if hit is not None:
            left.discard(hit)
            scores.tp += 1
        else:
            scores.fp += 1
    scores.fn += len(left)


def summary(report: Report) -> list[str | Table]:
    """What `detente eval actors` prints: detection and linking scores, links by method."""
    title = (
        f"actors: {report.examples} examples, {report.linking.tp + report.linking.fn} gold mentions"
    )
    scores = score_table(
        title,
        [
            ("mention detection (overlap)", report.detection),
            ("mention detection (exact span)", report.strict_detection),
            ("linking (code and person)", report.linking),
        ],
    )
    methods = Table("method", "correct", "wrong", title="links by method", title_justify="left")
    for method in sorted(set(report.by_method) | set(report.wrong_by_method)):
        methods.add_row(method, str(report.by_method[method]), str(report.wrong_by_method[method]))
    return [scores, methods]
