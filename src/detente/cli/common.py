"""What every command shares: the consoles, the common options, one error handler and one
read-only store opening."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from detente.config import Settings
from detente.errors import DetenteError

if TYPE_CHECKING:
    from detente.store import Store

console = Console(stderr=True)  # progress, notes and errors
out = Console()  # what the command answers

Db = Annotated[Path | None, typer.Option("--db", help="DuckDB file (or the DETENTE_DB variable).")]
Paths = Annotated[
    list[str] | None, typer.Argument(help="Files, directories, URLs, or - for stdin.")
]
Include = Annotated[
    list[str] | None,
    typer.Option("--include", help="Glob of files to read in directories (repeatable)."),
]
Exclude = Annotated[
    list[str] | None, typer.Option("--exclude", help="Glob of files to skip (repeatable).")
]
Workers = Annotated[
    int | None, typer.Option("--workers", "-w", help="Worker processes [env: DETENTE_WORKERS].")
]
BatchSize = Annotated[
    int | None, typer.Option("--batch-size", help="Documents per batch and transaction.")
]
MaxBytes = Annotated[
    int | None, typer.Option("--max-bytes", help="Largest document accepted, in bytes.")
]
AllowPrivate = Annotated[
    bool, typer.Option("--allow-private", help="Let URL ingest reach private/loopback addresses.")
]
Kb = Annotated[
    list[Path] | None,
    typer.Option(
        "--kb",
        help="Extra actor knowledge (our YAML, or PETRARCH/Phoenix actor and agent dictionaries, "
        "told apart by content), merged over the built-in one.",
    ),
]


def fail(exc: DetenteError) -> typer.Exit:
    """Print `exc` as one red line on stderr; the Exit (code 2) for the caller to raise.

    A store locked by another process is explained (who holds it, what to do) rather than
    quoted from DuckDB.
    """
    from detente.errors import StoreLockedError

    if isinstance(exc, StoreLockedError) and exc.path is not None:
        from detente.api.gate import locked_advice

        exc = DetenteError(locked_advice(exc.path, str(exc)))
    console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
    return typer.Exit(2)


@contextmanager
def failing(*also: type[Exception]) -> Iterator[None]:
    """The one error handler: a DetenteError (or one of the `also` exception types, given as a
    DetenteError with the same message) raised inside ends the command with `fail`."""
    try:
        yield
    except DetenteError as exc:
        raise fail(exc) from None
    except also as exc:
        raise fail(DetenteError(str(exc))) from None


@contextmanager
def reading(db: Path | None, *also: type[Exception]) -> Iterator[Store]:
    """The one read-only store opening: `db` (or the configured store) opened read-only, waiting
    a moment while a running `detente serve` writes to it (a server that only reads holds the
    file read-only, which readers share); errors inside end the command as `failing` does."""
    from detente.api.gate import open_reader

    with failing(*also), open_reader(settings(db).db) as store:
        yield store


def settings(
    db: Path | None,
    workers: int | None = None,
    batch_size: int | None = None,
    max_bytes: int | None = None,
    allow_private: bool = False,
    kb: list[Path] | None = None,
) -> Settings:
    """Settings from the environment, with the options given on the command line over them."""
    return Settings.from_env(
        db=db,
        workers=workers,
        batch_size=batch_size,
        max_bytes=max_bytes,
        allow_private=allow_private or None,
        kb=tuple(str(p) for p in kb) if kb else None,
    )


def resolve(store: Any, prefix: str, kind: str = "document") -> str:
    """The whole id for a unique prefix; an ambiguous one fails listing the candidates."""
    from detente.query.lookup import resolve_prefix

    return resolve_prefix(store, kind, prefix)


def showing(shown: int, total: int) -> None:
    """'showing 50 of 106 (use --limit)' under a list cut short."""
    if total > shown:
        console.print(f"showing {shown} of {total:,} (use --limit)", highlight=False)


def device(name: str) -> str:
    """'cpu' or 'cuda' for the sentence embeddings; cuda falls back to the CPU with a note when
    there is no CUDA device, anything else fails."""
    if name == "cuda":
        import torch

        if not torch.cuda.is_available():
            console.print("[yellow]no CUDA device here: embedding on the CPU[/]")
            return "cpu"
    elif name != "cpu":
        raise fail(DetenteError(f"unknown device {name!r}: choose cpu or cuda"))
    return name
