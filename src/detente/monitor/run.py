"""`detente watch`: poll, analyse, run the corpus stages where rules need them, alert; repeat."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from detente.config import Settings
from detente.interrupt import check_stop
from detente.monitor.alerts import Alert, RuleSet, deliver, new_alerts
from detente.monitor.fetch import Fetcher
from detente.monitor.sources import Source
from detente.monitor.watch import PollReport, SourceResult, due_sources, poll
from detente.store import Store

log = logging.getLogger(__name__)


@dataclass
class Round:
    """One pass over the due sources, and the alerts it raised."""

    poll: PollReport
    new_documents: list[str] = field(default_factory=list)
    alerts: int = 0
    deliveries: dict[str, int] = field(default_factory=dict)


def watch(
    sources: list[Source],
    settings: Settings,
    rules: RuleSet | None = None,
    *,
    once: bool = False,
    every: timedelta | None = None,
    fetcher: Fetcher | None = None,
    on_source: Callable[[SourceResult], None] | None = None,
    on_round: Callable[[Round], None] | None = None,
    terminal: Callable[[Alert], None] = lambda alert: print(alert.summary),
    lock: AbstractContextManager[Any] | None = None,
    stop: threading.Event | None = None,
) -> list[Round]:
    """Poll until interrupted (or once). `every` overrides each source's own interval.

    `lock` is held for each round (the server's write lock, when it runs the watcher); `stop`
    ends the loop between rounds (the server sets it when it shuts down).
    """
    if every is not None:
        sources = [Source(s.name, s.url, s.kind, every, s.tags) for s in sources]
    fetcher = fetcher or Fetcher(settings)
    rounds: list[Round] = []
    try:
        while True:
            with lock or nullcontext(), Store.open(settings.db) as store:
                now = datetime.now(UTC)
                todo = sources if once else due_sources(store, sources, now)
                current = (
                    _round(store, todo, settings, rules, fetcher, on_source, terminal)
                    if todo
                    else None
                )
                wait = _next_due(store, sources)
            if current is not None:
                rounds.append(current)
                if on_round:
                    on_round(current)
            if once:
                return rounds
            check_stop()  # a Ctrl-C that something on the way swallowed still stops here
            if stop is None:
                time.sleep(wait)
            elif stop.wait(wait):
                return rounds
    finally:
        fetcher.close()


def _round(
    store: Store,
    todo: list[Source],
    settings: Settings,
    rules: RuleSet | None,
    fetcher: Fetcher,
    on_source: Callable[[SourceResult], None] | None,
    terminal: Callable[[Alert], None],
) -> Round:
    started = datetime.now(UTC)
    report = poll(store, todo, settings, fetcher, on_source)
    new = [r[0] for r in store.query(
        "SELECT doc_id FROM documents WHERE ingested_at >= ? AND status = 'analysed'"
        " ORDER BY ingested_at, doc_id", [started])]  # fmt: skip
    current = Round(report, new)
    if rules is None:
        return current
    if new and any(rule.kind in ("story", "shift") for rule in rules.rules):
        from detente.corpus import run_corpus

        run_corpus(settings)
    raised = new_alerts(store, rules, new)
    current.alerts = len(raised)
    current.deliveries = deliver(store, raised, terminal)
    return current


def _next_due(store: Store, sources: list[Source]) -> float:
    """Seconds until the next source is due (at least 1)."""
    polled = dict(store.query("SELECT name, last_polled FROM watch_sources"))
    now = datetime.now(UTC)
    waits = [
        (polled[s.name] + s.every - now).total_seconds() if polled.get(s.name) else 0.0
        for s in sources
    ]
    return max(1.0, min(waits, default=60.0))
