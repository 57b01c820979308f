"""Putting documents into the store: `ingest` (read, clean, deduplicate) and `analyze` (the
whole per-document analysis), with a progress bar, a summary table and clean interruption."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from detente.cli.common import (
    AllowPrivate,
    BatchSize,
    Db,
    Exclude,
    Include,
    Kb,
    MaxBytes,
    Paths,
    Workers,
    console,
    fail,
    settings,
)
from detente.config import Settings
from detente.errors import DetenteError
from detente.interrupt import exit_code, stop_on_signals, was_stopped

SKIPPED_SHOWN = 50  # inputs listed by name in the summary; the rest are in the runs table


def ingest(
    paths: Paths = None,
    db: Db = None,
    include: Include = None,
    exclude: Exclude = None,
    workers: Workers = None,
    batch_size: BatchSize = None,
    max_bytes: MaxBytes = None,
    allow_private: AllowPrivate = False,
) -> None:
    """Read and store documents without analysing them (clean, segment, deduplicate).

    Example: [bold]detente ingest articles/ feed.xml https://example.org/news/1 --db news.duckdb[/]
    """
    if not paths:
        raise fail(DetenteError("name at least one file, directory, URL or - (stdin)"))
    run_inputs(
        paths, settings(db, workers, batch_size, max_bytes, allow_private), False, include, exclude
    )


def analyze(
    paths: Paths = None,
    db: Db = None,
    include: Include = None,
    exclude: Exclude = None,
    workers: Workers = None,
    batch_size: BatchSize = None,
    max_bytes: MaxBytes = None,
    allow_private: AllowPrivate = False,
    kb: Kb = None,
    dictionaries: Annotated[
        list[Path] | None,
        typer.Option(
            "--dictionaries",
            help="PETRARCH/TABARI verb, actor and agent dictionaries (a directory or files; "
            "repeatable), added to our own knowledge: ours wins where both know a verb or name.",
        ),
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="local (processes on this machine) or ray.")
    ] = "local",
    address: Annotated[
        str | None, typer.Option("--address", help="Ray cluster to join (default: start one).")
    ] = None,
) -> None:
    """Ingest and analyse documents; without PATHS, analyse what `detente ingest` stored.

    Example: [bold]detente analyze examples/ --workers 2 --kb my_actors.yaml[/]
    with PETRARCH dictionaries: [bold]detente analyze news/ --dictionaries petrarch-dicts/[/]
    or, on Ray: [bold]detente analyze corpus/ --engine ray --workers 4[/]
    """
    chosen = settings(db, workers, batch_size, max_bytes, allow_private, kb)
    if dictionaries:
        chosen = chosen.model_copy(update={"dictionaries": tuple(map(str, dictionaries))})
    run_inputs(
        paths or [],
        chosen,
        True,
        include,
        exclude,
        engine=engine,
        address=address,
    )


def run_inputs(
    paths: list[str],
    chosen: Settings,
    analyse: bool,
    include: list[str] | None,
    exclude: list[str] | None,
    **engine: str | None,
) -> None:
    """Ingest (or analyse) `paths` into the store with a live progress line, then print the
    run's summary; exits 1 when inputs were skipped, 128 + the signal when interrupted."""
    from detente import analyze as analyze_inputs
    from detente import ingest_inputs
    from detente.ingest import DEFAULT_GLOBS
    from detente.pipeline import RunReport

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(bar_width=None),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
    )
    stop_on_signals()
    try:
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("analysing" if analyse else "ingesting", total=None, detail="")

            def show(report: RunReport) -> None:
                rate = report.read / report.seconds if report.seconds else 0.0
                progress.update(
                    task,
                    completed=report.stored,
                    detail=(
                        f"{report.read} read · {report.stored} stored · {report.failed} failed · {rate:.1f} docs/s"
                    ),
                )

            api = analyze_inputs if analyse else ingest_inputs
            report = api(
                paths,
                **chosen.model_dump(exclude={"db"}),
                db=chosen.db,
                include=include or DEFAULT_GLOBS,
                exclude=exclude or (),
                progress=show,
                **{k: v for k, v in engine.items() if v},
            )
    except DetenteError as exc:
        raise fail(exc) from None
    except BaseException as exc:  # Ctrl-C, SIGTERM, or what DuckDB made of them
        if not was_stopped(exc):
            raise
        raise _interrupted(exc, chosen.db) from None
    _summary(report, chosen)
    _skipped_note(paths, include, exclude)
    if report.errors:
        raise typer.Exit(1)


def _interrupted(stop: BaseException, db: Path) -> typer.Exit:
    """One line on what an interrupted run stored, and the shell's code for the signal."""
    from detente.pipeline import RunInterrupted

    stored = stop.report.stored if isinstance(stop, RunInterrupted) else 0
    console.print(
        f"[yellow]interrupted:[/] {stored:,} documents stored in {db}, each batch whole; "
        "run the same command again to finish the job",
        highlight=False,
        soft_wrap=True,
    )
    return typer.Exit(exit_code())


def _skipped_note(paths: list[str], include: list[str] | None, exclude: list[str] | None) -> None:
    """A note on files in the directories given that the globs left out."""
    from detente.ingest import DEFAULT_GLOBS
    from detente.ingest.skipped import skipped_files, skipped_summary

    note = skipped_summary(skipped_files(paths, include or DEFAULT_GLOBS, exclude or ()))
    if note:
        console.print(f"[yellow]{escape(note)}[/] (--include GLOB reads other text files)",
                      highlight=False)  # fmt: skip


def _summary(report: object, chosen: Settings) -> None:
    """The run's counts as a table, then the inputs it skipped and why."""
    from detente.pipeline import RunReport

    assert isinstance(report, RunReport)
    table = Table(title=f"detente run → {chosen.db}", show_header=False, title_justify="left")
    counts = report.counts()
    rate = report.read / report.seconds if report.seconds else 0.0
    for key, value in counts.items():
        table.add_row(
            key.replace("_", " "), f"{value:,}" if isinstance(value, int) else f"{value:.2f}"
        )
    table.add_row("inputs/s", f"{rate:.1f}")
    console.print(table)
    if report.errors:
        skipped = Table(
            "skipped input",
            "reason",
            title=f"{len(report.errors)} inputs skipped",
            title_justify="left",
        )
        for origin, reason in report.errors[:SKIPPED_SHOWN]:
            skipped.add_row(origin, reason)
        if len(report.errors) > SKIPPED_SHOWN:
            skipped.add_row("…", f"{len(report.errors) - SKIPPED_SHOWN} more in the runs table")
        console.print(skipped)
