"""Validating the sensationalism score on `eval/sensational/`: headlines with their leads,
labelled "hype" or "sober" by the detente team. Reports accuracy at the 0.5 threshold and the
area under the ROC curve (the chance that a hype item scores above a sober one)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from detente.evaluation.scores import load_annotated

DEFAULT_DATA = Path("eval/sensational")


@dataclass
class Example:
    id: str
    headline: str
    lead: str
    hype: bool


@dataclass
class Report:
    scores: list[tuple[str, bool, float]] = field(default_factory=list)
    threshold: float = 0.5
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        right = sum((s >= self.threshold) == hype for _, hype, s in self.scores)
        return right / len(self.scores) if self.scores else 0.0

    @property
    def auc(self) -> float:
        pos = [s for _, hype, s in self.scores if hype]
        neg = [s for _, hype, s in self.scores if not hype]
        if not pos or not neg:
            return 0.0
        wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
        return wins / (len(pos) * len(neg))


def load_examples(path: Path) -> list[Example]:
    return load_annotated(
        path,
        "labelled headlines",
        lambda r, _: Example(r["id"], r["headline"], r["lead"], r["label"] == "hype"),
    )


def evaluate(examples: Sequence[Example], kb_files: tuple[str, ...] = ()) -> Report:
    from detente.parse.units import text_units
    from detente.signals import sensationalism
    from detente.signals.lexicon import load_signal_lexicon

    lexicon = load_signal_lexicon()
    report = Report()
    for ex in examples:
        units = text_units(f"{ex.headline}\n{ex.lead}")
        score = sensationalism(units, units[0], lexicon).score
        report.scores.append((ex.id, ex.hype, score))
        if (score >= report.threshold) != ex.hype:
            report.errors.append(
                f"{ex.id}: {'hype' if ex.hype else 'sober'} scored {score:.2f}: {ex.headline}"
            )
    return report


def summary(report: Report) -> list[str]:
    """What `detente eval sensational` prints: accuracy at the cut-off and ROC-AUC."""
    hype = sum(h for _, h, _ in report.scores)
    return [
        f"sensationalism: {len(report.scores)} headlines with leads ({hype} hype, "
        f"{len(report.scores) - hype} sober): accuracy {report.accuracy:.3f} at "
        f"{report.threshold}, AUC {report.auc:.3f}"
    ]
