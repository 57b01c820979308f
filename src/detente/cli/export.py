"""What leaves the store: `export` (the JSONL contract, Parquet, GDELT, PLOVER) and `report`
(a brief on a story, an actor or a dyad, in Markdown and HTML)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli.common import Db, fail, out, reading, resolve
from detente.errors import DetenteError


def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="jsonl, parquet, gdelt (TSV) or plover (JSONL).")
    ] = "jsonl",
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Directory to write into.")] = Path(
        "export"
    ),
    db: Db = None,
) -> None:
    """Export the store: documents.jsonl (the stable contract), one Parquet file per table, or
    the events as a GDELT 2.0 event table (events.gdelt.tsv) or PLOVER JSON (events.plover.jsonl).

    Example: [bold]detente export --format gdelt --out export/[/]
    """
    from detente.export import FORMATS
    from detente.export import export as run_export

    if fmt not in FORMATS:
        raise fail(DetenteError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}"))
    with reading(db) as store:
        written = run_export(store, fmt, out_dir)
    for path in written:
        out.print(f"wrote {path}")


def report(
    story: Annotated[str | None, typer.Option("--story", help="A story id or prefix.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="An actor code: RUS.")] = None,
    dyad: Annotated[
        tuple[str, str] | None, typer.Option("--dyad", help="Two actor codes: PRK RUS.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Where to write.")] = Path("reports"),
    db: Db = None,
) -> None:
    """A brief in Markdown and HTML with a chart: what happened, who said what, how many
    sources, how it was covered, and the week-by-week relations with flagged shifts.

    Example: [bold]detente report --dyad PRK RUS --since 2024-01-01[/]
    """
    from datetime import date

    from detente.query.lookup import check_actor, check_dyad
    from detente.report import actor_brief, dyad_brief, story_brief, write_brief

    if sum(x is not None for x in (story, actor, dyad)) != 1:
        raise fail(DetenteError("give one of --story ID, --actor CODE or --dyad A B"))
    try:
        day = date.fromisoformat(since) if since else None
    except ValueError:
        raise fail(DetenteError(f"--since {since!r} is not a date (YYYY-MM-DD)")) from None
    with reading(db) as store:
        if story is not None:
            brief = story_brief(store, resolve(store, story, "story"))
        elif actor is not None:
            brief = actor_brief(store, check_actor(store, actor), day)
        else:
            assert dyad is not None
            brief = dyad_brief(store, *check_dyad(store, *dyad), day)
        written = write_brief(brief, out_dir)
    for path in written:
        out.print(f"wrote {path}")
