"""The REST API under /api: documents, actors, events, stories, dyads, the network, exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from detente.api.server import ApiError, ServerState, check_writer, etag_response
from detente.config import Settings
from detente.errors import InputError
from detente.ingest.dates import ambiguous_dates, date_order, parse_date
from detente.ingest.html import read_html
from detente.ingest.records import Item
from detente.model import RawDocument
from detente.outlets import Registry, registry_for
from detente.query import lookup
from detente.query import outlets as outlet_reads
from detente.query import reads as queries
from detente.query.explorer import outlets as outlets_with_events
from detente.query.explorer import pick_outlet
from detente.query.paging import BadQuery
from detente.query.periods import reversed_range
from detente.version import __version__

router = APIRouter(prefix="/api")

DOC_ID = r"^[0-9a-f]{6,64}$"
CODE = r"^[A-Z0-9]{2,24}$"
STORY_ID = r"^s-[0-9a-f]{1,40}$"  # a unique prefix will do
DocId = Annotated[str, Path(pattern=DOC_ID, description="a document id or a unique prefix")]
Code = Annotated[str, Path(pattern=CODE, description="an actor code, e.g. RUS or RUSGOV")]
Cursor = Annotated[str | None, Query(max_length=400, description="next_cursor of the last page")]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)]
Since = Annotated[date | None, Query(description="first day, inclusive (YYYY-MM-DD)")]
Until = Annotated[date | None, Query(description="last day, inclusive (YYYY-MM-DD)")]
ANY_CASE = r"^[A-Za-z0-9]{2,24}$"  # filters take codes in any case (gbr is GBR)
ActorFilter = Annotated[str | None, Query(pattern=ANY_CASE, description="actor code, any case")]
Period = Annotated[str, Query(pattern="^(day|week|month)$")]


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.detente
    return state


def _store(request: Request) -> Any:
    return _state(request).store


def resolve(request: Request, doc_id: str) -> str:
    found = queries.resolve_document(_store(request), doc_id)
    if found is None:
        raise ApiError(404, "not_found", f"no document {doc_id!r} (or the prefix is ambiguous)")
    return found


@router.get("/health", tags=["meta"])
def health(request: Request) -> dict[str, Any]:
    """Liveness, the version, and whether writes are possible."""
    state = _state(request)
    return {
        "status": "ok",
        "version": __version__,
        "database": state.config.db.name,
        "writable": not state.config.read_only,
        "token_required": bool(state.config.token),
    }


@router.get("/stats", tags=["meta"])
def stats(request: Request) -> Response:
    """Counts over the whole store."""
    return etag_response(request, queries.stats(_store(request)))


# ---- documents ---------------------------------------------------------------------------


@router.get("/documents", tags=["documents"])
def list_documents(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, description="full-text query")] = None,
    source: Annotated[str | None, Query(max_length=300)] = None,
    language: Annotated[str | None, Query(pattern="^[a-z]{2,3}$")] = None,
    status: Annotated[
        str | None, Query(pattern="^(pending|analysed|duplicate|not_analysed)$")
    ] = None,
    actor: ActorFilter = None,
    story: Annotated[str | None, Query(pattern=STORY_ID)] = None,
    since: Since = None,
    until: Until = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Response:
    """Documents, newest first; filter by source, language, status, actor, story, date or text."""
    if q:
        _state(request).refresh_index()
    page = queries.list_documents(
        _store(request), q=q, source=source, language=language, status=status,
        actor=actor.upper() if actor else None, story=story, since=since, until=until, cursor=cursor, limit=limit,
    )  # fmt: skip
    return etag_response(request, page.as_dict())


@router.get("/documents/{doc_id}", tags=["documents"])
def get_document(request: Request, doc_id: DocId) -> Response:
    """One document with its segments, mentions, events, quotes and signals."""
    record = queries.document(_store(request), resolve(request, doc_id))
    return etag_response(request, record)


class NewDocument(BaseModel):
    """Exactly one of text, html or url; the rest is optional metadata."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, min_length=1)
    html: str | None = Field(None, min_length=1)
    url: str | None = Field(None, pattern=r"^https?://", max_length=2000)
    title: str | None = Field(None, max_length=500)
    source: str | None = Field(None, max_length=300)
    published: str | None = Field(None, max_length=40, description="a date, e.g. 2024-06-19")
    locale: str | None = Field(
        None,
        max_length=35,
        pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$",
        description="the source's locale (en-GB, en-US, fr): the order of numeric dates",
    )

    @model_validator(mode="after")
    def one_body(self) -> NewDocument:
        given = [k for k in ("text", "html", "url") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


@router.post("/documents", tags=["documents"], status_code=201)
def post_document(request: Request, new: Annotated[NewDocument, Body()]) -> Response:
    """Analyse a text, an HTML page or a URL and store it; returns the analysis.

    Needs the API token when the server has one. URLs on private or loopback addresses are
    refused. Posting the same document again returns the stored analysis (200, not 201).
    """
    check_writer(request)
    record, created = analyse_posted(request, new)
    return etag_response(request, record, status=201 if created else 200)


def analyse_posted(request: Request, new: NewDocument) -> tuple[dict[str, Any], bool]:
    """Run the pipeline on one posted document; (its stored record, whether it is new)."""
    from detente.config import Settings
    from detente.pipeline import prepare_batch, run

    state = _state(request)
    settings = Settings.from_env(db=state.config.db, kb=state.config.kb)
    raw = _first_document(_posted_items(new, settings), new)
    prepared = prepare_batch([raw], settings)[0]
    if isinstance(prepared, InputError):
        raise ApiError(422, "bad_input", str(prepared))
    doc_id = prepared.doc_id
    with state.write_lock:
        existed = queries.resolve_document(state.store, doc_id) == doc_id
        if not existed:
            report = run([], settings, items=[raw])
            if report.errors:
                raise ApiError(422, "bad_input", "; ".join(r for _, r in report.errors))
            state.index_stale = True
    with state.gate.reading():
        record = queries.document(state.store, doc_id)
    if record is None:  # stored under another id: a near-duplicate's original
        raise ApiError(500, "server_error", f"document {doc_id} was not stored")
    return record, not existed


def _posted_items(new: NewDocument, settings: Any) -> Iterator[Item]:
    from detente.ingest.web import fetch_url

    origin = f"api:{new.source or 'posted'}"
    published = _published(new.published, new.locale)
    meta = {"title": new.title, "source": new.source, "published": published,
            "locale": new.locale}  # fmt: skip
    if new.url:
        for item in fetch_url(new.url, settings):
            if isinstance(item, RawDocument):
                item = item.model_copy(update={k: v for k, v in meta.items() if v})
            yield item
    elif new.html:
        page = read_html(new.html, origin)
        yield page.model_copy(update={k: v for k, v in meta.items() if v})
    else:
        yield RawDocument(origin=origin, text=new.text, title=new.title, source=new.source,
                          published=published, locale=new.locale)  # fmt: skip


def _published(value: str | None, locale: str | None) -> Any:
    """The posted publication date, read in `locale`; a 422 saying why when it cannot be."""
    if not value:
        return None
    published = parse_date(value, locale, quiet=True)
    if published is not None:
        return published
    unsettled = (
        f" (locale {locale!r} gives no date order)" if locale and not date_order(locale) else ""
    )
    for text, as_dmy, as_mdy in ambiguous_dates(value):
        raise ApiError(422, "bad_input",
                       f"published: {text!r} is ambiguous, day and month could be swapped"
                       f" ({_spelled(as_dmy)} or {_spelled(as_mdy)}){unsettled}: write it as an"
                       f" ISO date ({as_dmy.isoformat()}), or give the source's `locale`"
                       " (en-GB reads day first, en-US month first)")  # fmt: skip
    raise ApiError(422, "bad_input",
                   f"published: cannot read {value!r} as a day{unsettled}: write an ISO date"
                   " such as 2024-06-19 (a year or a month alone is not a day)")  # fmt: skip


def _spelled(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _first_document(items: Iterator[Item], new: NewDocument) -> RawDocument:
    for item in items:
        if isinstance(item, RawDocument):
            return item
        raise ApiError(422, "bad_input", str(item))
    raise ApiError(422, "bad_input", f"nothing to analyse at {new.url or 'the posted body'}")


# ---- actors, events, stories ---------------------------------------------------------------


@router.get("/actors", tags=["actors"])
def list_actors(
    request: Request,
    q: Annotated[str, Query(max_length=200, description="code or name")] = "",
    limit: Limit = 50,
) -> Response:
    """Actors by code or name (people's names find their offices), most mentioned first."""
    return etag_response(request, {"items": queries.search_actors(_store(request), q, limit)})


@router.get("/actors/{code}", tags=["actors"])
def get_actor(request: Request, code: Code, period: Period = "month") -> Response:
    """An actor's profile: office holders, mentions over time, counterparts, quotes."""
    profile = queries.actor_profile(_store(request), code, period)
    if profile is None:
        raise ApiError(404, "not_found", f"no actor {code!r} in the knowledge base")
    return etag_response(request, profile)


@router.get("/events", tags=["events"])
def list_events(
    request: Request,
    actor: ActorFilter = None,
    a: Annotated[str | None, Query(pattern=ANY_CASE, description="dyad: one side")] = None,
    b: Annotated[str | None, Query(pattern=ANY_CASE, description="dyad: the other side")] = None,
    root: Annotated[
        str | None, Query(pattern="^[0-9]{1,2}$", description="CAMEO root, 01-20 (5 means 05)")
    ] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    modality: Annotated[
        str | None, Query(pattern="^(factual|reported|intent|hypothetical|question|rumour)$")
    ] = None,
    polarity: Annotated[str | None, Query(pattern="^(asserted|negated)$")] = None,
    doc_id: Annotated[str | None, Query(pattern=DOC_ID)] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="a document's source")] = None,
    since: Since = None,
    until: Until = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Response:
    """Coded events, newest first, each with its evidence sentence. Actor codes in any case;
    an actor takes its sub-actors (GBR: GBRGOV, GBROPPCON); `outlet` is a document's source
    (any case; an unknown one is refused with the closest ones)."""
    if (a is None) != (b is None):
        raise ApiError(422, "invalid_request", "a dyad needs both a and b")
    if since and until and since > until:
        raise BadQuery(reversed_range(since, until))
    store = _store(request)
    page = queries.list_events(
        store, actor=actor.upper() if actor else None,
        dyad=(a.upper(), b.upper()) if a and b else None, root=lookup.normalise_root(root),
        quad_class=quad_class, modality=modality, polarity=polarity, doc_id=doc_id,
        outlet=pick_outlet(outlet or "", [o["outlet"] for o in outlets_with_events(store)]),
        since=since, until=until, cursor=cursor, limit=limit,
    )  # fmt: skip
    return etag_response(request, page.as_dict())


@router.get("/stories", tags=["stories"])
def list_stories(
    request: Request, actor: ActorFilter = None, cursor: Cursor = None, limit: Limit = 50
) -> Response:
    """Stories (the same happening across sources), most recent first."""
    code = actor.upper() if actor else None
    page = queries.list_stories(_store(request), actor=code, cursor=cursor, limit=limit)
    return etag_response(request, page.as_dict())


@router.get("/stories/{story_id}", tags=["stories"])
def get_story(request: Request, story_id: Annotated[str, Path(pattern=STORY_ID)]) -> Response:
    """A story with its documents and its corroborated events; a unique prefix of its id will do."""
    found = queries.story(
        _store(request), lookup.resolve_prefix(_store(request), "story", story_id)
    )
    if found is None:
        raise ApiError(404, "not_found", f"no story {story_id!r}")
    return etag_response(request, found)


@router.get("/dyads/{a}/{b}", tags=["dyads"])
def get_dyad(
    request: Request, a: Code, b: Code, period: Period = "week", since: Since = None
) -> Response:
    """Two actors' relations over time (rolled up to countries) and the shifts flagged.

    Two codes of one country (RUS and RUS, RUSGOV and RUS) are refused: a dyad is between two."""
    a, b = lookup.check_dyad(_store(request), a, b)
    return etag_response(request, queries.dyad(_store(request), a, b, period, since))


@router.get("/network", tags=["dyads"])
def get_network(
    request: Request, since: Since = None, until: Until = None, limit: Limit = 60
) -> Response:
    """The alignment graph: country pairs with event counts, cooperation and conflict."""
    return etag_response(request, queries.network(_store(request), since, until, limit))


@router.get("/shifts", tags=["dyads"])
def list_shifts(request: Request, actor: ActorFilter = None) -> Response:
    """Flagged shifts with the events behind each."""
    code = actor.upper() if actor else None
    return etag_response(request, {"items": queries.list_shifts(_store(request), code)})


# ---- outlets --------------------------------------------------------------------------------


def _registry() -> Registry:
    """The outlet registry with the user's files (`DETENTE_OUTLETS`) merged over it."""
    return registry_for(Settings.from_env().outlets)


@router.get("/outlets", tags=["outlets"])
def list_outlets(request: Request) -> Response:
    """Every outlet with stored documents (the registry's name, kind, country, owner group),
    most documents first, with counts of documents, undated ones and stories, and mean
    sensationalism (0..1) and tone (-1..1); `without_outlet` counts documents with none."""
    return etag_response(request, outlet_reads.list_outlets(_store(request), _registry()))


@router.get("/outlets/{name:path}", tags=["outlets"])
def get_outlet(
    request: Request, name: Annotated[str, Path(max_length=300)],
    period: Annotated[str, Query(pattern="^(week|month)$")] = "month",
) -> Response:  # fmt: skip
    """One outlet by its name, an alias or a domain (BBC, bbc.co.uk: BBC News): what it is,
    its documents per `period`, its stories and latest documents, mean sensationalism and
    tone. 404 for an outlet neither listed nor stored."""
    profile = outlet_reads.outlet_profile(_store(request), _registry(), name, period)
    if profile is None:
        raise ApiError(404, "not_found", f"no outlet {name[:80]!r}: GET /api/outlets lists them")
    return etag_response(request, profile)


# ---- exports ------------------------------------------------------------------------------


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    gdelt = "gdelt"
    plover = "plover"


_MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv", "gdelt": "text/tab-separated-values",
          "plover": "application/x-ndjson"}  # fmt: skip
