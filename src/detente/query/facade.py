"""The read model as a typed Python API over a store or a database path.

Every function takes `db` first: an open `Store` (read through as is), a path to a DuckDB
file (opened read-only for the call and closed after), or None for `DETENTE_DB` (else
`./detente.duckdb`). The CLI, the REST routes and the web pages call the same functions
underneath, so the same question gets the same answer. Errors are `DetenteError`s:
`NotFound` (an unknown id or actor, with suggestions), `BadQuery` (a value that cannot be
used: an ambiguous id prefix, a malformed date or cursor), `StoreError` (no such database).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from detente.errors import StoreError
from detente.query import (
    actor_reads,
    documents,
    event_reads,
    lookup,
    overview,
    relations,
    story_reads,
)
from detente.query.paging import BadQuery, Page
from detente.store import Store

StoreLike = Store | str | Path | None
Day = date | str | None  # a date, or one written YYYY-MM-DD


@contextmanager
def opened(db: StoreLike) -> Iterator[Store]:
    """The store `db` names: itself when open, else the file opened read-only for the block.

    Raises StoreError when the file does not exist (a read never creates one)."""
    if isinstance(db, Store):
        yield db
        return
    from detente.config import Settings

    path = Settings.from_env(db=db).db
    if not Path(path).is_file():
        raise StoreError(f"no database at {path}: analyse documents into it first "
                         "(`detente analyze FILES --db PATH`)")  # fmt: skip
    with Store.open(path, read_only=True) as store:
        yield store


def _day(value: Day, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadQuery(f"{name}: {value[:40]!r} is not a date (YYYY-MM-DD)") from None


def stats(db: StoreLike) -> dict[str, Any]:
    """Counts over the whole store (see `query.overview.stats` for the keys): the answer of
    `detente stats` and `GET /api/stats`."""
    with opened(db) as store:
        return overview.stats(store)


def events(
    db: StoreLike,
    *,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    root: str | int | None = None,
    quad_class: int | None = None,
    modality: str | None = None,
    polarity: str | None = None,
    doc_id: str | None = None,
    since: Day = None,
    until: Day = None,
    cursor: str | None = None,
    limit: int = 50,
) -> Page:
    """Coded events, newest event date first (undated last), one page of at most `limit`
    (≤ 200) rows; iterate the page for the rows, pass its `next_cursor` for the next.

    `actor` (and each side of `dyad`) is an actor code, any case, that takes its sub-actors
    too (RUS: RUSGOV, RUSMIL); NotFound with suggestions for a code the store does not know.
    `root` is a CAMEO root ('5', 5 or '05'); `since`/`until` are inclusive days of the events'
    own dates. Each row: doc_id, idx, source, target (codes and names), cameo, root,
    quad_class, goldstein (-10..10), plover_type/mode, polarity, modality, date,
    date_precision, evidence_start/end (character offsets) and evidence_text, confidence
    (0..1), and the document's title, outlet and url.
    """
    with opened(db) as store:
        return event_reads.list_events(
            store,
            actor=lookup.check_actor(store, actor) if actor else None,
            dyad=lookup.check_dyad(store, *dyad) if dyad else None,
            root=lookup.normalise_root(None if root is None else str(root)),
            quad_class=quad_class, modality=modality, polarity=polarity, doc_id=doc_id,
            since=_day(since, "since"), until=_day(until, "until"), cursor=cursor, limit=limit,
        )  # fmt: skip


def stories(
    db: StoreLike, *, actor: str | None = None, cursor: str | None = None, limit: int = 50
) -> Page:
    """Stories (one happening across outlets), most recently seen first, one page: story_id,
    headline, first_seen, last_seen, n_docs, sources, key_actors, key_events. `actor` keeps
    those with it among their key actors."""
    with opened(db) as store:
        code = lookup.normalise_actor(actor)
        return story_reads.list_stories(store, actor=code, cursor=cursor, limit=limit)


def story(db: StoreLike, story_id: str) -> dict[str, Any]:
    """One story (an id or a unique prefix) with its documents and corroborated events.

    NotFound when no story has it; BadQuery naming the candidates when several do."""
    with opened(db) as store:
        found = story_reads.story(store, lookup.resolve_prefix(store, "story", story_id))
        assert found is not None  # the id was just resolved
        return found


def actors(db: StoreLike, q: str = "", limit: int = 50) -> list[dict[str, Any]]:
    """Actors whose code or name contains `q` (a person's name finds the offices held), most
    mentioned first: code, name, kind, country, mentions, documents."""
    with opened(db) as store:
        return actor_reads.search_actors(store, q, limit)


def actor(db: StoreLike, code: str, period: str = "month") -> dict[str, Any]:
    """An actor's profile: what it is, office holders, mentions per `period` (day, week,
    month), counterparts and quotes. NotFound with suggestions for an unknown code."""
    with opened(db) as store:
        code = lookup.check_actor(store, code)
        found = actor_reads.actor_profile(store, code, period)
        if found is None:
            raise lookup.NotFound(f"no actor {code!r} in the knowledge base of {store.path}")
        return found


def dyad(
    db: StoreLike, a: str, b: str, *, period: str = "week", since: Day = None
) -> dict[str, Any]:
    """Two actors' relations over time, rolled up to their countries: a, b (sorted), names,
    period, series (per `period`: events, cooperation, conflict, Goldstein sums), shifts.

    NotFound for an unknown code; BadQuery when both are one country (RUS and RUSGOV)."""
    with opened(db) as store:
        a, b = lookup.check_dyad(store, a, b)
        return relations.dyad(store, a, b, period, _day(since, "since"))


def shifts(db: StoreLike, actor: str | None = None) -> list[dict[str, Any]]:
    """Flagged shifts (of `actor`'s pairs, when given), latest first: a, b, period, measure,
    kind, value, baseline, z, events (merged event ids)."""
    with opened(db) as store:
        return relations.list_shifts(store, lookup.normalise_actor(actor))


def document(db: StoreLike, doc_id: str) -> dict[str, Any]:
    """One document (an id or a unique prefix) in the export contract's shape: text,
    segments, mentions, events, quotes, signals, story_id.

    NotFound when no document has it; BadQuery naming the candidates when several do."""
    with opened(db) as store:
        found = documents.document(store, lookup.resolve_prefix(store, "document", doc_id))
        if found is None:
            raise lookup.NotFound(f"no document {doc_id!r} in {store.path}")
        return found


def search(db: StoreLike, q: str, limit: int = 50) -> list[dict[str, Any]]:
    """Documents matching the words of `q`, best first (BM25 over title and text where the
    store has its full-text index, else a substring match), with a `score` each."""
    with opened(db) as store:
        return documents.search(store, q, limit)
