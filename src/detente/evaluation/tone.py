"""Scoring the tone toward a named person against NewsMTSC (third-party, MIT).

The set (`../shared/data/tone/newsmtsc_train.jsonl`; development figures only, never copied into
the project) has one JSON object per (sentence, target)::

    {"id", "sentence_id", "split": "train", "sentence": "...", "mention": "President Trump",
     "from": 30, "to": 45, "polarity": "negative" | "neutral" | "positive", ...}

**The development split** is fixed and documented: a row whose `split` is "train" belongs to the
dev part when `is_dev(sentence_id)` (the first 8 hex digits of the SHA-1 of its `sentence_id`,
modulo 5, are 0: one sentence in five, all of a sentence's targets together). The training script
(`train/train_tone.py`) never sees those rows; this scorer scores only them. Rows of any other
split (a reviewer's test file) are all scored.

Three readings are scored side by side on the same rows:

- **sentence** (the former actor tone): the VADER compound of the whole sentence, negative
  below -`CUT`, positive above `CUT`, neutral between;
- **target**: `signals.tone.target_tone` on the marked mention (the model's own label);
- **actor** (what `actor_tones` counts): `signals.tone.actor_tone_of`, the target tone made
  neutral when the model is unsure or the mention only modifies a noun.

Reported: accuracy, macro-F1 over negative/neutral/positive, per-class precision and recall, and
the always-neutral figure for scale.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from detente.errors import InputError
from detente.evaluation.scores import load_annotated

DEFAULT_DATA = Path("../shared/data/tone/newsmtsc_train.jsonl")
LABELS = ("negative", "neutral", "positive")
CUT = 0.05  # VADER's own documented neutral band


def is_dev(sentence_id: str) -> bool:
    """Whether a NewsMTSC training sentence belongs to the fixed development split (1 in 5)."""
    digest = hashlib.sha1(sentence_id.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 5 == 0


@dataclass
class Example:
    id: str
    sentence_id: str
    split: str
    sentence: str
    start: int
    end: int
    polarity: str

    @property
    def scored(self) -> bool:
        """Dev rows of the training file, and every row of any other split."""
        return self.split != "train" or is_dev(self.sentence_id)


@dataclass
class Report:
    rows: int = 0
    predictions: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # (gold, pred)
    errors: list[str] = field(default_factory=list)

    def accuracy(self, reading: str) -> float:
        pairs = self.predictions.get(reading, [])
        return sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0

    def macro_f1(self, reading: str) -> float:
        return sum(f for _, _, f in per_class(self.predictions.get(reading, []))) / len(LABELS)


def per_class(pairs: Sequence[tuple[str, str]]) -> list[tuple[float, float, float]]:
    """(precision, recall, F1) per label of `LABELS`, from (gold, predicted) pairs."""
    out = []
    for label in LABELS:
        tp = sum(g == p == label for g, p in pairs)
        predicted = sum(p == label for _, p in pairs)
        gold = sum(g == label for g, _ in pairs)
        prec = tp / predicted if predicted else 0.0
        rec = tp / gold if gold else 0.0
        out.append((prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0))
    return out


def _example(record: dict[str, Any], where: str) -> Example:
    polarity = record["polarity"]
    if polarity not in LABELS:
        raise ValueError(f"polarity {polarity!r} is not one of {LABELS}")
    return Example(
        str(record["id"]), str(record.get("sentence_id", record["id"])),
        str(record.get("split", "train")), record["sentence"], int(record["from"]),
        int(record["to"]), polarity,
    )  # fmt: skip


def load_examples(path: Path) -> list[Example]:
    """Every row of the NewsMTSC file (or every `*.jsonl` in a directory).

    Raises `InputError` naming the path when it is absent or a line is malformed."""
    if not path.exists():
        raise InputError(
            str(path),
            "no such file: NewsMTSC is third-party data kept beside the project "
            f"(default {DEFAULT_DATA}, relative to the project root); name it with --data",
        )
    return load_annotated(path, "NewsMTSC rows", _example)


def sentence_label(score: float) -> str:
    """The label of a VADER compound score with the neutral band ±`CUT`."""
    return "negative" if score < -CUT else "positive" if score > CUT else "neutral"


def evaluate(examples: Sequence[Example], kb_files: tuple[str, ...] = ()) -> Report:
    """Both readings on the scored rows of `examples` (`kb_files` is not used: the targets are
    marked by character offsets)."""
    from detente.nlp import load_nlp
    from detente.signals.tone import actor_tone_of, target_tone
    from detente.signals.tone_features import vader

    rows = [ex for ex in examples if ex.scored]
    texts = list(dict.fromkeys(ex.sentence for ex in rows))
    parsed = dict(zip(texts, load_nlp().pipe(texts, batch_size=64), strict=True))
    report = Report(rows=len(rows), predictions={"sentence": [], "target": [], "actor": []})
    for ex in rows:
        doc = parsed[ex.sentence]
        span = doc.char_span(ex.start, ex.end, alignment_mode="expand")
        if span is None:
            report.errors.append(f"{ex.id}: mention offsets fall outside the parse")
            continue
        sentence_vader = vader(span.sent.text)
        whole = sentence_label(vader(ex.sentence))
        found = target_tone(span, sentence_vader)
        report.predictions["sentence"].append((ex.polarity, whole))
        report.predictions["target"].append((ex.polarity, found.label))
        report.predictions["actor"].append((ex.polarity, actor_tone_of(span, sentence_vader).label))
        if found.label != ex.polarity:
            report.errors.append(
                f"{ex.id}: gold {ex.polarity}, said {found.label} ({found.score:+.2f}) toward "
                f"[{span.text}] | {ex.sentence}"
            )
    return report


def summary(report: Report) -> list[str | Table]:
    """What `detente eval tone` prints: accuracy and macro-F1 of both readings, per class."""
    gold = Counter(g for g, _ in report.predictions.get("target", []))
    neutral = gold["neutral"] / sum(gold.values()) if gold else 0.0
    table = Table("reading", "accuracy", "macro-F1",
                  *(f"{lab[:3]} P/R" for lab in LABELS), title="tone toward the marked mention",
                  title_justify="left")  # fmt: skip
    for reading in ("sentence", "target", "actor"):
        cells = per_class(report.predictions.get(reading, []))
        table.add_row(reading, f"{report.accuracy(reading):.3f}", f"{report.macro_f1(reading):.3f}",
                      *(f"{p:.2f}/{r:.2f}" for p, r, _ in cells))  # fmt: skip
    return [
        f"tone (development figures, third-party set NewsMTSC): {report.rows} scored rows "
        f"({dict(gold)}); always-neutral accuracy {neutral:.3f}, macro-F1 "
        f"{(2 * neutral / (1 + neutral)) / 3 if neutral else 0.0:.3f}",
        table,
    ]
