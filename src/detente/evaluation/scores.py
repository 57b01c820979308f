"""What the scorers share: reading annotated JSONL, and precision, recall and F1 counts."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from rich.table import Table

from detente.errors import InputError

T = TypeVar("T")


def load_annotated(path: Path, what: str, build: Callable[[dict[str, Any], str], T]) -> list[T]:
    """Every record of the `*.jsonl` files of a directory (or of one file), built into an example;
    a malformed line is an error naming its file and line."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files:
        raise InputError(str(path), f"no *.jsonl files with {what}")
    examples = []
    for file in files:
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{file}:{n}"
            try:
                examples.append(build(json.loads(line), where))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(where, f"not one of the {what} ({exc})") from exc
    return examples


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_table(title: str, rows: list[tuple[str, Scores]]) -> Table:
    """A table of precision, recall, F1 and counts, one row per named `Scores`."""
    table = Table("", "precision", "recall", "F1", "tp", "fp", "fn", title=title,
                  title_justify="left")  # fmt: skip
    for name, s in rows:
        table.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                      str(s.tp), str(s.fp), str(s.fn))  # fmt: skip
    return table
