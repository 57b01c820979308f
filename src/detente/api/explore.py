"""Downloads and JSON behind the analyst's views: the explorer's events as CSV or JSONL (the
same query string as the page, so a download holds exactly what is shown), attention over time
and tone over time as JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from detente.api.server import ServerState, etag_response
from detente.query import attention as attention_reads
from detente.query import explorer, tone
from detente.query.paging import MAX_LIMIT, BadQuery
from detente.query.periods import check_period

router = APIRouter(prefix="/api/explore", tags=["views"])
Text = Annotated[str, Query(max_length=200)]


class Format(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


class TableFormat(StrEnum):
    json = "json"
    csv = "csv"


def _store(request: Request) -> Any:
    state: ServerState = request.app.state.detente
    return state.store


def _csv(rows: Iterable[dict[str, Any]], columns: Iterable[str]) -> Iterator[str]:
    """CSV text, a header line first, one chunk per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = list(columns)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row[c] for c in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _download(lines: Iterable[str], fmt: str, name: str) -> StreamingResponse:
    media = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}[fmt]
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    return StreamingResponse(iter(lines), media_type=media, headers=headers)


@router.get("/events.{fmt}")
def download_events(
    request: Request,
    fmt: Format,
    actor: Text = "",
    a: Text = "",
    b: Text = "",
    root: Text = "",
    quad: Text = "",
    modality: Text = "",
    polarity: Text = "",
    outlet: Text = "",
    since: Text = "",
    until: Text = "",
    cursor: Annotated[str, Query(max_length=400)] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    all: Annotated[bool, Query(description="every page (up to 10,000 events)")] = False,
) -> StreamingResponse:
    """The events explorer's events (/events with the same query string): the page shown
    (`cursor`, `limit`), or with `all` every page, as CSV or JSON lines with names beside
    codes. Unknown filters answer 400 (404 for an unknown actor) with the reason."""
    store = _store(request)
    filters = explorer.read_filters(store, request.query_params)
    if all:
        events = list(explorer.every_event(store, filters))
    else:
        events = explorer.explore(store, filters, cursor or None, limit).items
    rows = explorer.download_rows(store, events)
    if fmt is Format.csv:
        return _download(_csv(rows, explorer.DOWNLOAD_COLUMNS), "csv", "events")
    lines = (json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)
    return _download(lines, "jsonl", "events")


@router.get("/attention")
def get_attention(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    since: Text = "",
    until: Text = "",
    period: Text = "",
    format: TableFormat = TableFormat.json,
) -> Response:
    """Documents matching the full-text search `q` per period, as a share of all stored
    documents in each period (`share` 0..1, null where nothing is stored), with the top actors
    and terms; `format=csv` gives the series (period, matches, total, share) and the undated
    documents as a last row."""
    first = explorer.read_day(since, "since")
    last = explorer.read_day(until, "until")
    data = attention_reads.attention(_store(request), q, first, last, check_period(period))
    if format is TableFormat.json:
        return etag_response(request, data)
    rows = [{"period": r["period"].isoformat(), "matches": r["matches"], "total": r["total"],
             "share": "" if r["share"] is None else round(r["share"], 6)} for r in data["series"]]  # fmt: skip
    undated = data["undated"]
    if undated["total"]:
        share = round(undated["matches"] / undated["total"], 6)
        rows.append({"period": "undated", **undated, "share": share})
    return _download(_csv(rows, ("period", "matches", "total", "share")), "csv", "attention")


@router.get("/attention/documents.csv")
def attention_documents(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    since: Text = "",
    until: Text = "",
) -> StreamingResponse:
    """Every document matching `q` in the range (up to 10,000), best first, as CSV."""
    first = explorer.read_day(since, "since")
    last = explorer.read_day(until, "until")
    rows = attention_reads.every_match(_store(request), q, first, last)
    columns = ("doc_id", "title", "source", "url", "published", "score")
    return _download(_csv(rows, columns), "csv", "attention-documents")


@router.get("/tone")
def get_tone(
    request: Request,
    actor: Text = "",
    a: Text = "",
    b: Text = "",
    outlet: Text = "",
    since: Text = "",
    until: Text = "",
    period: Text = "",
    format: TableFormat = TableFormat.json,
) -> Response:
    """Tone over time toward `actor`, toward each side of the dyad `a`/`b`, or of the
    documents of `outlet`: per week or month, the mean tone (-1..1, null in a gap) and the
    documents behind it; undated documents apart. `format=csv` gives one row per series and
    period."""
    store = _store(request)
    subject = tone.read_subject(store, request.query_params)
    if not any((subject["actor"], subject["pair"], subject["outlet"])):
        raise BadQuery("choose an actor, two actors (a and b) or an outlet")
    data = tone.tone_over_time(store, **subject)
    if format is TableFormat.json:
        return etag_response(request, data)
    rows = [
        {"series": s["title"], "period": p["period"].isoformat(), "tone": p["tone"],
         "documents": p["documents"]}
        for s in data["series"] for p in s["points"]
    ] + [{"series": s["title"], "period": "undated", **s["undated"]} for s in data["series"]]  # fmt: skip
    return _download(_csv(rows, ("series", "period", "tone", "documents")), "csv", "tone")
