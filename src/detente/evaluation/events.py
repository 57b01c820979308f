"""Scoring event coding against the annotated sentences in `eval/events/`.

Each line of a `*.jsonl` file there is one sentence::

    {"id": "e001", "date": "2024-05-01", "text": "...",
     "events": [{"source": "RUS", "cameo": "011", "target": "USA", "polarity": "asserted",
                 "modality": "factual", "background": false}]}

Per sentence, predicted events are matched one-to-one to gold events: at root level by CAMEO root,
at code level by the full code. Among root-level matches, the source, target, polarity and
modality are scored as accuracies. Sentences with no gold event count their predictions as false
positives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.table import Table

from detente.evaluation.scores import Scores, load_annotated, score_table

DEFAULT_DATA = Path("eval/events")


@dataclass
class Example:
    id: str
    text: str
    day: date
    gold: list[dict[str, Any]]


@dataclass
class Report:
    sentences: int = 0
    root: Scores = field(default_factory=Scores)
    code: Scores = field(default_factory=Scores)
    agree: Counter[str] = field(default_factory=Counter)  # among root matches
    matched: int = 0
    per_root: dict[str, Scores] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def accuracy(self, what: str) -> float:
        return self.agree[what] / self.matched if self.matched else 0.0


def load_examples(path: Path) -> list[Example]:
    return load_annotated(path, "annotated sentences", _example)


def _example(record: dict[str, Any], where: str) -> Example:
    return Example(
        record["id"], record["text"], date.fromisoformat(record["date"]), list(record["events"])
    )


def _match(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any]], key: str
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pairs of gold and predicted events agreeing on `key`, preferring the same actors."""
    pairs = []
    left = list(predicted)
    for g in gold:
        candidates = [p for p in left if _key(p, key) == _key(g, key)]
        if not candidates:
            continue
        best = max(
            candidates, key=lambda p: (p["source"] == g["source"]) + (p["target"] == g["target"])
        )
        left.remove(best)
        pairs.append((g, best))
    return pairs


def _key(event: dict[str, Any], key: str) -> str:
    return str(event["cameo"])[:2] if key == "root" else str(event["cameo"])


def evaluate(
    examples: Sequence[Example], kb_files: tuple[str, ...] = (), dictionaries: tuple[str, ...] = ()
) -> Report:
    """Root and full-code scores of the coder over `examples` (our knowledge plus `kb_files` and
    PETRARCH/TABARI `dictionaries`)."""
    from detente.events.coder import code_text

    report = Report()
    for ex in examples:
        predicted = [e.model_dump() for e in code_text(ex.text, ex.day, kb_files, dictionaries)]
        report.sentences += 1
        for key, scores in (("root", report.root), ("code", report.code)):
            pairs = _match(ex.gold, predicted, key)
            scores.tp += len(pairs)
            scores.fp += len(predicted) - len(pairs)
            scores.fn += len(ex.gold) - len(pairs)
            if key != "root":
                continue
            for g, p in pairs:
                report.matched += 1
                for what in ("source", "target", "polarity", "modality"):
                    report.agree[what] += g[what] == p[what]
            for g in ex.gold:
                per = report.per_root.setdefault(g["cameo"][:2], Scores())
                per.tp += any(g is gg for gg, _ in pairs)
                per.fn += not any(g is gg for gg, _ in pairs)
            for p in predicted:
                if not any(p is pp for _, pp in pairs):
                    report.per_root.setdefault(p["cameo"][:2], Scores()).fp += 1
                    report.errors.append(
                        f"{ex.id}: extra  {p['source'] or '-'} {p['cameo']} {p['target'] or '-'}"
                        f" [{p['trigger']}]  {ex.text}"
                    )
            for g in ex.gold:
                if not any(g is gg for gg, _ in pairs):
                    report.errors.append(
                        f"{ex.id}: missed {g['source'] or '-'} {g['cameo']} {g['target'] or '-'}"
                        f"  {ex.text}"
                    )
            for g, p in pairs:
                wrong = [w for w in ("source", "target", "polarity", "modality") if g[w] != p[w]]
                if wrong or g["cameo"] != p["cameo"]:
                    report.errors.append(
                        f"{ex.id}: differ {g['cameo']}→{p['cameo']} "
                        + " ".join(f"{w}:{g[w] or '-'}→{p[w] or '-'}" for w in wrong)
                        + f"  {ex.text}"
                    )
    return report


def summary(report: Report) -> list[str | Table]:
    """What `detente eval events` prints: root and code scores, agreement, scores by root."""
    title = f"events: {report.sentences} sentences, {report.root.tp + report.root.fn} gold events"
    agree = Table("among root matches", "accuracy", title_justify="left")
    for what in ("source", "target", "polarity", "modality"):
        agree.add_row(what, f"{report.accuracy(what):.3f}")
    return [
        score_table(title, [("CAMEO root", report.root), ("full CAMEO code", report.code)]),
        agree,
        score_table("by root", sorted(report.per_root.items())),
    ]
