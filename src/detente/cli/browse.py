"""Reading the store from the terminal: `show`, `list`, `stats`, `actors`, `events`, `quotes`
and `search`. Each command asks `detente.query` and prints what it returns."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from detente.cli.common import Db, console, fail, failing, out, reading, resolve, settings, showing
from detente.errors import DetenteError


def show(
    doc_id: Annotated[str, typer.Argument(help="A document id or a unique prefix of one.")],
    db: Db = None,
) -> None:
    """Print a document: metadata, then its segments with their kinds.

    Example: [bold]detente show 3fa2b1[/]
    """
    from detente.cli.views import print_document
    from detente.query.listings import document_facts
    from detente.query.lookup import actor_names

    with reading(db) as store:
        facts = document_facts(store, resolve(store, doc_id))
        assert facts is not None
        codes = [code for _, code in facts.mentions] + [q["speaker_code"] for q in facts.quotes]
        names = actor_names(store, codes)
    print_document(out, facts, names)


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
    from detente.query.listings import latest_documents

    with reading(db) as store:
        rows = latest_documents(store, status, limit)
    table = Table("id", "status", "published", "lang", "title", "origin")
    table.columns[0].no_wrap = True
    table.columns[2].no_wrap = True
    table.columns[5].overflow = "fold"
    for r in rows:
        table.add_row(r["doc_id"][:10], r["status"], r["day"], r["language"] or "?",
                      escape(r["title"] or ""), escape(r["origin"]))  # fmt: skip
    out.print(table)


def stats(db: Db = None) -> None:
    """Print corpus counts: documents by status, language and source; segments by kind; runs.

    Example: [bold]detente stats --db news.duckdb[/]
    """
    from detente.cli.views import print_stats
    from detente.query.overview import stats as corpus_stats

    with reading(db) as store:
        counts = corpus_stats(store)
    print_stats(out, counts, f"{settings(db).db}")


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
    from detente.cli.views import print_rows
    from detente.query.listings import document_mentions, top_actors

    if (doc_id is None) == (not top):
        raise fail(DetenteError("give a document id, or --top for the whole corpus"))
    with reading(db) as store:
        if doc_id is not None:
            rows = document_mentions(store, resolve(store, doc_id))
            headers: tuple[str, ...] = (
                "seg", "mention", "code", "actor", "person", "method", "conf"
            )  # fmt: skip
        else:
            rows = top_actors(store, limit)
            headers = ("code", "actor", "mentions", "documents", "people")
    print_rows(out, headers, rows)


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
    from detente.cli.views import EventLine, print_events
    from detente.query.listings import count_events, events_in_order
    from detente.query.lookup import actor_names, normalise_actor, normalise_root

    with failing():
        root, actor = normalise_root(root), normalise_actor(actor)
    total = 0
    with reading(db) as store:
        whole = resolve(store, doc_id) if doc_id else None
        rows = events_in_order(store, doc_id=whole, actor=actor, root=root,
                               background=background, limit=limit)  # fmt: skip
        lines = [EventLine(**row) for row in rows]
        names = actor_names(store, [c for r in lines for c in (r.source, r.target)])
        if lines and len(lines) >= limit:
            total = count_events(store, doc_id=whole, actor=actor, root=root,
                                 background=background)  # fmt: skip
    if not lines:
        searched = ", ".join(
            f"{k} {v}" for k, v in (("document", doc_id), ("actor", actor), ("root", root)) if v
        )
        console.print(f"no events{f' with {searched}' if searched else ''} in {settings(db).db}"
                      + ("" if background else " (background events left out)"),
                      highlight=False)  # fmt: skip
        return
    print_events(out, lines, names, full=full)
    showing(len(lines), total)


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
    from detente.cli.views import print_quotes
    from detente.query.listings import count_quotes, quotes_in_order

    total = 0
    with reading(db) as store:
        whole = resolve(store, doc_id) if doc_id else None
        rows = quotes_in_order(store, doc_id=whole, speaker=actor, scare=scare, limit=limit)
        if rows and len(rows) >= limit:
            total = count_quotes(store, doc_id=whole, speaker=actor, scare=scare)
    if not rows:
        who = f" by {actor}" if actor else ""
        console.print(f"no quotes{who} in {settings(db).db}"
                      + (" (scare quotes left out: --scare)" if not scare else ""),
                      highlight=False)  # fmt: skip
        return
    print_quotes(out, [_quote_line(r) for r in rows])
    showing(len(rows), total)


def _quote_line(row: dict[str, Any]) -> dict[str, Any]:
    """A quote as `print_quotes` lays it out: the speaker as written, with the name known for
    them when it differs, and the confidence to two decimals."""
    said, name, confidence = row["speaker_text"], row["speaker_name"], row["speaker_confidence"]
    speaker = f"{said} ({name})" if said and name and name != said else said or name
    return {"doc_id": row["doc_id"], "speaker": speaker or "?", "code": row["speaker_code"],
            "conf": f"{confidence:.2f}" if confidence is not None else "",
            "kind": row["kind"], "verb": row["verb"] or "", "text": row["text"]}  # fmt: skip


def search(
    query: Annotated[str, typer.Argument(help="Words to find in titles and texts.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many, best first.")] = 20,
    db: Db = None,
) -> None:
    """Full-text search (BM25) over documents' titles and texts.

    Example: [bold]detente search "Lavrov Pyongyang"[/]
    """
    from detente.api.gate import running_server
    from detente.query.documents import search as search_documents
    from detente.search import build_index
    from detente.store import Store

    if not query.strip():
        raise fail(DetenteError('give words to search for, e.g. detente search "Lavrov Pyongyang"'))
    with failing():
        path = settings(db).db
        served = running_server(path) is not None
    if served:  # a running server keeps the index fresh
        with reading(db) as store:
            rows = search_documents(store, query, limit)
    else:  # otherwise rebuild it here, which writes
        with failing(), Store.open(path) as store:
            build_index(store)
            rows = search_documents(store, query, limit)
    table = Table("id", "score", "published", "source", "title")
    for r in rows:
        published = r["published"].date().isoformat() if r["published"] else "undated"
        table.add_row(r["doc_id"][:12], f"{r['score']:.2f}", published, escape(r["source"] or ""),
                      escape(r["title"] or r["origin"]))  # fmt: skip
    out.print(table)


def stories(
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many, largest first.")] = 20,
    db: Db = None,
) -> None:
    """Stories: the same happening told by several documents, with sources and key actors.
    Ids are printed whole; `report --story` takes one, or any unique prefix of one.

    Example: [bold]detente stories -n 10[/]
    """
    from detente.cli.views import print_stories
    from detente.query.listings import largest_stories
    from detente.query.lookup import actor_names

    with reading(db) as store:
        found = largest_stories(store, limit)
        names = actor_names(store, [c for r in found for c in r["actors"]])
    if not found:
        console.print(f"no stories in {settings(db).db}: stories are found by the corpus "
                      "stages; run `detente corpus`", highlight=False)  # fmt: skip
        return
    print_stories(out, found, names)


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

    from detente.cli.views import print_pairs_legend
    from detente.corpus.dyads import dyad_series
    from detente.query.lookup import actor_names, check_dyad, normalise_actor, why_no_dyad

    with reading(db, ValueError) as store:
        first = normalise_actor(a) or a
        first, second = check_dyad(store, first, b) if b else (first, None)
        rows = dyad_series(store, first, second, period)
        why = "" if rows else why_no_dyad(store, first, second)
        names = actor_names(store, [x for r in rows for x in (r["a"], r["b"])])
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


def shifts(db: Db = None) -> None:
    """Flagged shifts: weeks when a pair's relations departed from their own recent past.

    Example: [bold]detente shifts[/]
    """
    from rich import box

    from detente.cli.views import print_pairs_legend
    from detente.query.lookup import actor_names, why_no_shifts
    from detente.query.relations import list_shifts

    with reading(db) as store:
        rows = sorted(list_shifts(store), key=lambda r: (r["period"], r["a"], r["b"]))
        why = "" if rows else why_no_shifts(store)
        names = actor_names(store, [x for r in rows for x in (r["a"], r["b"])])
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
