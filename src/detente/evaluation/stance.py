"""Scoring directed relations between two mentions against directed sentiment in news (DSA,
Park et al. 2021; third-party, **measure only**: never trained on, never copied).

The set (`../shared/data/tone/dsa_valid.jsonl`) has one JSON object per (sentence, pair)::

    {"id", "sentence_marked": "[Trump] has praised [Putin]’s leadership ...",
     "sentence": "Trump has praised Putin’s leadership ...", "p": "Trump", "q": "Putin",
     "label": 0..4, "polarity": "neutral" | "positive" | "negative",
     "direction": null | "p->q" | "q->p"}

The two entities are the bracketed spans of `sentence_marked` (their offsets in `sentence` are
those of the brackets with the brackets taken out); they are relations between mentions, linked
to an actor or not. The class of a row is one of five: neutral, p->q positive, p->q negative,
q->p positive, q->p negative. Our prediction for a row: the relations `signals.relations` finds
between the two spans (the first one found when several are); none is neutral.

Reported: macro-F1 over the five classes (the issue's figure), accuracy, and precision and
recall of "some relation" with its direction and polarity right, beside always-neutral.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from detente.errors import InputError
from detente.evaluation.scores import load_annotated

DEFAULT_DATA = Path("../shared/data/tone/dsa_valid.jsonl")
CLASSES = ("neutral", "p->q positive", "p->q negative", "q->p positive", "q->p negative")
BRACKETED = re.compile(r"\[([^\[\]]*)\]")


@dataclass
class Example:
    id: str
    sentence: str
    p: tuple[int, int]
    q: tuple[int, int]
    gold: str


@dataclass
class Report:
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (gold, predicted)
    unmarked: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(g == p for g, p in self.pairs) / len(self.pairs) if self.pairs else 0.0

    def f1(self, label: str) -> tuple[float, float, float]:
        tp = sum(g == p == label for g, p in self.pairs)
        predicted = sum(p == label for _, p in self.pairs)
        gold = sum(g == label for g, _ in self.pairs)
        prec = tp / predicted if predicted else 0.0
        rec = tp / gold if gold else 0.0
        return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0

    @property
    def macro_f1(self) -> float:
        return sum(self.f1(c)[2] for c in CLASSES) / len(CLASSES)

    @property
    def relation_precision(self) -> float:
        said = [(g, p) for g, p in self.pairs if p != "neutral"]
        return sum(g == p for g, p in said) / len(said) if said else 0.0

    @property
    def relation_recall(self) -> float:
        gold = [(g, p) for g, p in self.pairs if g != "neutral"]
        return sum(g == p for g, p in gold) / len(gold) if gold else 0.0


def marked_offsets(marked: str) -> list[tuple[int, int]]:
    """The (start, end) of each bracketed span of `marked` in the text without its brackets."""
    out = []
    removed = 0
    for m in BRACKETED.finditer(marked):
        start = m.start() - removed
        out.append((start, start + len(m.group(1))))
        removed += 2
    return out


def _example(record: dict[str, Any], where: str) -> Example:
    spans = marked_offsets(record["sentence_marked"])
    direction, polarity = record.get("direction"), record["polarity"]
    gold = "neutral" if not direction or polarity == "neutral" else f"{direction} {polarity}"
    if gold not in CLASSES:
        raise ValueError(f"class {gold!r} is not one of {CLASSES}")
    if len(spans) != 2:
        raise ValueError(f"{len(spans)} bracketed spans in sentence_marked, not 2")
    text = BRACKETED.sub(r"\1", record["sentence_marked"])
    return Example(str(record["id"]), text, spans[0], spans[1], gold)


def load_examples(path: Path) -> list[Example]:
    """The rows of a DSA file (or every `*.jsonl` in a directory).

    Raises `InputError` naming the path when it is absent or a line is malformed."""
    if not path.exists():
        raise InputError(
            str(path),
            "no such file: the directed-sentiment set is third-party data kept beside the "
            f"project (default {DEFAULT_DATA}, relative to the project root); name it with --data",
        )
    return load_annotated(path, "directed-sentiment rows", _example)


def predict(doc: Any, p: tuple[int, int], q: tuple[int, int]) -> str:
    """The class our relations give the pair (p, q) of a parsed sentence."""
    from detente.signals.relations import find_relations

    sp = doc.char_span(*p, alignment_mode="expand")
    sq = doc.char_span(*q, alignment_mode="expand")
    if sp is None or sq is None:
        return "neutral"
    sentence = doc[min(sp.start, sq.start) : max(sp.end, sq.end)]
    sentence = doc[sentence[0].sent.start : sentence[-1].sent.end]
    for found in find_relations(sentence, [sp, sq]):
        direction = "p->q" if found.holder.start == sp.start else "q->p"
        return f"{direction} {'positive' if found.polarity > 0 else 'negative'}"
    return "neutral"


def evaluate(examples: Sequence[Example], kb_files: tuple[str, ...] = ()) -> Report:
    """The five-class figures over `examples` (`kb_files` is not used: the pairs are marked)."""
    from detente.nlp import load_nlp

    texts = list(dict.fromkeys(ex.sentence for ex in examples))
    parsed = dict(zip(texts, load_nlp().pipe(texts, batch_size=64), strict=True))
    report = Report()
    for ex in examples:
        said = predict(parsed[ex.sentence], ex.p, ex.q)
        report.pairs.append((ex.gold, said))
        if said != ex.gold:
            p, q = ex.sentence[slice(*ex.p)], ex.sentence[slice(*ex.q)]
            report.errors.append(f"{ex.id}: gold {ex.gold}, said {said} [{p}|{q}] {ex.sentence}")
    return report


def summary(report: Report) -> list[str | Table]:
    """What `detente eval stance` prints: macro-F1 over the five classes, precision and recall
    per class, and the confusion between them."""
    gold = Counter(g for g, _ in report.pairs)
    share = gold["neutral"] / len(report.pairs) if report.pairs else 0.0
    table = Table("class", "gold", "said", "precision", "recall", "F1",
                  title="directed sentiment by class", title_justify="left")  # fmt: skip
    said = Counter(p for _, p in report.pairs)
    for c in CLASSES:
        prec, rec, f1 = report.f1(c)
        table.add_row(c, str(gold[c]), str(said[c]), f"{prec:.3f}", f"{rec:.3f}", f"{f1:.3f}")
    confusion = Table("gold \\ said", *(c.replace(" ", "\n") for c in CLASSES),
                      title="confusion (rows: gold, columns: said)", title_justify="left")  # fmt: skip
    pairs = Counter(report.pairs)
    for g in CLASSES:
        confusion.add_row(g, *(str(pairs[(g, c)]) for c in CLASSES))
    return [
        f"stance (development figures, third-party set DSA, measure only): {len(report.pairs)} "
        f"pairs; macro-F1 {report.macro_f1:.3f}, accuracy {report.accuracy:.3f} (always-neutral "
        f"accuracy {share:.3f}, macro-F1 {(2 * share / (1 + share)) / 5 if share else 0.0:.3f})",
        f"relations said: precision {report.relation_precision:.3f}, recall "
        f"{report.relation_recall:.3f} (direction and polarity both right)",
        table,
        confusion,
    ]
