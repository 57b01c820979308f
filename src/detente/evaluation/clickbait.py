"""Measuring the sensationalism score on the MIT clickbait headlines (Chakraborty et al. 2016,
`../shared/data/sensational/clickbait_train.jsonl`): ROC-AUC, accuracy at the documented cut-off
and the share of clickbait scoring exactly 0, on the development split.

The split is fixed by the headline itself: a headline whose SHA-1 (of its UTF-8 text) read as a
number is divisible by 5 is development (~20%), the rest train `train/clickbait.py`; identical
headlines always fall on the same side, so training never sees a development headline. Each
headline is scored as the product scores a document that is only a headline: cleaned (language
identification included), parsed and analysed by the pipeline's own blocks; one that the product
does not analyse (too short, another language) scores 0 and is listed in `errors`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from detente.errors import InputError
from detente.evaluation.scores import load_annotated

DEFAULT_DATA = Path("../shared/data/sensational/clickbait_train.jsonl")


@dataclass
class Example:
    id: str
    headline: str
    clickbait: bool


@dataclass
class Report:
    scores: list[tuple[str, bool, float]] = field(default_factory=list)
    threshold: float = 0.5
    not_analysed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        right = sum((s >= self.threshold) == bait for _, bait, s in self.scores)
        return right / len(self.scores) if self.scores else 0.0

    @property
    def auc(self) -> float:
        """ROC-AUC by ranks (ties count half)."""
        ranked = sorted(self.scores, key=lambda r: r[2])
        pos = sum(b for _, b, _ in ranked)
        neg = len(ranked) - pos
        if not pos or not neg:
            return 0.0
        rank_sum, i = 0.0, 0
        while i < len(ranked):
            j = i
            while j < len(ranked) and ranked[j][2] == ranked[i][2]:
                j += 1
            rank_sum += sum(b for _, b, _ in ranked[i:j]) * (i + j + 1) / 2
            i = j
        return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)

    def rate(self, clickbait: bool, at: float | None = None) -> float:
        """Share of the clickbait (or other) headlines scoring ≥ `at` (default: the cut-off)."""
        cut = self.threshold if at is None else at
        chosen = [s for _, b, s in self.scores if b == clickbait]
        return sum(s >= cut for s in chosen) / len(chosen) if chosen else 0.0

    @property
    def zero_share(self) -> float:
        chosen = [s for _, b, s in self.scores if b]
        return sum(s == 0 for s in chosen) / len(chosen) if chosen else 0.0


def split_of(headline: str) -> Literal["train", "dev"]:
    """The fixed side of a headline: "dev" for ~20% of headlines (SHA-1 divisible by 5)."""
    return "dev" if int(hashlib.sha1(headline.encode()).hexdigest(), 16) % 5 == 0 else "train"


def load_examples(path: Path, split: str = "dev") -> list[Example]:
    """The labelled headlines of one side of the split ("dev", "train" or "all").

    Raises `InputError` naming the file when it is absent (the set lives in ../shared/data/)
    or malformed."""
    if not path.exists():
        raise InputError(
            str(path),
            "no such file: the clickbait set is third-party data kept beside the project "
            f"(default {DEFAULT_DATA}, relative to the project root); name it with --data",
        )
    examples = load_annotated(
        path,
        "clickbait headlines",
        lambda r, _: Example(r["id"], r["headline"], bool(r["clickbait"])),
    )
    return [e for e in examples if split == "all" or split_of(e.headline) == split]


def evaluate(
    examples: Sequence[Example], kb_files: tuple[str, ...] = (), limit: int | None = None
) -> Report:
    """Score each headline as a document that is only that headline (see the module)."""
    from detente.clean import prepare_document
    from detente.config import Settings
    from detente.model import RawDocument, Status
    from detente.pipeline import analyze_batch

    settings = Settings(kb=kb_files)
    report = Report(threshold=_cutoff())
    chosen = sorted(examples, key=lambda e: hashlib.sha1(e.id.encode()).hexdigest())[:limit]
    docs, pending = [], []
    for ex in chosen:
        try:
            doc = prepare_document(RawDocument(origin=ex.id, title=ex.headline,
                                               text=ex.headline), settings)  # fmt: skip
        except InputError as exc:
            _not_analysed(report, ex, exc.reason)
            continue
        if doc.status is not Status.PENDING:
            _not_analysed(report, ex, doc.status_reason or "not analysed")
            continue
        docs.append(doc)
        pending.append(ex)
    for ex, analysis in zip(pending, analyze_batch(docs, settings), strict=True):
        score = analysis.signals.sensationalism.score if analysis.signals else 0.0
        report.scores.append((ex.id, ex.clickbait, score))
        if (score >= report.threshold) != ex.clickbait:
            kind = "clickbait" if ex.clickbait else "news"
            report.errors.append(f"{ex.id}: {kind} scored {score:.2f}: {ex.headline}")
    return report


def _cutoff() -> float:
    from detente.signals.lexicon import load_signal_lexicon

    return load_signal_lexicon().cutoff


def _not_analysed(report: Report, ex: Example, why: str) -> None:
    report.not_analysed += 1
    report.scores.append((ex.id, ex.clickbait, 0.0))
    report.errors.append(f"{ex.id}: not analysed ({why}), scored 0: {ex.headline}")


def summary(report: Report) -> list[str]:
    """What `detente eval clickbait` prints: AUC, accuracy at the cut-off, catch rates."""
    bait = sum(b for _, b, _ in report.scores)
    return [
        f"clickbait (development split): {len(report.scores)} headlines ({bait} clickbait, "
        f"{len(report.scores) - bait} news), {report.not_analysed} not analysed (scored 0)",
        f"ROC-AUC {report.auc:.3f}; accuracy {report.accuracy:.3f} at the cut-off "
        f"{report.threshold}; clickbait caught {report.rate(True):.3f}, news flagged "
        f"{report.rate(False):.3f}; clickbait scoring exactly 0: {report.zero_share:.3f}",
    ]
