"""The `detente` command line: a thin layer over the Python API, with rich progress and tables."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from detente.config import Settings
from detente.errors import DetenteError
from detente.ingest import DEFAULT_GLOBS
from detente.interrupt import exit_code, stop_on_signals, was_stopped
from detente.model import Signals

if TYPE_CHECKING:
    from detente.store import Store

app = typer.Typer(
    help="Turn international-affairs news into structured, evidence-linked intelligence.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
console = Console(stderr=True)
out = Console()

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


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=console, show_time=False, show_path=False, markup=False)],
    )


def _fail(exc: DetenteError) -> typer.Exit:
    from detente.errors import StoreLockedError

    if isinstance(exc, StoreLockedError) and exc.__cause__ is not None:
        from detente.api.gate import locked_advice

        db = Path(str(exc).split(" is ", 1)[0])
        exc = DetenteError(locked_advice(db, str(exc)))
    console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
    return typer.Exit(2)


def _reader(db: Path | None) -> Store:
    """The store read-only, waiting a moment while a running `detente serve` writes to it."""
    from detente.api.gate import open_reader

    return open_reader(_settings(db).db)


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


def _run(
    paths: list[str],
    settings: Settings,
    analyse: bool,
    include: list[str] | None,
    exclude: list[str] | None,
    **engine: str | None,
) -> None:
    from detente import analyze as analyze_inputs
    from detente import ingest_inputs
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
                **settings.model_dump(exclude={"db"}),
                db=settings.db,
                include=include or DEFAULT_GLOBS,
                exclude=exclude or (),
                progress=show,
                **{k: v for k, v in engine.items() if v},
            )
    except DetenteError as exc:
        raise _fail(exc) from None
    except BaseException as exc:  # Ctrl-C, SIGTERM, or what DuckDB made of them
        if not was_stopped(exc):
            raise
        raise _interrupted(exc, settings.db) from None
    _summary(report, settings)
    from detente.ingest.skipped import skipped_files, skipped_summary

    note = skipped_summary(skipped_files(paths, include or DEFAULT_GLOBS, exclude or ()))
    if note:
        console.print(f"[yellow]{escape(note)}[/] (--include GLOB reads other text files)",
                      highlight=False)  # fmt: skip
    if report.errors:
        raise typer.Exit(1)


def _summary(report: object, settings: Settings) -> None:
    from detente.pipeline import RunReport

    assert isinstance(report, RunReport)
    table = Table(title=f"detente run → {settings.db}", show_header=False, title_justify="left")
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
        for origin, reason in report.errors[:50]:
            skipped.add_row(origin, reason)
        if len(report.errors) > 50:
            skipped.add_row("…", f"{len(report.errors) - 50} more in the runs table")
        console.print(skipped)


def _settings(
    db: Path | None,
    workers: int | None = None,
    batch_size: int | None = None,
    max_bytes: int | None = None,
    allow_private: bool = False,
    kb: list[Path] | None = None,
) -> Settings:
    return Settings.from_env(
        db=db,
        workers=workers,
        batch_size=batch_size,
        max_bytes=max_bytes,
        allow_private=allow_private or None,
        kb=tuple(str(p) for p in kb) if kb else None,
    )


@app.command()
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
        raise _fail(DetenteError("name at least one file, directory, URL or - (stdin)"))
    _run(
        paths, _settings(db, workers, batch_size, max_bytes, allow_private), False, include, exclude
    )


@app.command()
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
    settings = _settings(db, workers, batch_size, max_bytes, allow_private, kb)
    if dictionaries:
        settings = settings.model_copy(update={"dictionaries": tuple(map(str, dictionaries))})
    _run(
        paths or [],
        settings,
        True,
        include,
        exclude,
        engine=engine,
        address=address,
    )


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="A document id or a unique prefix of one.")],
    db: Db = None,
) -> None:
    """Print a document: metadata, then its segments with their kinds.

    Example: [bold]detente show 3fa2b1[/]
    """
    from detente.query.lookup import actor_names, cameo_name, name_of

    try:
        with _reader(db) as store:
            doc = store.document(_resolve(store, doc_id))
            assert doc is not None
            mentions = store.query(
                "SELECT text, actor_code FROM mentions WHERE doc_id = ? AND actor_code <> ''"
                " ORDER BY idx",
                [doc.doc_id],
            )
            sentences = store.query("SELECT count(*) FROM sentences WHERE doc_id = ?", [doc.doc_id])
            events = store.query(
                "SELECT source, cameo, target, modality, background, polarity FROM events"
                " WHERE doc_id = ? ORDER BY idx",
                [doc.doc_id],
            )
            quotes = store.query(
                "SELECT kind, coalesce(speaker_name, speaker_text, '?'), speaker_code, text"
                " FROM quotes WHERE doc_id = ? AND kind <> 'scare' ORDER BY idx",
                [doc.doc_id],
            )
            signals = store.query("SELECT data FROM signals WHERE doc_id = ?", [doc.doc_id])
            names = actor_names(store, [m[1] for m in mentions] + [q[2] for q in quotes])
    except DetenteError as exc:
        raise _fail(exc) from None
    meta = Table(show_header=False, box=None)
    for key in (
        "doc_id",
        "title",
        "origin",
        "url",
        "source",
        "published",
        "language",
        "status",
        "status_reason",
        "duplicate_of",
    ):
        value = getattr(doc, key)
        if value is not None:
            meta.add_row(f"[bold]{key}", str(value))
    meta.add_row("[bold]sentences", str(sentences[0][0]))
    out.print(meta)
    for i, seg in enumerate(doc.segments):
        who = f" · {seg.author}" if seg.author else ""
        parent = f" ↳ {seg.parent}" if seg.parent is not None else ""
        out.print(f"[dim]{i:>3} {seg.kind.value}{who}{parent}[/]", highlight=False)
        out.print(f"    {doc.segment_text(seg)}", highlight=False, markup=False)
    if mentions:
        out.print("[bold]actors:[/] " + escape(", ".join(
            f"{t} → {name_of(names, code)}" for t, code in mentions)), highlight=False)  # fmt: skip
        out.print(f"[dim]details: detente actors {doc.doc_id[:10]}[/]")
    if events:
        out.print(
            "[bold]events:[/] "
            + escape("; ".join(
                f"{s or '?'} {'¬' if pol == 'negated' else ''}{c} {cameo_name(c)} {t or '?'}"
                + (" (negated)" if pol == "negated" else "")
                + (f" ({m})" if m != "factual" else "")
                + (" (background)" if bg else "")
                for s, c, t, m, bg, pol in events
            )),
            highlight=False,
        )  # fmt: skip
        out.print(f"[dim]details: detente events {doc.doc_id[:10]}[/]")
    for kind, speaker, code, text in quotes:
        said = escape(f"({kind}) {speaker} [{name_of(names, code) if code else '?'}]: ")
        out.print(f"[bold]quote[/] {said}", end="", highlight=False)
        out.print(text, markup=False, highlight=False)
    if signals:
        _print_signals(Signals.model_validate_json(signals[0][0]))


def _print_signals(signals: Signals) -> None:
    sens = signals.sensationalism
    tone = f"{signals.tone:+.2f}" if signals.tone is not None else "?"
    out.print(
        f"[bold]tone[/] {tone} (VADER compound, -1 to +1)  [bold]sensationalism[/] {sens.score:.2f}"
    )
    for reason in sens.reasons:
        examples = "; ".join(reason.examples[:3])
        out.print(
            f"    {reason.feature} ×{reason.count} ({reason.contribution:+.2f}): {examples}",
            markup=False,
            highlight=False,
        )
    thread = signals.thread
    if thread.comments:
        out.print(
            f"[bold]thread[/] {thread.comments} comments, {thread.removed} removed "
            f"({thread.removed_share:.0%}); {thread.addressing_main_actors} name the article's "
            f"main actors ({', '.join(thread.main_actors)}); topics: {', '.join(thread.topics)}",
            highlight=False,
        )
        for st in thread.stances:
            out.print(
                f"    comment {st.segment}: {st.stance} {st.actor_code} ({', '.join(st.cues)})",
                markup=False,
                highlight=False,
            )


@app.command()
def quotes(
    doc_id: Annotated[str | None, typer.Argument(help="Only this document (id or prefix).")] = None,
    actor: Annotated[
        str | None,
        typer.Option("--actor", help="Speaker code or its prefix (any case), a person id or name."),
    ] = None,
    scare: Annotated[bool, typer.Option("--scare", help="Include scare quotes.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many.")] = 50,
    db: Db = None,
) -> None:
    """Who said what: direct, partial and indirect quotes with their speakers.

    Examples: [bold]detente quotes --actor PRKGOV[/] · [bold]detente quotes --actor "Kim Jong Un"[/]
    """
    from detente.actors.kb import slug
    from detente.cli_views import print_quotes

    code = actor.strip().upper() if actor and actor.strip() else None
    person = slug(actor) if actor and code else None
    where = (
        " FROM quotes WHERE (? IS NULL OR doc_id = ?)"
        " AND (? IS NULL OR starts_with(speaker_code, ?) OR speaker_person = ?"
        " OR lower(speaker_name) = lower(?))"
        " AND (? OR kind <> 'scare')"
    )
    rows = _query(
        db,
        doc_id,
        "SELECT doc_id, speaker_text, speaker_name, speaker_confidence, speaker_code, kind,"
        " verb, text" + where + " ORDER BY doc_id, idx LIMIT ?",
        lambda doc: [doc, doc, code, code, person, actor, scare, limit],
    )
    if not rows:
        who = f" by {actor}" if actor else ""
        console.print(f"no quotes{who} in {_settings(db).db}"
                      + (" (scare quotes left out: --scare)" if not scare else ""),
                      highlight=False)  # fmt: skip
        return
    found = []
    for doc, said, name, confidence, speaker_code, kind, verb, text in rows:
        speaker = f"{said} ({name})" if said and name and name != said else said or name
        found.append({"doc_id": doc, "speaker": speaker or "?", "code": speaker_code,
                      "conf": f"{confidence:.2f}" if confidence is not None else "",
                      "kind": kind, "verb": verb or "", "text": text})  # fmt: skip
    print_quotes(out, found)
    if len(rows) >= limit:
        total = _query(db, doc_id, "SELECT count(*)" + where,
                       lambda doc: [doc, doc, code, code, person, actor, scare])  # fmt: skip
        _showing(len(rows), int(total[0][0]))


@app.command("list")
def list_documents(
    db: Db = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", help="How many, newest published first.")
    ] = 50,
    status: Annotated[str | None, typer.Option("--status", help="Only this status.")] = None,
) -> None:
    """List stored documents: id, status, published day, language, title and origin.

    Newest published first; undated documents last, latest ingested first among them.

    Example: [bold]detente list --status analysed -n 20[/]
    """

    try:
        with _reader(db) as store:
            rows = store.query(
                "SELECT doc_id, status, coalesce(published::DATE::VARCHAR, 'undated'), language,"
                " title, origin FROM documents WHERE ? IS NULL OR status = ?"
                " ORDER BY published DESC NULLS LAST, ingested_at DESC, doc_id LIMIT ?",
                [status, status, limit],
            )
    except DetenteError as exc:
        raise _fail(exc) from None
    table = Table("id", "status", "published", "lang", "title", "origin")
    table.columns[0].no_wrap = True
    table.columns[2].no_wrap = True
    table.columns[5].overflow = "fold"
    for doc_id, doc_status, published, language, title, origin in rows:
        table.add_row(
            doc_id[:10], doc_status, published, language or "?", escape(title or ""), escape(origin)
        )
    out.print(table)


@app.command()
def stats(db: Db = None) -> None:
    """Print corpus counts: documents by status, language and source; segments by kind; runs.

    Example: [bold]detente stats --db news.duckdb[/]
    """

    try:
        with _reader(db) as store:
            sections = {
                "documents by status": "SELECT status, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC",
                "documents by language": "SELECT coalesce(language, '?'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC",
                "segments by kind": "SELECT kind, count(*) FROM segments GROUP BY 1 ORDER BY 2 DESC",
                "top sources": "SELECT coalesce(source, '(unknown)'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC LIMIT 10",
                "analysis": "SELECT 'sentences', count(*) FROM sentences UNION ALL SELECT 'entities', count(*) FROM entities UNION ALL SELECT 'mentions', count(*) FROM mentions UNION ALL SELECT 'linked mentions', count(*) FROM mentions WHERE actor_code <> ''",
                "runs": "SELECT status, count(*) FROM runs GROUP BY 1 ORDER BY 2 DESC",
            }
            results = {title: store.query(sql) for title, sql in sections.items()}
    except DetenteError as exc:
        raise _fail(exc) from None
    table = Table(
        "", "", "count", show_header=False, title=f"{_settings(db).db}", title_justify="left"
    )
    for title, rows in results.items():
        table.add_section()
        for i, (name, count) in enumerate(rows):
            table.add_row(f"[bold]{title}[/]" if i == 0 else "", str(name), f"{count:,}")
    out.print(table)


@app.command()
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
        raise _fail(DetenteError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}"))
    try:
        with _reader(db) as store:
            written = run_export(store, fmt, out_dir)
    except DetenteError as exc:
        raise _fail(exc) from None
    for path in written:
        out.print(f"wrote {path}")


@app.command()
def actors(
    doc_id: Annotated[
        str | None, typer.Argument(help="A document id or prefix: list its mentions.")
    ] = None,
    top: Annotated[
        bool, typer.Option("--top", help="Most-mentioned actors in the corpus.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Rows for --top.")] = 25,
    db: Db = None,
) -> None:
    """Actor mentions of one document, or the most-mentioned actors and people of the corpus.

    Examples: [bold]detente actors 3fa2b1[/] · [bold]detente actors --top -n 10[/]
    """

    if (doc_id is None) == (not top):
        raise _fail(DetenteError("give a document id, or --top for the whole corpus"))
    try:
        with _reader(db) as store:
            if doc_id is not None:
                rows = store.query(
                    "SELECT segment, text, actor_code, coalesce(actor_name, ''),"
                    " coalesce(person, ''), method, confidence FROM mentions"
                    " WHERE doc_id = ? ORDER BY idx",
                    [_resolve(store, doc_id)],
                )
                headers: tuple[str, ...] = (
                    "seg", "mention", "code", "actor", "person", "method", "conf"
                )  # fmt: skip
            else:
                rows = store.query(
                    "SELECT m.actor_code, coalesce(a.name, any_value(m.actor_name)),"
                    " count(*) AS n, count(DISTINCT m.doc_id),"
                    " string_agg(DISTINCT m.person, ', ') FILTER (WHERE m.person IS NOT NULL)"
                    " FROM mentions m LEFT JOIN actors a ON a.code = m.actor_code"
                    " WHERE m.actor_code <> '' GROUP BY m.actor_code, a.name"
                    " ORDER BY n DESC, m.actor_code LIMIT ?",
                    [limit],
                )
                headers = ("code", "actor", "mentions", "documents", "people")
    except DetenteError as exc:
        raise _fail(exc) from None
    table = Table(*headers)
    for row in rows:
        table.add_row(
            *(
                f"{v:.2f}" if isinstance(v, float) else "" if v is None else escape(str(v))
                for v in row
            )
        )
    out.print(table)


@app.command()
def events(
    doc_id: Annotated[str | None, typer.Argument(help="Only this document (id or prefix).")] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Source or target code, or its prefix (RUS).")
    ] = None,
    root: Annotated[
        str | None, typer.Option("--root", help="CAMEO root, 01-20 (5 means 05).")
    ] = None,
    background: Annotated[
        bool, typer.Option("--background/--no-background", help="Include background events.")
    ] = True,
    full: Annotated[
        bool, typer.Option("--full", help="Whole evidence sentences on narrow terminals.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many.")] = 50,
    db: Db = None,
) -> None:
    """Coded events: who did what to whom, with CAMEO code and name, how it was told (negated
    events marked ¬), the date and the evidence sentence.

    Examples: [bold]detente events 3fa2b1[/] · [bold]detente events --actor PRK --root 05[/]
    """
    from detente.cli_views import EventLine, print_events
    from detente.query.lookup import normalise_actor, normalise_root

    try:
        root, actor = normalise_root(root), normalise_actor(actor)
    except DetenteError as exc:
        raise _fail(exc) from None
    where = (
        " FROM events e WHERE (? IS NULL OR e.doc_id = ?)"
        " AND (? IS NULL OR starts_with(e.source, ?) OR starts_with(e.target, ?))"
        " AND (? IS NULL OR e.root = ?) AND (? OR NOT e.background)"
    )
    rows = _query(
        db,
        doc_id,
        "SELECT e.doc_id, e.source, e.cameo, e.target, e.polarity, e.modality,"
        " e.background, e.date, e.date_precision, e.evidence_text,"
        " CASE WHEN e.source_person IS NOT NULL THEN e.source_name END,"
        " CASE WHEN e.target_person IS NOT NULL THEN e.target_name END"
        + where
        + " ORDER BY e.doc_id, e.idx LIMIT ?",
        lambda doc: [doc, doc, actor, actor, actor, root, root, background, limit],
    )
    lines = [EventLine(*row) for row in rows]
    names = _names(db, [c for r in lines for c in (r.source, r.target)])
    if not lines:
        searched = ", ".join(
            f"{k} {v}" for k, v in (("document", doc_id), ("actor", actor), ("root", root)) if v
        )
        console.print(f"no events{f' with {searched}' if searched else ''} in {_settings(db).db}"
                      + ("" if background else " (background events left out)"),
                      highlight=False)  # fmt: skip
        return
    print_events(out, lines, names, full=full)
    if len(lines) >= limit:
        total = _query(db, doc_id, "SELECT count(*)" + where,
                       lambda doc: [doc, doc, actor, actor, actor, root, root, background])  # fmt: skip
        _showing(len(lines), int(total[0][0]))


def _showing(shown: int, total: int) -> None:
    """'showing 50 of 106 (use --limit)' under a list cut short."""
    if total > shown:
        console.print(f"showing {shown} of {total:,} (use --limit)", highlight=False)


def _resolve(store: Any, prefix: str, kind: str = "document") -> str:
    """The whole id for a unique prefix; an ambiguous one fails listing the candidates."""
    from detente.query.lookup import resolve_prefix

    return resolve_prefix(store, kind, prefix)


def _names(db: Path | None, codes: list[str]) -> dict[str, str]:
    """Actor names for codes, from the store's knowledge base."""
    from detente.query.lookup import actor_names

    with _reader(db) as store:
        return actor_names(store, codes)


