"""The `detente` command line: a thin layer over the Python API, with rich progress and tables.

One module per task (`analyze`, `browse`, `corpus`, `export`, `watch`, `serve`, `evaluate`,
`bench`), what they share in `common` (options, the error handler, the read-only store) and the
layouts in `views`. Every command is registered here, in the order `--help` lists them; none
holds SQL: what they read comes from `detente.query`.
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer
from rich.logging import RichHandler

from detente.cli import analyze, bench, browse, corpus, evaluate, export, serve, watch
from detente.cli.common import console

app = typer.Typer(
    help="Turn international-affairs news into structured, evidence-linked intelligence.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=console, show_time=False, show_path=False, markup=False)],
    )


app.command()(analyze.ingest)
app.command()(analyze.analyze)
app.command()(browse.show)
app.command()(browse.quotes)
app.command("list")(browse.list_documents)
app.command()(browse.stats)
app.command()(export.export)
app.command()(browse.actors)
app.command()(browse.events)
app.command()(corpus.corpus)
app.command()(bench.bench)
app.command()(browse.stories)
app.command()(browse.dyads)
app.command()(browse.shifts)
app.command()(export.report)
app.command("eval")(evaluate.evaluate)
app.command()(serve.serve)
app.command()(browse.search)
app.command()(watch.watch)
app.command("sources")(watch.sources_health)
app.command()(watch.digest)

__all__ = ["app", "main"]
