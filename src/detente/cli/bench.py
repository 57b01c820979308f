"""`detente bench`: end-to-end throughput against bare spaCy, from a source checkout."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli.common import device, fail
from detente.errors import DetenteError


def bench(
    articles: Annotated[int, typer.Option("--articles", help="Generated articles.")] = 20_000,
    workers: Annotated[
        list[int] | None, typer.Option("--workers", help="Worker counts (repeat; 1 and 2).")
    ] = None,
    engines: Annotated[
        list[str] | None, typer.Option("--engines", help="local and/or ray (repeat; both).")
    ] = None,
    stages: Annotated[int, typer.Option("--stages", help="Articles timed stage by stage.")] = 2000,
    device_name: Annotated[
        str, typer.Option("--device", help="cpu or cuda for embeddings.")
    ] = "cpu",
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for the corpus and databases.")
    ] = None,
    results: Annotated[
        Path, typer.Option("--results", help="Markdown tables written here.")
    ] = Path("bench/RESULTS.md"),
) -> None:
    """Benchmark end to end against bare spaCy on a generated corpus (from a source checkout).

    Example: [bold]detente bench --articles 20000 --workers 1 --workers 2[/]
    """
    import importlib
    import sys

    if not (Path.cwd() / "bench" / "scale.py").is_file():
        raise fail(DetenteError("detente bench runs from a source checkout (bench/scale.py here)"))
    sys.path.insert(0, str(Path.cwd()))
    scale = importlib.import_module("bench.scale")
    argv = ["--articles", str(articles), "--stages", str(stages), "--results", str(results),
            "--device", device(device_name), "--workers", *map(str, workers or [1, 2]),
            "--engines", *(engines or ["local", "ray"])]  # fmt: skip
    scale.main(argv + (["--out", str(out)] if out else []))
