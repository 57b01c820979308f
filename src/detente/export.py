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

_DOCUMENTS_SQL = """
SELECT d.doc_id, d.origin, d.url, d.source, d.title, d.published, d.language,
       d.language_confidence, d.status, d.status_reason, d.text, d.duplicate_of,
       coalesce((SELECT list(struct_pack(kind := s.kind, "start" := s.start_char,
                                         "end" := s.end_char, author := s.author,
                                         parent := s.parent) ORDER BY s.idx)
                 FROM segments s WHERE s.doc_id = d.doc_id), []) AS segments,
       coalesce((SELECT list(struct_pack("start" := t.start_char, "end" := t.end_char,
                                         segment := t.segment) ORDER BY t.idx)
                 FROM sentences t WHERE t.doc_id = d.doc_id), []) AS sentences,
       coalesce((SELECT list(struct_pack("start" := e.start_char, "end" := e.end_char,
                                         label := e.label, text := e.text) ORDER BY e.start_char)
                 FROM entities e WHERE e.doc_id = d.doc_id), []) AS entities,
       coalesce((SELECT list(struct_pack("start" := m.start_char, "end" := m.end_char,
                                         text := m.text, actor_code := m.actor_code,
                                         actor_name := m.actor_name, person := m.person,
                                         method := m.method, confidence := m.confidence,
                                         segment := m.segment) ORDER BY m.idx)
                 FROM mentions m WHERE m.doc_id = d.doc_id), []) AS mentions,
       coalesce((SELECT list(struct_pack(source := v.source, target := v.target,
                                         cameo := v.cameo, root := v.root,
                                         quad_class := v.quad_class, goldstein := v.goldstein,
                                         plover_type := v.plover_type,
                                         plover_mode := v.plover_mode, polarity := v.polarity,
                                         modality := v.modality,
                                         date := strftime(v.date, '%Y-%m-%d'),
                                         evidence := struct_pack("start" := v.evidence_start,
                                                                 "end" := v.evidence_end,
                                                                 text := v.evidence_text),
                                         confidence := v.confidence,
                                         source_name := v.source_name,
                                         target_name := v.target_name,
                                         source_person := v.source_person,
                                         target_person := v.target_person,
                                         background := v.background, speaker := v.speaker,
                                         date_text := v.date_text, trigger := v.trigger,
                                         evidence_all := v.evidence_all,
                                         segment := v.segment) ORDER BY v.idx)
                 FROM events v WHERE v.doc_id = d.doc_id), []) AS events,
       coalesce((SELECT list(struct_pack(text := q.text, kind := q.kind,
                                         speaker_text := q.speaker_text,
                                         speaker_code := q.speaker_code,
                                         "start" := q.start_char, "end" := q.end_char,
                                         speaker_name := q.speaker_name,
                                         speaker_person := q.speaker_person, verb := q.verb,
                                         segment := q.segment) ORDER BY q.idx)
                 FROM quotes q WHERE q.doc_id = d.doc_id), []) AS quotes,
       (SELECT s.data FROM signals s WHERE s.doc_id = d.doc_id) AS signals,
       (SELECT m.story_id FROM story_members m WHERE m.doc_id = d.doc_id) AS story_id
FROM documents d
{where}
ORDER BY d.ingested_at, d.doc_id
"""


def document_records(store: Store, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
    """One contract-shaped record per stored document (or just `doc_id`), streamed in chunks."""
    cur = store.con.cursor()
    if doc_id is None:
        cur.execute(_DOCUMENTS_SQL.format(where=""))
    else:
        cur.execute(_DOCUMENTS_SQL.format(where="WHERE d.doc_id = ?"), [doc_id])
    names = [c[0] for c in cur.description]
    while rows := cur.fetchmany(_CHUNK):
        for row in rows:
            yield _to_record(dict(zip(names, row, strict=True)))


def _to_record(row: dict[str, Any]) -> dict[str, Any]:
    text: str = row["text"]
    segments = [{**s, "text": text[s["start"] : s["end"]]} for s in row.pop("segments")]
    published: datetime | None = row["published"]
    comments = sum(1 for s in segments if s["kind"] in ("comment", "removed_comment"))
    removed = sum(1 for s in segments if s["kind"] == "removed_comment")
    stored = row.pop("signals")
    signals: dict[str, Any] = json.loads(stored) if stored else {}
    thread = signals.get("thread") or {"stances": []}
    thread.update(comments=comments, removed=removed)  # counted for every stored document
    signals["thread"] = thread
    return {
        **row,
        "published": published.isoformat() if published else None,
        "segments": segments,
        "signals": signals,
    }


def export(store: Store, fmt: str, out: Path) -> list[Path]:
    """Write the store in `fmt` under `out`; returns the files written."""
    if fmt == "parquet":
        return store.export_parquet(out)
    if fmt in ("gdelt", "plover"):
        from detente.events.export import export_gdelt, export_plover

        out.mkdir(parents=True, exist_ok=True)
        return [export_gdelt(store, out) if fmt == "gdelt" else export_plover(store, out)]
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
        "SELECT event_id, story_id, source, target, cameo, root, codes, date, goldstein,"
        " quad_class, n_sources, n_reports, sources, doc_ids, wire, disagreement"
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
