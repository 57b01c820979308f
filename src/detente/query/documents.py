"""Reads of documents: lists with filters, full-text search, one document (the corpus's counts
are `query.overview.stats`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from detente.export import document_records
from detente.query.paging import MAX_LIMIT, Filters, Page, codes_sql, page
from detente.search import matching_sql, ranking_sql
from detente.store import Store

DOCUMENT_LIST = """
SELECT d.doc_id, d.title, d.source, d.url, d.origin, d.published, d.language, d.status,
       d.duplicate_of, s.tone, s.sensationalism, s.comments, s.removed,
       (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events,
       m.story_id,
       coalesce(strftime(d.published, '%Y-%m-%dT%H:%M:%S'), '') AS sort_date
FROM documents d LEFT JOIN signals s USING (doc_id) LEFT JOIN story_members m USING (doc_id)
"""


def list_documents(
    store: Store,
    *,
    q: str | None = None,
    source: str | None = None,
    language: str | None = None,
    status: str | None = None,
    actor: str | None = None,
    story: str | None = None,
    since: date | None = None,
    until: date | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> Page:
    """Documents newest first (undated last), one page: id, title, outlet, url, origin,
    published, language, status, duplicate_of, tone, sensationalism, comment counts, events,
    story. `actor` takes its sub-actors too (RUS: RUSGOV); `since`/`until` are inclusive days
    of publication; `q` is a full-text query."""
    f = Filters()
    f.add("d.source = ?", source, when=source)
    f.add("d.language = ?", language, when=language)
    f.add("d.status = ?", status, when=status)
    f.add("m.story_id = ?", story, when=story)
    f.add("d.published >= ?", since, when=since)
    f.add("d.published < ? + INTERVAL 1 DAY", until, when=until)
    f.add(
        f"d.doc_id IN (SELECT doc_id FROM mentions WHERE {codes_sql('actor_code')})",
        actor,
        actor,
        when=actor,
    )
    f.add(f"d.doc_id IN ({matching_sql(store)})", q, when=q)
    return page(store, DOCUMENT_LIST, f, ["sort_date", "doc_id"], cursor, limit)


def search(store: Store, q: str, limit: int = 50) -> list[dict[str, Any]]:
    """Documents matching `q`, best first (BM25 over title and text; a substring match where
    the store has no index), with the list's columns and `score`."""
    ranked = f"SELECT doc_id, score FROM ({ranking_sql(store)}) WHERE score IS NOT NULL"
    return store.records(
        f"SELECT l.*, r.score FROM ({DOCUMENT_LIST}) l JOIN ({ranked}) r USING (doc_id)"
        " ORDER BY r.score DESC, l.doc_id LIMIT ?",
        [q, max(1, min(limit, MAX_LIMIT))],
    )


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """The stored document with segments, mentions, events, quotes and signals (the export
    contract's shape), or None when no document has this id."""
    for record in document_records(store, doc_id):
        return record
    return None


def resolve_document(store: Store, prefix: str) -> str | None:
    """The one document id starting with `prefix`; None when none or several do."""
    rows = store.records(
        "SELECT doc_id FROM documents WHERE starts_with(doc_id, ?) LIMIT 2", [prefix]
    )
    return str(rows[0]["doc_id"]) if len(rows) == 1 else None
