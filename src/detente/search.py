"""Full-text search over documents: DuckDB's fts extension, loaded offline from its wheel.

The BM25 index is a snapshot: `build_index` rebuilds it after writes (the server does so
lazily, before the first search that follows a write). Where the extension cannot be loaded
or the store is read-only without an index, search falls back to a case-insensitive substring
match, so a query is never refused.
"""

from __future__ import annotations

import logging
from importlib import util
from pathlib import Path

import duckdb

from detente.store import Store

log = logging.getLogger(__name__)
_SCHEMA = "fts_main_documents"


def extension_path() -> Path | None:
    spec = util.find_spec("duckdb_ext")
    locations = spec.submodule_search_locations if spec else None
    for root in locations or ():
        for found in sorted(
            Path(root).glob(f"extensions/v{duckdb.__version__}/*/fts.duckdb_extension")
        ):
            return found
    return None


def load_extension(store: Store) -> bool:
    path = extension_path()
    if path is None:
        return False
    try:  # a cursor of its own: the server calls this from several threads
        store.con.cursor().execute(f"LOAD '{path.as_posix()}'")
    except duckdb.Error as exc:
        log.warning(
            "full-text search extension %s did not load (%s); using substring match", path, exc
        )
        return False
    return True


def has_index(store: Store) -> bool:
    row = (
        store.con.cursor()
        .execute(
            "SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?", [_SCHEMA]
        )
        .fetchone()
    )
    return bool(row and row[0])


def build_index(store: Store) -> bool:
    """(Re)build the BM25 index over documents' title and text; False where it cannot be built."""
    if store.read_only or not load_extension(store):
        return False
    store.con.cursor().execute(
        "PRAGMA create_fts_index('documents', 'doc_id', 'title', 'text', overwrite = 1)"
    )
    return True


def ranking_sql(store: Store) -> str:
    """SQL selecting (doc_id, score) for the query bound to its one parameter; NULL = no match."""
    if has_index(store) and load_extension(store):
        return f"SELECT doc_id, {_SCHEMA}.match_bm25(doc_id, ?) AS score FROM documents"
    return (
        "SELECT doc_id, CASE WHEN contains(lower(coalesce(title, '') || ' ' || text), lower(?))"
        " THEN 1.0 END AS score FROM documents"
    )


def matching_sql(store: Store) -> str:
    return f"SELECT doc_id FROM ({ranking_sql(store)}) WHERE score IS NOT NULL"
