"""`detente corpus`: the corpus stages over the store (stories, corroboration, shifts), and
their scores against a generated corpus's truth."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from detente.cli.common import Db, console, device, fail, out, reading, settings
from detente.errors import DetenteError
from detente.interrupt import exit_code, stop_on_signals, was_stopped

if TYPE_CHECKING:
    from detente.corpus import CorpusReport


def corpus(
    db: Db = None,
    device_name: Annotated[
        str, typer.Option("--device", help="cpu or cuda for the sentence embeddings.")
    ] = "cpu",
    truth: Annotated[
        Path | None,
        typer.Option("--truth", help="truth.json of a generated corpus: score the stages."),
    ] = None,
) -> None:
    """Run the corpus stages over the store: stories (incremental), corroboration across
    sources, the alignment graph and shift detection.

    Example: [bold]detente analyze news/ && detente corpus[/]
    """
    from detente.corpus import run_corpus

    # the embedding model's own progress bars ("Loading weights") and notices would write over
    # ours; read when transformers and huggingface_hub are first imported, so set before that
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    chosen = settings(db)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    stop_on_signals()
    try:
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("corpus stages", total=None)
            report = run_corpus(
                chosen, device(device_name), lambda stage: progress.update(task, description=stage)
            )
    except DetenteError as exc:
        raise fail(exc) from None
    except BaseException as exc:
        if not was_stopped(exc):
            raise
        console.print("[yellow]interrupted:[/] run `detente corpus` again to finish the stages",
                      highlight=False, soft_wrap=True)  # fmt: skip
        raise typer.Exit(exit_code()) from None
    _print_report(report, str(chosen.db))
    if truth is not None:
        _print_scores(chosen.db, truth)


def _print_report(report: CorpusReport, title: str) -> None:
    """What each stage did, and how long it took."""
    table = Table("stage", "result", "seconds", title=title, title_justify="left")
    table.add_row("stories", f"{report.stories_assigned:,} documents placed, {report.stories:,} stories",
                  f"{report.seconds['stories']:.1f}")  # fmt: skip
    table.add_row("corroboration", f"{report.corroborated:,} merged events",
                  f"{report.seconds['corroboration']:.1f}")  # fmt: skip
    table.add_row("shifts", f"{report.shifts:,} flagged", f"{report.seconds['shifts']:.1f}")
    out.print(table)


def _print_scores(db: Path, truth: Path) -> None:
    """Stories' purity and completeness, and the shifts found, missed and falsely flagged."""
    from detente.evaluation.corpus import score_corpus

    with reading(db) as store:
        scores = score_corpus(store, truth)
    out.print(
        f"stories: purity {scores.purity:.3f}, completeness {scores.completeness:.3f} "
        f"({scores.stories} found, {scores.true_stories} true, {scores.documents} documents)"
    )
    for line in scores.shifts_found:
        out.print(f"  shift found: {line}", highlight=False)
    for line in scores.shifts_missed:
        out.print(f"  shift MISSED: {line}", highlight=False)
    out.print(f"  false alarms: {len(scores.false_alarms)}", highlight=False)
    for line in scores.false_alarms:
        out.print(f"    {line}", highlight=False)
