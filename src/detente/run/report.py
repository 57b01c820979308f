"""What a run did (`RunReport`, for the summary table and the `runs` provenance table), and the
exception an interrupted run raises with it (`RunInterrupted`)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from detente.errors import InputError

log = logging.getLogger("detente.pipeline")


@dataclass
class RunReport:
    """What one run did, for the summary table and the `runs` provenance table.

    Counts are documents (inputs for `read`), except `segments`, `sentences` and `words`;
    `errors` holds (origin, reason) of every input skipped; `seconds` is wall time so far.
    """

    read: int = 0
    stored: int = 0
    analysed: int = 0
    already_stored: int = 0
    duplicates: int = 0
    not_analysed: int = 0
    segments: int = 0
    sentences: int = 0
    words: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, counts: Counter[str]) -> None:
        """Add a batch's counts (keys are this report's count fields)."""
        for key, value in counts.items():
            setattr(self, key, getattr(self, key) + value)

    def skip(self, error: InputError) -> None:
        """Record an input that could not be used; the run goes on."""
        log.warning("%s", error)
        self.errors.append((error.origin, error.reason))

    @property
    def failed(self) -> int:
        """Inputs skipped with an error."""
        return len(self.errors)

    def counts(self) -> dict[str, int | float]:
        """The counts as stored in `runs.counts` and shown in the summary table."""
        return {
            "read": self.read,
            "stored": self.stored,
            "analysed": self.analysed,
            "already_stored": self.already_stored,
            "duplicates": self.duplicates,
            "not_analysed": self.not_analysed,
            "failed": self.failed,
            "segments": self.segments,
            "sentences": self.sentences,
            "words": self.words,
            "seconds": round(self.seconds, 3),
        }


ProgressCallback = Callable[[RunReport], None]


class RunInterrupted(KeyboardInterrupt):
    """A run stopped by Ctrl-C (or SIGTERM) between or during batches. What it stored is whole
    (a batch is one transaction) and recorded as `interrupted` in `runs`; running the same
    command again finishes the job, since stored documents are skipped."""

    def __init__(self, report: RunReport) -> None:
        super().__init__(f"interrupted after storing {report.stored} documents")
        self.report = report