_FILENAME = {"jsonl": "documents.jsonl", "csv": "events.csv", "gdelt": "events.gdelt.tsv",
             "plover": "events.plover.jsonl"}  # fmt: skip


@router.get("/export/{fmt}", tags=["exports"])
def export(request: Request, fmt: ExportFormat) -> StreamingResponse:
    """The store streamed: documents as JSONL (the export contract), events as CSV, GDELT or PLOVER."""
    store = _store(request)
    headers = {"Content-Disposition": f'attachment; filename="{_FILENAME[fmt.value]}"'}
    return StreamingResponse(_export_lines(store, fmt), media_type=_MEDIA[fmt.value],
                             headers=headers)  # fmt: skip


def _export_lines(store: Any, fmt: ExportFormat) -> Iterator[str]:
    from detente.actors.kb import load_kb
    from detente.events.export import gdelt_row, plover_record
    from detente.export import document_records, event_rows

    if fmt is ExportFormat.jsonl:
        for record in document_records(store):
            yield json.dumps(record, ensure_ascii=False, default=str) + "\n"
        return
    if fmt is ExportFormat.plover:
        for row in event_rows(store):
            if row["plover_type"]:
                yield json.dumps(plover_record(row), ensure_ascii=False, default=str) + "\n"
        return
    buffer = io.StringIO()
    tsv = fmt is ExportFormat.gdelt
    writer = (
        csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                   escapechar="\\")
        if tsv
        else csv.writer(buffer, lineterminator="\n")
    )  # fmt: skip
    kb = load_kb() if tsv else None
    for i, row in enumerate(event_rows(store)):
        if not tsv and i == 0:
            writer.writerow(row.keys())
        writer.writerow(gdelt_row(row, kb) if kb is not None else row.values())
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
