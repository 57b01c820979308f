"""The analyst's views: the events explorer, attention over time for a search, and tone over
time for an actor, a dyad or an outlet. Every read is in `detente.query` (explorer, attention,
tone); the downloads are REST endpoints (`api/explore.py`) that take the same query string."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from detente.api.server import ServerState
from detente.errors import DetenteError
from detente.events.cameo import QUAD_NAMES
from detente.query import attention as attention_reads
from detente.query import explorer, lookup, tone
from detente.query.lookup import NotFound
from detente.query.paging import BadQuery
from detente.query.periods import check_period, check_range
from detente.web import charts
from detente.web.pages import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Text = Annotated[str, Query(max_length=200)]


def _store(request: Request) -> Any:
    state: ServerState = request.app.state.detente
    return state.store


def _refusal(exc: DetenteError) -> int:
    """The status of a page whose input was refused: 404 for an unknown actor, else 400."""
    return 404 if isinstance(exc, NotFound) else 400


def query_string(values: dict[str, Any]) -> str:
    """The non-empty values as a URL query string (for links that keep the filters)."""
    return urlencode({k: v for k, v in values.items() if v not in (None, "")})


# ---- the events explorer ---------------------------------------------------------------------


@router.get("/events")
def events_page(
    request: Request,
    cursor: Annotated[str, Query(max_length=400)] = "",
    limit: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    """Coded events filtered by actor, dyad, root, quad class, modality, polarity, outlet and
    days, with how many there are in all; a refused filter or page size renders the form
    with the reason (400, or 404 for an actor)."""
    store = _store(request)
    form = {k: request.query_params.get(k, "").strip() for k in explorer.FILTER_KEYS}
    context: dict[str, Any] = {
        "form": form, "roots": lookup.cameo_roots(), "quads": QUAD_NAMES,
        "modalities": explorer.modalities(), "polarities": explorer.polarities(),
        "outlets": explorer.outlets(store), "events": [], "problem": "", "filters": None,
        "cursor": cursor, "limit": 50, "next_link": "", "downloads": {}, "total": 0,
    }  # fmt: skip
    try:
        size = context["limit"] = explorer.read_limit(limit)
        filters = explorer.read_filters(store, request.query_params)
        page = explorer.explore(store, filters, cursor or None, size)
        context["total"] = explorer.count(store, filters)
    except (BadQuery, NotFound) as exc:
        context["problem"] = str(exc)
        return render(request, "events.html", status=_refusal(exc), **context)
    shown = query_string({**form, "limit": size if size != 50 else ""})
    here = query_string({**form, "cursor": cursor, "limit": size})
    context.update(events=page.items, filters=filters, shown=shown)
    if page.next_cursor:
        context["next_link"] = f"/events?{query_string({**form, 'cursor': page.next_cursor, 'limit': size})}"  # fmt: skip
    context["downloads"] = {
        f"{fmt} of this page": f"/api/explore/events.{fmt}?{here}" for fmt in ("csv", "jsonl")
    } | {f"{fmt} of every page": f"/api/explore/events.{fmt}?{shown}&all=1" for fmt in ("csv", "jsonl")}  # fmt: skip
    return render(request, "events.html", **context)


# ---- attention over time ---------------------------------------------------------------------


@router.get("/attention")
def attention_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    since: Text = "",
    until: Text = "",
    period: Text = "",
    measure: Text = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    """Documents matching a search per day, week or month, charted as a share of all stored
    (`measure=share`, the default) or as raw counts (`measure=count`), the counts and shares
    side by side below, with top actors and terms and the matches page by page."""
    store = _store(request)
    form = {"q": q.strip(), "since": since.strip(), "until": until.strip(),
            "period": period.strip(), "measure": "count" if measure.strip() == "count" else ""}  # fmt: skip
    context: dict[str, Any] = {"form": form, "q": q, "problem": "", "data": None,
                               "results": None, "chart": ""}  # fmt: skip
    if not form["q"]:
        return render(request, "attention.html", **context)
    try:
        first = explorer.read_day(since, "since")
        last = explorer.read_day(until, "until")
        check_range(first, last)
        data = attention_reads.attention(store, form["q"], first, last, check_period(period))
        results = attention_reads.matching_documents(store, form["q"], first, last, page)
    except BadQuery as exc:
        return render(request, "attention.html", status=400, **context | {"problem": str(exc)})
    shown = query_string(form)
    draw = charts.match_count_chart if form["measure"] == "count" else charts.share_chart
    context.update(data=data, results=results, chart=draw(data["series"]),
                   shown=shown, page_link=f"/attention?{shown}&page=")  # fmt: skip
    return render(request, "attention.html", **context)


# ---- tone over time --------------------------------------------------------------------------


@router.get("/actor/{code}/tone")
def actor_tone(code: str) -> Response:
    """An actor's tone over time is the tone view for that actor."""
    return RedirectResponse(f"/tone?{urlencode({'actor': code.upper()})}", status_code=307)


@router.get("/tone")
def tone_page(
    request: Request,
    actor: Text = "",
    a: Text = "",
    b: Text = "",
    outlet: Text = "",
    since: Text = "",
    until: Text = "",
    period: Text = "",
) -> Response:
    """Tone toward an actor, toward both sides of a dyad, or of an outlet's documents, per week
    or month with the documents behind each point; undated documents averaged apart."""
    store = _store(request)
    form = {"actor": actor.strip(), "a": a.strip(), "b": b.strip(), "outlet": outlet.strip(),
            "since": since.strip(), "until": until.strip(), "period": period.strip()}  # fmt: skip
    context: dict[str, Any] = {"form": form, "problem": "", "data": None, "charts": [],
                               "outlets": tone.outlets(store)}  # fmt: skip
    if not any(form[k] for k in ("actor", "a", "b", "outlet")):
        return render(request, "tone.html", **context)
    try:
        data = tone.tone_over_time(store, **tone.read_subject(store, form))
    except (BadQuery, NotFound) as exc:
        return render(request, "tone.html", status=_refusal(exc), **context | {"problem": str(exc)})
    charts_ = [charts.tone_chart(s["points"], f"tone {s['title']}") for s in data["series"]]
    context.update(data=data, charts=charts_, shown=query_string(form))
    return render(request, "tone.html", **context)