def _query(
    db: Path | None, doc_id: str | None, sql: str, params: Callable[[str | None], list[Any]]
) -> list[tuple[Any, ...]]:
    """Rows of a read-only query; `params` gets the full id of `doc_id` (or None for all)."""

    try:
        with _reader(db) as store:
            doc = _resolve(store, doc_id) if doc_id else None
            return store.query(sql, params(doc))
    except DetenteError as exc:
        raise _fail(exc) from None


@app.command()
def corpus(
    db: Db = None,
    device: Annotated[
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
    settings = _settings(db)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    stop_on_signals()
    try:
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("corpus stages", total=None)
            report = run_corpus(
                settings, _device(device), lambda stage: progress.update(task, description=stage)
            )
    except DetenteError as exc:
        raise _fail(exc) from None
    except BaseException as exc:
        if not was_stopped(exc):
            raise
        console.print("[yellow]interrupted:[/] run `detente corpus` again to finish the stages",
                      highlight=False, soft_wrap=True)  # fmt: skip
        raise typer.Exit(exit_code()) from None
    table = Table("stage", "result", "seconds", title=str(settings.db), title_justify="left")
    table.add_row("stories", f"{report.stories_assigned:,} documents placed, {report.stories:,} stories",
                  f"{report.seconds['stories']:.1f}")  # fmt: skip
    table.add_row("corroboration", f"{report.corroborated:,} merged events",
                  f"{report.seconds['corroboration']:.1f}")  # fmt: skip
    table.add_row("shifts", f"{report.shifts:,} flagged", f"{report.seconds['shifts']:.1f}")
    out.print(table)
    if truth is not None:
        from detente.evaluation.corpus import score_corpus

        with _reader(settings.db) as store:
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


@app.command()
def bench(
    articles: Annotated[int, typer.Option("--articles", help="Generated articles.")] = 20_000,
    workers: Annotated[
        list[int] | None, typer.Option("--workers", help="Worker counts (repeat; 1 and 2).")
    ] = None,
    engines: Annotated[
        list[str] | None, typer.Option("--engines", help="local and/or ray (repeat; both).")
    ] = None,
    stages: Annotated[int, typer.Option("--stages", help="Articles timed stage by stage.")] = 2000,
    device: Annotated[str, typer.Option("--device", help="cpu or cuda for embeddings.")] = "cpu",
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
        raise _fail(DetenteError("detente bench runs from a source checkout (bench/scale.py here)"))
    sys.path.insert(0, str(Path.cwd()))
    scale = importlib.import_module("bench.scale")
    argv = ["--articles", str(articles), "--stages", str(stages), "--results", str(results),
            "--device", _device(device), "--workers", *map(str, workers or [1, 2]),
            "--engines", *(engines or ["local", "ray"])]  # fmt: skip
    scale.main(argv + (["--out", str(out)] if out else []))


def _device(device: str) -> str:
    if device == "cuda":
        import torch

        if not torch.cuda.is_available():
            console.print("[yellow]no CUDA device here: embedding on the CPU[/]")
            return "cpu"
    elif device != "cpu":
        raise _fail(DetenteError(f"unknown device {device!r}: choose cpu or cuda"))
    return device


@app.command()
def stories(
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many, largest first.")] = 20,
    db: Db = None,
) -> None:
    """Stories: the same happening told by several documents, with sources and key actors.
    Ids are printed whole; `report --story` takes one, or any unique prefix of one.

    Example: [bold]detente stories -n 10[/]
    """
    from detente.cli_views import print_stories

    rows = _query(
        db,
        None,
        "SELECT story_id, headline, coalesce(first_seen::VARCHAR, 'undated'),"
        " coalesce(last_seen::VARCHAR, 'undated'), n_docs, len(sources),"
        " coalesce(key_actors, []) FROM stories"
        " ORDER BY len(sources) DESC, n_docs DESC, first_seen NULLS LAST LIMIT ?",
        lambda _: [limit],
    )
    if not rows:
        console.print(f"no stories in {_settings(db).db}: stories are found by the corpus "
                      "stages; run `detente corpus`", highlight=False)  # fmt: skip
        return
    keys = ("story_id", "headline", "first", "last", "docs", "outlets", "actors")
    found = [dict(zip(keys, row, strict=True)) for row in rows]
    print_stories(out, found, _names(db, [c for r in found for c in r["actors"]]))


@app.command()
def dyads(
    a: Annotated[str, typer.Argument(help="An actor code (rolled up to its country): RUS.")],
    b: Annotated[
        str | None, typer.Argument(help="The other actor; all partners if left out.")
    ] = None,
    period: Annotated[str, typer.Option("--period", help="day, week or month.")] = "month",
    db: Db = None,
) -> None:
    """How two actors deal with each other over time: events, cooperation, conflict, quad classes
    (q1 verbal cooperation, q2 material cooperation, q3 verbal conflict, q4 material conflict).

    Example: [bold]detente dyads PRK RUS --period month[/]
    """
    from rich import box

    from detente.cli_views import print_pairs_legend
    from detente.corpus.dyads import dyad_series
    from detente.query.lookup import actor_names, check_dyad, normalise_actor, why_no_dyad

    try:
        with _reader(db) as store:
            first = normalise_actor(a) or a
            first, second = check_dyad(store, first, b) if b else (first, None)
            rows = dyad_series(store, first, second, period)
            why = "" if rows else why_no_dyad(store, first, second)
            names = actor_names(store, [x for r in rows for x in (r["a"], r["b"])])
    except (DetenteError, ValueError) as exc:
        raise _fail(DetenteError(str(exc))) from None
    if not rows:
        console.print(why, highlight=False)
        return
    table = Table("a", "b", period, "events", "coop", "conflict", "net", "q1", "q2", "q3", "q4",
                  box=box.SIMPLE_HEAD, pad_edge=False)  # fmt: skip
    for r in rows:
        table.add_row(r["a"], r["b"], str(r["period"]), str(r["events"]), f"{r['cooperation']:.1f}",
                      f"{r['conflict']:.1f}", f"{r['goldstein']:+.1f}", str(r["verbal_cooperation"]),
                      str(r["material_cooperation"]), str(r["verbal_conflict"]),
                      str(r["material_conflict"]))  # fmt: skip
    out.print(table)
    print_pairs_legend(out, [x for r in rows for x in (r["a"], r["b"])], names)


@app.command()
def shifts(db: Db = None) -> None:
    """Flagged shifts: weeks when a pair's relations departed from their own recent past.

    Example: [bold]detente shifts[/]
    """
    from rich import box

    from detente.cli_views import print_pairs_legend
    from detente.query.lookup import actor_names, why_no_shifts
    from detente.query.reads import list_shifts

    try:
        with _reader(db) as store:
            rows = sorted(list_shifts(store), key=lambda r: (r["period"], r["a"], r["b"]))
            why = "" if rows else why_no_shifts(store)
            names = actor_names(store, [x for r in rows for x in (r["a"], r["b"])])
    except DetenteError as exc:
        raise _fail(exc) from None
    if not rows:
        console.print(why, highlight=False)
        return
    table = Table("a", "b", "week", "shift", "value", "baseline", "z", "events",
                  box=box.SIMPLE_HEAD, pad_edge=False)  # fmt: skip
    for r in rows:
        table.add_row(r["a"], r["b"], str(r["period"]), r["kind"].replace("_", " "),
                      f"{r['value']:.1f}", f"{r['baseline']:.1f}", f"{r['z']:.1f}",
                      str(len(r["events"])))  # fmt: skip
    out.print(table)
    print_pairs_legend(out, [x for r in rows for x in (r["a"], r["b"])], names)


@app.command()
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
        raise _fail(DetenteError("give one of --story ID, --actor CODE or --dyad A B"))
    try:
        day = date.fromisoformat(since) if since else None
    except ValueError:
        raise _fail(DetenteError(f"--since {since!r} is not a date (YYYY-MM-DD)")) from None
    try:
        with _reader(db) as store:
            if story is not None:
                brief = story_brief(store, _resolve(store, story, "story"))
            elif actor is not None:
                brief = actor_brief(store, check_actor(store, actor), day)
            else:
                assert dyad is not None
                brief = dyad_brief(store, *check_dyad(store, *dyad), day)
            written = write_brief(brief, out_dir)
    except DetenteError as exc:
        raise _fail(exc) from None
    for path in written:
        out.print(f"wrote {path}")


@app.command("eval")
def evaluate(
    task: Annotated[str, typer.Argument(help="What to evaluate (detente eval --help lists them).")],
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="Annotated file or directory (default eval/TASK, or the task's third-party set "
            "under ../shared/data/).",
        ),
    ] = None,
    kb: Kb = None,
    errors: Annotated[bool, typer.Option("--errors", help="List every miss and extra.")] = False,
    dictionaries: Annotated[
        list[Path] | None,
        typer.Option(
            "--dictionaries",
            help="events and plover: PETRARCH/TABARI verb, actor and agent dictionaries (a "
            "directory or files; repeatable), added to our own knowledge.",
        ),
    ] = None,
) -> None:
    """Score a stage against an annotated set: precision, recall and F1.

    Tasks: actors, events, quotes, sensational, pages (our sets in eval/); plover (third-party
    sentences, development figures only).

    Example: [bold]detente eval actors --errors[/] · [bold]detente eval events[/] ·
    [bold]detente eval plover --errors[/] ·
    [bold]detente eval plover --dictionaries ../shared/data/events/petrarch-dictionaries/[/]
    """
    from detente.evaluation import DICTIONARY_TASKS, task_module

    try:
        module = task_module(task)
    except DetenteError as exc:
        raise _fail(exc) from None
    where = data or module.DEFAULT_DATA
    try:
        extra = {"dictionaries": tuple(map(str, dictionaries))} if dictionaries else {}
        if extra and task not in DICTIONARY_TASKS:
            raise DetenteError(
                f"--dictionaries applies to the {' and '.join(DICTIONARY_TASKS)} evaluations"
            )
        examples = module.load_examples(where)
        report = module.evaluate(examples, tuple(str(p) for p in kb or ()), **extra)
    except (DetenteError, OSError, ValueError, KeyError) as exc:
        said = str(exc)
        raise _fail(
            DetenteError(said if said.startswith(str(where)) else f"{where}: {said}")
        ) from None
    for part in module.summary(report):
        out.print(part)
    if errors:
        for line in report.errors:
            out.print(line, highlight=False, markup=False, soft_wrap=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to bind; loopback by default.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Serve a store another process is writing.")
    ] = False,
    max_body: Annotated[
        int, typer.Option("--max-body", help="Largest request body in bytes.")
    ] = 2_000_000,
    watch_list: Annotated[
        Path | None,
        typer.Option("--watch", help="Also poll this watch list (see `detente watch`)."),
    ] = None,
    rules: Annotated[Path | None, typer.Option("--rules", help="Alert rules for --watch.")] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Watched sources may be on private addresses.")
    ] = False,
    db: Db = None,
) -> None:
    """The REST API (OpenAPI at /docs) and the web UI, from one process that owns the store.

    Reads are open on localhost. Writes (POST /api/documents, the paste form) need the token in
    DETENTE_API_TOKEN when it is set, and are refused on a non-loopback --host without it.

    Example: [bold]detente serve --port 8000[/], then open http://127.0.0.1:8000/
    """
    from contextlib import suppress

    import uvicorn

    from detente.api.app import ServeConfig, create_app, is_loopback

    token = os.environ.get("DETENTE_API_TOKEN") or None
    config = ServeConfig(db=_settings(db).db, host=host, token=token, max_body=max_body,
                         read_only=read_only, watch=watch_list, rules=rules,
                         allow_private=allow_private)  # fmt: skip
    if not is_loopback(host) and not token:
        console.print(
            f"[yellow]listening on {host} without DETENTE_API_TOKEN: writes are disabled[/]"
        )
    try:
        application = create_app(config)
    except DetenteError as exc:
        raise _fail(exc) from None
    out.print(f"detente serving {config.db} at http://{host}:{port}/ (API docs at /docs)")
    # uvicorn handles SIGINT and SIGTERM alike while it runs (shutting down, which closes the
    # store), then hands the signal on to the handlers it found: ours, whatever was inherited.
    stop_on_signals()
    from detente.api.gate import announce, withdraw

    # a note beside the store, so that a command that must write can say who holds it
    announce(config.db, f"http://{f'[{host}]' if ':' in host else host}:{port}")
    try:
        with suppress(KeyboardInterrupt):
            uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
    finally:
        withdraw(config.db)
    console.print(f"stopped; {config.db} is closed")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find in titles and texts.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many, best first.")] = 20,
    db: Db = None,
) -> None:
    """Full-text search (BM25) over documents' titles and texts.

    Example: [bold]detente search "Lavrov Pyongyang"[/]
    """
    from detente.api.gate import running_server
    from detente.query.reads import search as search_documents
    from detente.search import build_index
    from detente.store import Store

    if not query.strip():
        raise _fail(
            DetenteError('give words to search for, e.g. detente search "Lavrov Pyongyang"')
        )
    try:  # a running server keeps the index fresh; otherwise rebuild it here
        served = running_server(_settings(db).db) is not None
        with _reader(db) if served else Store.open(_settings(db).db) as store:
            if not served:
                build_index(store)
            rows = search_documents(store, query, limit)
    except DetenteError as exc:
        raise _fail(exc) from None
    table = Table("id", "score", "published", "source", "title")
    for r in rows:
        published = r["published"].date().isoformat() if r["published"] else "undated"
        table.add_row(r["doc_id"][:12], f"{r['score']:.2f}", published, escape(r["source"] or ""),
                      escape(r["title"] or r["origin"]))  # fmt: skip
    out.print(table)


