"""Following sources: `watch` (poll, analyse what is new, alert), `sources` (their health) and
`digest` (a summary of a period)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from detente.cli.common import Db, console, fail, failing, out, reading, settings
from detente.errors import DetenteError
from detente.interrupt import stop_on_signals, was_stopped

if TYPE_CHECKING:
    from detente.monitor.alerts import Alert
    from detente.monitor.run import Round
    from detente.monitor.watch import SourceResult


def watch(
    sources_file: Annotated[Path, typer.Argument(help="YAML list of feeds, sitemaps and pages.")],
    rules: Annotated[
        Path | None,
        typer.Option("--rules", help="YAML alert rules (see `detente.monitor.alerts`)."),
    ] = None,
    every: Annotated[
        str | None, typer.Option("--every", help="Poll every source this often: 30s, 15m, 1h.")
    ] = None,
    once: Annotated[
        bool, typer.Option("--once", help="Poll every source once, then stop.")
    ] = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let sources be on private or local addresses.")
    ] = False,
    db: Db = None,
) -> None:
    """Follow sources: poll them, analyse what is new exactly once, and alert on what matters.

    Conditional GET, robots.txt, one request per host per second, retries with backoff on 429,
    5xx and timeouts. State lives in the store: a restart (or Ctrl-C) loses nothing.

    Example: [bold]detente watch sources.yaml --rules rules.yaml --every 15m[/]
    """
    from detente.monitor.alerts import load_rules
    from detente.monitor.run import watch as watch_sources
    from detente.monitor.sources import load_sources, parse_interval

    stop_on_signals()  # SIGTERM (a service manager's stop) ends it as cleanly as Ctrl-C
    try:
        chosen = settings(db).model_copy(update={"allow_private": allow_private})
        sources = load_sources(sources_file)
        rule_set = load_rules(rules) if rules else None
        interval = parse_interval(every, "--every") if every else None
        rounds = watch_sources(sources, chosen, rule_set, once=once, every=interval,
                               on_source=_said, on_round=_finished, terminal=_alert_line)  # fmt: skip
    except DetenteError as exc:
        raise fail(exc) from None
    except BaseException as exc:
        if not was_stopped(exc):
            raise
        console.print("stopped; every source polled so far is stored")
        return
    failed = rounds[-1].poll.failed if once and rounds else []
    if failed and len(failed) == len(rounds[-1].poll.sources):
        console.print(f"[red]every source failed ({len(failed)}): nothing was polled[/]")
        raise typer.Exit(1)


def _said(result: SourceResult) -> None:
    """One line per source polled: new, unchanged or failed (with why)."""
    style = {"failed": "red", "new": "green"}.get(result.status, "dim")
    extra = f" ({escape(result.error)})" if result.error else ""
    console.print(f"[{style}]{escape(result.name)}: {result.status}"
                  f"{f', {result.new_items} new' if result.new_items else ''}[/]{extra}")  # fmt: skip


def _finished(current: Round) -> None:
    """One line per round: sources polled, items found and analysed, failures, alerts."""
    report = current.poll
    console.print(
        f"polled {len(report.sources)} sources in {report.seconds:.1f} s: "
        f"{report.new_items} new items, {len(current.new_documents)} analysed, "
        f"{len(report.failed)} failed, {current.alerts} alerts"
    )


def _alert_line(alert: Alert) -> None:
    out.print(f"[bold yellow]ALERT[/] [{escape(alert.rule)}] {escape(alert.summary)}")


def sources_health(db: Db = None) -> None:
    """The health of watched sources: last success, last error, consecutive failures.

    Example: [bold]detente sources[/]
    """
    from detente.query.watching import watched_sources

    with reading(db) as store:
        rows = watched_sources(store)
    table = Table("source", "failures", "items", "last success", "last polled", "last error")
    for r in rows:
        failures = r["failures"]
        table.add_row(escape(r["name"]), str(failures), str(r["items"]), _when(r["last_success"]),
                      _when(r["last_polled"]), escape(r["last_error"] or "") if failures else "",
                      style="red" if failures else "")  # fmt: skip
    out.print(table)


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else ""


def digest(
    since: Annotated[str, typer.Option("--since", help="The period: 1d, 7d, 12h.")] = "1d",
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for the Markdown and HTML.")
    ] = Path("digest"),
    db: Db = None,
) -> None:
    """A digest of the period: new stories, dyads that changed most, shifts, most quoted.

    Example: [bold]detente digest --since 7d --out digest/[/]
    """
    from detente.monitor.digest import build_digest, to_markdown, write_digest
    from detente.monitor.sources import parse_interval

    with failing():
        period = parse_interval(since, "--since")
    with reading(db) as store:
        result = build_digest(store, period)
    out.print(escape(to_markdown(result)))
    for path in write_digest(result, out_dir):
        console.print(f"wrote {path}")
