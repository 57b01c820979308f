"""Corpus stages: what needs many documents at once, run over the store after analysis —
stories, corroboration, the alignment graph and shifts."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from detente.config import Settings


@dataclass
class CorpusReport:
    stories_assigned: int = 0
    stories: int = 0
    corroborated: int = 0
    shifts: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def run_corpus(
    settings: Settings, device: str = "cpu", progress: Callable[[str], None] | None = None
) -> CorpusReport:
    """Stories (incremental), then corroboration, then shifts; each stage in its transaction."""
    from detente.corpus.corroborate import corroborate
    from detente.corpus.shifts import detect_shifts
    from detente.corpus.stories import assign_stories
    from detente.outlets import registry_for
    from detente.store import Store

    report = CorpusReport()
    outlets = registry_for(settings.outlets)  # a bad outlets file stops before the store opens
    with Store.open(settings.db) as store:
        stages: list[tuple[str, Callable[[], int]]] = [
            ("stories", lambda: assign_stories(store, settings.stories, device)),
            ("corroboration", lambda: corroborate(store, settings.corroboration, outlets)),
            ("shifts", lambda: len(detect_shifts(store, settings.shifts))),
        ]
        for name, stage in stages:
            if progress:
                progress(name)
            started = time.perf_counter()
            count = stage()
            report.seconds[name] = round(time.perf_counter() - started, 3)
            if name == "stories":
                report.stories_assigned = count
            elif name == "corroboration":
                report.corroborated = count
            else:
                report.shifts = count
        report.stories = store.query("SELECT count(*) FROM stories")[0][0]
    return report