@app.command()
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
    from detente.monitor.alerts import Alert, load_rules
    from detente.monitor.run import Round
    from detente.monitor.run import watch as watch_sources
    from detente.monitor.sources import load_sources, parse_interval
    from detente.monitor.watch import SourceResult

    def said(result: SourceResult) -> None:
        style = {"failed": "red", "new": "green"}.get(result.status, "dim")
        extra = f" ({escape(result.error)})" if result.error else ""
        console.print(f"[{style}]{escape(result.name)}: {result.status}"
                      f"{f', {result.new_items} new' if result.new_items else ''}[/]{extra}")  # fmt: skip

    def finished(current: Round) -> None:
        report = current.poll
        console.print(
            f"polled {len(report.sources)} sources in {report.seconds:.1f} s: "
            f"{report.new_items} new items, {len(current.new_documents)} analysed, "
            f"{len(report.failed)} failed, {current.alerts} alerts"
        )

    def alert_line(alert: Alert) -> None:
        out.print(f"[bold yellow]ALERT[/] [{escape(alert.rule)}] {escape(alert.summary)}")

    stop_on_signals()  # SIGTERM (a service manager's stop) ends it as cleanly as Ctrl-C
    try:
        settings = _settings(db).model_copy(update={"allow_private": allow_private})
        sources = load_sources(sources_file)
        rule_set = load_rules(rules) if rules else None
        interval = parse_interval(every, "--every") if every else None
        rounds = watch_sources(sources, settings, rule_set, once=once, every=interval,
                               on_source=said, on_round=finished, terminal=alert_line)  # fmt: skip
    except DetenteError as exc:
        raise _fail(exc) from None
    except BaseException as exc:
        if not was_stopped(exc):
            raise
        console.print("stopped; every source polled so far is stored")
        return
    failed = rounds[-1].poll.failed if once and rounds else []
    if failed and len(failed) == len(rounds[-1].poll.sources):
        console.print(f"[red]every source failed ({len(failed)}): nothing was polled[/]")
        raise typer.Exit(1)


@app.command("sources")
def sources_health(db: Db = None) -> None:
    """The health of watched sources: last success, last error, consecutive failures.

    Example: [bold]detente sources[/]
    """
    rows = _query(
        db,
        None,
        "SELECT name, failures, items, last_success, last_polled, last_error FROM watch_sources"
        " ORDER BY failures DESC, name",
        lambda _: [],
    )
    table = Table("source", "failures", "items", "last success", "last polled", "last error")
    for name, failures, items, success, polled, error in rows:
        table.add_row(escape(name), str(failures), str(items), _when(success), _when(polled),
                      escape(error or "") if failures else "", style="red" if failures else "")  # fmt: skip
    out.print(table)


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else ""


@app.command()
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

    try:
        period = parse_interval(since, "--since")
        with _reader(db) as store:
            result = build_digest(store, period)
    except DetenteError as exc:
        raise _fail(exc) from None
    out.print(escape(to_markdown(result)))
    for path in write_digest(result, out_dir):
        console.print(f"wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
