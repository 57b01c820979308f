"""Exports of the store: JSONL documents (the contract in docs/architecture.md) and Parquet."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from detente.store import Store

FORMATS = ("jsonl", "parquet", "gdelt", "plover")
_CHUNK = 500
_EMPTY_SIGNALS: dict[str, Any] = {
    "tone": None, "segment_tones": {}, "actor_tones": [], "relations": [],
    "sensationalism": None, "thread": None,
}  # fmt: skip
"""The signals keys of the export (`model.Signals`), written even when not computed."""

# The nested lists of a document record: field → (table, order, [(key, SQL expression)]).
# One description serves both the streamed export (a list(struct_pack(...)) subquery per field)
# and the single-document read (plain queries, ten times faster than planning the big one).
_NESTED: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "segments": ("segments", "idx", [
        ("kind", "kind"), ("start", "start_char"), ("end", "end_char"), ("author", "author"),
        ("parent", "parent"), ("posted", "posted")]),
    "sentences": ("sentences", "idx", [
        ("start", "start_char"), ("end", "end_char"), ("segment", "segment")]),
    "entities": ("entities", "start_char", [
        ("start", "start_char"), ("end", "end_char"), ("label", "label"), ("text", "text")]),
    "mentions": ("mentions", "idx", [
        ("start", "start_char"), ("end", "end_char"), ("text", "text"),
        ("actor_code", "actor_code"), ("actor_name", "actor_name"), ("person", "person"),
        ("method", "method"), ("confidence", "confidence"), ("segment", "segment")]),
    "events": ("events", "idx", [
        ("source", "source"), ("target", "target"), ("cameo", "cameo"), ("root", "root"),
        ("quad_class", "quad_class"), ("goldstein", "goldstein"),
        ("plover_type", "plover_type"), ("plover_mode", "plover_mode"),
        ("polarity", "polarity"), ("modality", "modality"),
        ("date", "strftime(date, '%Y-%m-%d')"), ("date_precision", "date_precision"),
        ("evidence", 'struct_pack("start" := evidence_start, "end" := evidence_end, '
                     "text := evidence_text)"),
        ("confidence", "confidence"), ("source_name", "source_name"),
        ("target_name", "target_name"), ("source_person", "source_person"),
        ("target_person", "target_person"), ("background", "background"),
        ("speaker", "speaker"), ("date_text", "date_text"), ("trigger", "trigger"),
        ("evidence_all", "evidence_all"), ("segment", "segment")]),
    "quotes": ("quotes", "idx", [
        ("text", "text"), ("kind", "kind"), ("speaker_text", "speaker_text"),
        ("speaker_code", "speaker_code"), ("start", "start_char"), ("end", "end_char"),
        ("speaker_name", "speaker_name"), ("speaker_person", "speaker_person"), ("verb", "verb"),
        ("segment", "segment"), ("speaker_confidence", "speaker_confidence")]),
}  # fmt: skip
_DOCUMENT_COLUMNS = """d.doc_id, d.origin, d.url, d.source, d.title, d.published,
       d.published_from, d.language, d.language_confidence, d.status, d.status_reason, d.text, d.duplicate_of,
       (SELECT data FROM signals s WHERE s.doc_id = d.doc_id) AS signals,
       (SELECT story_id FROM story_members m WHERE m.doc_id = d.doc_id) AS story_id"""


def _nested_list(field: str) -> str:
    table, order, keys = _NESTED[field]
    pairs = ", ".join(f'"{key}" := x.{expr}' if expr.isidentifier() else f'"{key}" := {expr}'
                      for key, expr in keys)  # fmt: skip
    return (f"coalesce((SELECT list(struct_pack({pairs}) ORDER BY x.{order}) FROM {table} x "
            f"WHERE x.doc_id = d.doc_id), []) AS {field}")  # fmt: skip


_DOCUMENTS_SQL = (
    f"SELECT {_DOCUMENT_COLUMNS}, {', '.join(_nested_list(f) for f in _NESTED)}"
    " FROM documents d ORDER BY d.ingested_at, d.doc_id"
)


def document_records(store: Store, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
    """One contract-shaped record per stored document (or just `doc_id`), streamed in chunks."""
    if doc_id is not None:
        record = _one_document(store, doc_id)
        if record is not None:
            yield record
        return
    cur = store.con.cursor()
    cur.execute(_DOCUMENTS_SQL)
    names = [c[0] for c in cur.description]
    while rows := cur.fetchmany(_CHUNK):
        for row in rows:
            yield _to_record(dict(zip(names, row, strict=True)))


def _one_document(store: Store, doc_id: str) -> dict[str, Any] | None:
    cur = store.con.cursor()
    cur.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents d WHERE d.doc_id = ?", [doc_id])
    names = [c[0] for c in cur.description]
    found = cur.fetchone()
    if found is None:
        return None
    row = dict(zip(names, found, strict=True))
    for field, (table, order, keys) in _NESTED.items():
        columns = ", ".join(f'{expr} AS "{key}"' for key, expr in keys)
        cur.execute(f"SELECT {columns} FROM {table} WHERE doc_id = ? ORDER BY {order}", [doc_id])
        row[field] = [dict(zip(_names(cur), r, strict=True)) for r in cur.fetchall()]
    return _to_record(row)


def _names(cur: Any) -> list[str]:
    return [c[0] for c in cur.description]


def _to_record(row: dict[str, Any]) -> dict[str, Any]:
    text: str = row["text"]
    segments = [
        {**s, "text": text[s["start"] : s["end"]], "posted": _iso(s.get("posted"))}
        for s in row.pop("segments")
    ]
    published: datetime | None = row["published"]
    comments = sum(1 for s in segments if s["kind"] in ("comment", "removed_comment"))
    removed = sum(1 for s in segments if s["kind"] == "removed_comment")
    stored = row.pop("signals")
    # every key always written (None/empty where not computed, e.g. near-duplicates)
    signals: dict[str, Any] = {**_EMPTY_SIGNALS, **(json.loads(stored) if stored else {})}
    thread = signals.get("thread") or {"stances": []}
    thread.update(comments=comments, removed=removed)  # counted for every stored document
    signals["thread"] = thread
    return {
        **row,
        "published": _iso(published),
        "segments": segments,
        "signals": signals,
    }


def _iso(moment: datetime | None) -> str | None:
    """A stored timestamp as the contract writes it: ISO 8601 with its offset, or null."""
    return moment.isoformat() if moment else None


def export(store: Store, fmt: str, out: Path) -> list[Path]:
    """Write the store in `fmt` under `out`; returns the files written."""
    if fmt == "parquet":
        return store.export_parquet(out)
    if fmt in ("gdelt", "plover"):
        from detente.events.export import write_gdelt, write_plover

        out.mkdir(parents=True, exist_ok=True)
        rows = event_rows(store)
        return [write_gdelt(rows, out) if fmt == "gdelt" else write_plover(rows, out)]
    if fmt != "jsonl":
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    out.mkdir(parents=True, exist_ok=True)
    written = [_write_jsonl(out / "documents.jsonl", document_records(store))]
    for name, records in corpus_records(store).items():
        if records:  # the corpus stages have run
            written.append(_write_jsonl(out / f"{name}.jsonl", records))
    return written


def _write_jsonl(target: Path, records: Iterable[dict[str, Any]]) -> Path:
    partial = target.with_suffix(".jsonl.partial")
    with partial.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    partial.replace(target)  # readers never see a half-written export
    return target


def corpus_records(store: Store) -> dict[str, list[dict[str, Any]]]:
    """stories, cross-document events, weekly dyads and shifts, as the contract names them."""
    from detente.corpus.dyads import dyad_series

    def rows(sql: str) -> list[dict[str, Any]]:
        cur = store.con.cursor()
        cur.execute(sql)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    stories = rows(
        "SELECT s.story_id, s.headline, list(m.doc_id ORDER BY m.doc_id) AS doc_ids,"
        " s.first_seen, s.last_seen, s.sources, s.key_actors, s.key_events, s.n_docs"
        " FROM stories s JOIN story_members m USING (story_id)"
        " GROUP BY ALL ORDER BY s.first_seen, s.story_id"
    )
    events = rows(
        "SELECT event_id, story_id, source, target, cameo, root, codes, date, date_precision,"
        " goldstein, quad_class, n_sources, n_reports, sources, doc_ids, wire, disagreement"
        " FROM corroborated ORDER BY date, event_id"
    )
    dyads = [
        {
            "a": r["a"],
            "b": r["b"],
            "period": r["period"],
            "events": r["events"],
            "cooperation": r["cooperation"],
            "conflict": r["conflict"],
            "goldstein_sum": r["goldstein"],
            "material_cooperation": r["material_cooperation"],
            "material_conflict": r["material_conflict"],
        }
        for r in dyad_series(store, period="week")
    ]
    shifts = []
    for r in rows("SELECT a, b, period, measure, kind, value, baseline, z, events FROM shifts"):
        event_ids = json.loads(r.pop("events") or "[]")
        direction = "fall" if r["measure"] == "goldstein" else "rise"
        shifts.append({**r, "direction": direction, "score": r["z"], "event_ids": event_ids})
    return {"stories": stories, "events": events, "dyads": dyads, "shifts": shifts}


_EVENTS_SQL = """
SELECT e.doc_id, e.idx, e.source, e.target, e.source_name, e.target_name, e.source_person,
       e.target_person, e.cameo, e.root, e.quad_class, e.goldstein, e.plover_type, e.plover_mode,
       e.polarity, e.modality, e.background, e.speaker, e.date,
       CASE WHEN e.date IS NULL THEN NULL ELSE coalesce(e.date_precision, 'day') END
           AS date_precision, e.date_text, e.trigger,
       e.evidence_start, e.evidence_end, e.evidence_text, len(e.evidence_all) AS n_evidence,
       e.confidence, d.url, d.origin, d.source AS outlet, d.published, d.analysed_at
FROM events e JOIN documents d USING (doc_id)
ORDER BY d.ingested_at, e.doc_id, e.idx
"""


def event_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored event with its document's URL, outlet and dates, in ingestion order, as
    dicts keyed by column (streamed in chunks of 1,000): the rows the event formats write."""
    cur = store.con.cursor()
    cur.execute(_EVENTS_SQL)
    names = [c[0] for c in cur.description]
    while rows := cur.fetchmany(1000):
        for row in rows:
            yield dict(zip(names, row, strict=True))
