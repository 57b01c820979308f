"""A batch's rows for the store as Arrow tables: their schemas and the functions that build them.

They run wherever a batch was analysed (in analysis workers too), so that only columns, cheap
to pickle and to insert, travel to the process that writes; `Store` in `store.py` inserts them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

import pyarrow as pa

from detente.clean.dedup import band_keys
from detente.model import Analysis, Document

MEMBER_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("story_id", pa.string()), ("similarity", pa.float64()),
     ("anchors", pa.list_(pa.string())), ("score", pa.float64())]
)  # fmt: skip

_DOC_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("origin", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("title", pa.string()),
        ("published", pa.timestamp("us", tz="UTC")),
        ("published_from", pa.string()),
        ("language", pa.string()),
        ("language_confidence", pa.float64()),
        ("text", pa.string()),
        ("status", pa.string()),
        ("status_reason", pa.string()),
        ("duplicate_of", pa.string()),
        ("minhash", pa.list_(pa.int64())),
        ("ingested_at", pa.timestamp("us", tz="UTC")),
        ("run_id", pa.string()),
        ("analysed_at", pa.timestamp("us", tz="UTC")),
    ]
)


_EVIDENCE = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])
_EVENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()), ("idx", pa.int32()), ("segment", pa.int32()),
        ("source", pa.string()), ("target", pa.string()), ("source_name", pa.string()),
        ("target_name", pa.string()), ("source_person", pa.string()),
        ("target_person", pa.string()), ("cameo", pa.string()), ("root", pa.string()),
        ("quad_class", pa.int32()), ("goldstein", pa.float64()), ("plover_type", pa.string()),
        ("plover_mode", pa.string()), ("polarity", pa.string()), ("modality", pa.string()),
        ("background", pa.bool_()), ("speaker", pa.string()), ("date", pa.string()),
        ("date_text", pa.string()), ("trigger", pa.string()), ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()), ("evidence_text", pa.string()),
        ("evidence_all", pa.list_(_EVIDENCE)), ("confidence", pa.float64()),
        ("date_precision", pa.string()),
    ]
)  # fmt: skip
EVENT_COLUMNS = tuple(_EVENT_SCHEMA.names)


# ---- rows of a batch: pure functions, run wherever the batch was analysed -----------------------


def batch_tables(
    docs: Sequence[Document],
    analyses: dict[str, Analysis],
    run_id: str,
    now: datetime | None = None,
) -> dict[str, pa.Table]:
    """The rows a batch of new documents adds to each table, as Arrow tables.

    Analysis workers build them, so that only columns, cheap to pickle and to insert, travel
    to the process that writes; `Store.write_tables` inserts them in one transaction."""
    now = now or datetime.now(UTC)
    documents: dict[str, list[Any]] = {f.name: [] for f in _DOC_SCHEMA}
    for d in docs:
        values = d.model_dump(include=set(documents) - {"run_id", "analysed_at"})
        values["status"] = d.status.value
        values["run_id"] = run_id
        values["analysed_at"] = now if d.doc_id in analyses else None
        for key in documents:
            documents[key].append(values[key])
    segments: dict[str, list[Any]] = {
        k: []
        for k in ("doc_id", "idx", "kind", "start_char", "end_char", "author", "parent", "posted")
    }
    for d in docs:
        for i, seg in enumerate(d.segments):
            row = (d.doc_id, i, seg.kind.value, seg.start, seg.end, seg.author, seg.parent,
                   seg.posted)  # fmt: skip
            for k, v in zip(segments, row, strict=True):
                segments[k].append(v)
    bands: dict[str, list[Any]] = {"band": [], "key": [], "doc_id": []}
    for d in docs:
        if d.minhash is None or d.duplicate_of is not None:
            continue  # duplicates point at their original; only originals are matched against
        for band, band_key in enumerate(band_keys(d.minhash)):
            bands["band"].append(band)
            bands["key"].append(band_key)
            bands["doc_id"].append(d.doc_id)
    return {
        "documents": pa.table(documents, schema=_DOC_SCHEMA),
        "segments": pa.table(segments),
        "doc_bands": pa.table(bands, schema=_BAND_SCHEMA),
        **analysis_tables([analyses[d.doc_id] for d in docs if d.doc_id in analyses]),
    }


_BAND_SCHEMA = pa.schema([("band", pa.int16()), ("key", pa.int64()), ("doc_id", pa.string())])


def analysis_tables(analyses: Iterable[Analysis]) -> dict[str, pa.Table]:
    """The rows of the analysis tables for these analyses (empty tables included)."""
    analyses = list(analyses)
    tables = {
        "sentences": _rows(
            analyses, "sentences", idx=True, segment="segment", start_char="start",
            end_char="end", tokens="tokens", tone="tone",
        ),
        "entities": _rows(
            analyses, "entities", start_char="start", end_char="end", label="label", text="text"
        ),
        "mentions": _rows(
            analyses, "mentions", idx=True, segment="segment", start_char="start",
            end_char="end", text="text", actor_code="actor_code", actor_name="actor_name",
            person="person", method="method", confidence="confidence",
        ),
        "events": _event_rows(analyses),
        "quotes": _rows(
            analyses, "quotes", idx=True, segment="segment", start_char="start", end_char="end",
            text="text", kind="kind", speaker_text="speaker_text", speaker_code="speaker_code",
            speaker_name="speaker_name", speaker_person="speaker_person", verb="verb",
            speaker_confidence="speaker_confidence",
        ),
    }  # fmt: skip
    tables.update(_signal_rows(analyses))
    return tables


def _rows(analyses: Sequence[Analysis], attr: str, idx: bool = False, **fields: str) -> pa.Table:
    """One analysis table: doc_id, optionally idx, then column=record-field pairs."""
    names = ["doc_id", *(["idx"] if idx else []), *fields]
    get = attrgetter(*fields.values())  # every field of a record at once, as a tuple
    rows: list[tuple[Any, ...]] = []
    for a in analyses:
        for i, record in enumerate(getattr(a, attr)):
            values = get(record) if len(fields) > 1 else (get(record),)
            rows.append((a.doc_id, i, *values) if idx else (a.doc_id, *values))
    if not rows:
        return pa.table({name: [] for name in names})
    return pa.table(
        {name: list(column) for name, column in zip(names, zip(*rows, strict=True), strict=True)}
    )


def _event_rows(analyses: Sequence[Analysis]) -> pa.Table:
    columns: dict[str, list[Any]] = {c: [] for c in EVENT_COLUMNS}
    for a in analyses:
        for i, e in enumerate(a.events):
            row = e.model_dump(exclude={"evidence", "evidence_all"})
            row.update(
                doc_id=a.doc_id,
                idx=i,
                evidence_start=e.evidence.start,
                evidence_end=e.evidence.end,
                evidence_text=e.evidence.text,
                evidence_all=[ev.model_dump() for ev in e.evidence_all],
            )
            for column in columns:
                columns[column].append(row[column])
    return pa.table(columns, schema=_EVENT_SCHEMA)


def _signal_rows(analyses: Sequence[Analysis]) -> dict[str, pa.Table]:
    signals: dict[str, list[Any]] = {
        k: [] for k in ("doc_id", "tone", "sensationalism", "comments", "removed", "data")
    }
    stances: dict[str, list[Any]] = {
        k: [] for k in ("doc_id", "segment", "actor_code", "stance", "score", "cues")
    }
    for a in analyses:
        if a.signals is None:
            continue
        s = a.signals
        row = (a.doc_id, s.tone, s.sensationalism.score, s.thread.comments,
               s.thread.removed, s.model_dump_json())  # fmt: skip
        for key, value in zip(signals, row, strict=True):
            signals[key].append(value)
        for st in s.thread.stances:
            cells = (a.doc_id, st.segment, st.actor_code, st.stance, st.score, st.cues)
            for column, cell in zip(stances, cells, strict=True):
                stances[column].append(cell)
    return {"signals": pa.table(signals), "stances": pa.table(stances)}
