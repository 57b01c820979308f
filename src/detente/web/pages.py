"""The web UI: server-rendered pages over the same read model as the REST API."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from detente.api.server import ApiError, ServerState, check_writer
from detente.events.display import event_date_of
from detente.query import lookup
from detente.query import reads as queries
from detente.query.event_reads import dyad_events
from detente.query.explorer import read_day
from detente.query.lookup import cameo_name
from detente.query.paging import BadQuery
from detente.query.periods import check_range
from detente.version import __version__
from detente.web import charts
from detente.web.highlight import document_marks, highlight

HERE = Path(__file__).parent
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)
_env.filters["event_date"] = event_date_of  # "2024-03", "week of 2024-03-04", "undated"


def counted(n: int, word: str) -> str:
    """'1 document', '2 documents': a count with its noun in the right number."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


_env.filters["counted"] = counted  # {{ n|counted('document') }}
_NAMES: ContextVar[dict[str, str] | None] = ContextVar("actor_names", default=None)
_env.globals["actor_name"] = lambda code: (_NAMES.get() or {}).get(code, "")  # set by render()
_env.globals["cameo_name"] = cameo_name
templates = Jinja2Templates(env=_env)
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

CODE = r"^[A-Z0-9]{2,24}$"


def mount_web(app: FastAPI) -> None:
    from detente.web.explore import router as views  # events, attention, tone (renders here)
    from detente.web.outlets import router as outlet_views  # outlets, coverage, watch

    app.include_router(router)
    app.include_router(views)
    app.include_router(outlet_views)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")


def _store(request: Request) -> Any:
    state: ServerState = request.app.state.detente
    return state.store


def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    state: ServerState = request.app.state.detente
    for key in ("problem", "message"):  # a refusal names the store by its file name only
        if isinstance(context.get(key), str):
            context[key] = without_db_path(context[key], state.config.db)
    context.update(version=__version__, db=state.config.db.name,
                   token_required=bool(state.config.token))  # fmt: skip
    _NAMES.set(state.actor_names())  # the template renders in this thread, right below
    return templates.TemplateResponse(request, template, context, status_code=status)


def without_db_path(message: str, db: Path) -> str:
    """`message` with the store's path (as configured, or resolved) shortened to its file
    name: a web page does not tell the world where the server keeps its database."""
    for spelled in sorted({str(db), str(Path(db).resolve())}, key=len, reverse=True):
        message = message.replace(spelled, db.name)
    return message


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status=status, status_code=status, message=message)


@router.get("/")
def home(request: Request) -> Response:
    store = _store(request)
    return render(
        request,
        "home.html",
        stats=queries.stats(store),
        stories=queries.list_stories(store, limit=8).items,
        documents=queries.list_documents(store, limit=10).items,
        actors=queries.search_actors(store, "", limit=12),
    )


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """The REST API reference, rendered from the app's own OpenAPI schema (no script)."""
    from detente.web.apidocs import operations

    schema = request.app.openapi()
    return render(request, "api_docs.html", operations=operations(schema),
                  title=schema["info"]["title"], api_version=schema["info"]["version"])  # fmt: skip


@router.get("/doc/{doc_id}")
def document_page(request: Request, doc_id: str) -> Response:
    store = _store(request)
    found = queries.resolve_document(store, doc_id) if _is_doc_id(doc_id) else None
    record = queries.document(store, found) if found else None
    if record is None:
        raise ApiError(404, "not_found", f"no document {doc_id!r}")
    marks = document_marks(record)
    text = record["text"]
    segments = [
        {**s, "html": highlight(text, s["start"], s["end"], marks)} for s in record["segments"]
    ]
    return render(request, "document.html", doc=record, segments=segments)


def _is_doc_id(value: str) -> bool:
    return 6 <= len(value) <= 64 and all(c in "0123456789abcdef" for c in value)


@router.get("/actor/{code}")
def actor_page(request: Request, code: str) -> Response:
    if _is_code(code.upper()) and code != code.upper():  # /actor/chn → /actor/CHN
        return RedirectResponse(f"/actor/{code.upper()}", status_code=308)
    profile = queries.actor_profile(_store(request), code) if _is_code(code) else None
    if profile is None:
        lookup.check_actor(_store(request), code)  # NotFound with the closest codes
        raise ApiError(404, "not_found", f"no actor {code!r} in the knowledge base")
    chart = charts.count_chart(profile["mentions_over_time"], "mentions", "mentions per month")
    events = queries.list_events(_store(request), actor=code, limit=20).items
    return render(request, "actor.html", actor=profile, chart=chart, events=events)


def _is_code(value: str) -> bool:
    return 2 <= len(value) <= 24 and value.isalnum() and value.upper() == value


@router.get("/dyad/{a}/{b}")
def dyad_page(request: Request, a: str, b: str, since: str = "") -> Response:
    if _is_code(a.upper()) and _is_code(b.upper()) and (a, b) != (a.upper(), b.upper()):
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/dyad/{a.upper()}/{b.upper()}{query}", status_code=308)
    if not (_is_code(a) and _is_code(b)):
        raise ApiError(404, "not_found", "a dyad is two actor codes, e.g. /dyad/PRK/RUS")
    since_day = _day(since, "since")
    lookup.check_dyad(_store(request), a, b)
    countries = (queries.country_of(_store(request), a), queries.country_of(_store(request), b))
    if countries != (a, b):  # the alignment graph is between countries
        query = f"?since={since_day.isoformat()}" if since_day else ""
        return RedirectResponse(f"/dyad/{countries[0]}/{countries[1]}{query}", status_code=307)
    data = queries.dyad(_store(request), a, b, since=since_day)
    events = dyad_events(_store(request), a, b, since=since_day)  # the chart's own events
    chart = charts.dyad_chart(data["series"], data["shifts"])
    return render(request, "dyad.html", dyad=data, chart=chart, events=events,
                  since=charts.iso(since_day))  # fmt: skip


@router.get("/network")
def network_page(
    request: Request, since: Annotated[str, Query(max_length=200)] = "",
    until: Annotated[str, Query(max_length=200)] = "",
) -> Response:  # fmt: skip
    """The alignment graph between two days; a bad or reversed range keeps the form and says
    why (400), as every view does."""
    form = {"since": since.strip()[:40], "until": until.strip()[:40]}
    try:
        first, last = read_day(since, "since"), read_day(until, "until")
        check_range(first, last)
    except BadQuery as exc:
        return render(request, "network.html", status=400, graph="", edges=[], problem=str(exc),
                      **form)  # fmt: skip
    data = queries.network(_store(request), first, last)
    return render(request, "network.html", graph=charts.network_svg(data["nodes"], data["edges"]),
                  edges=data["edges"], since=charts.iso(first), until=charts.iso(last),
                  problem="")  # fmt: skip


def _day(value: str, name: str) -> date | None:
    """A date from a form field; empty means none."""
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ApiError(
            422, "invalid_request", f"{name}: {value[:40]!r} is not a date (YYYY-MM-DD)"
        ) from None


@router.get("/story/{story_id}")
def story_page(request: Request, story_id: str) -> Response:
    if len(story_id) >= 48:
        raise ApiError(404, "not_found", f"no story {story_id[:48]!r}")
    found = queries.story(
        _store(request), lookup.resolve_prefix(_store(request), "story", story_id)
    )
    if found is None:
        raise ApiError(404, "not_found", f"no story {story_id!r}")
    from detente.web.outlets import coverage_of  # coverage across outlets (web/outlets.py)

    return render(request, "story.html", story=found, coverage=coverage_of(request, found))


@router.get("/search")
def search_page(request: Request, q: Annotated[str, Query(max_length=500)] = "") -> Response:
    documents: list[dict[str, Any]] = []
    actors: list[dict[str, Any]] = []
    if q.strip():
        request.app.state.detente.refresh_index()
        documents = queries.search(_store(request), q)
        actors = [a for a in queries.search_actors(_store(request), q, 20) if a["mentions"]]
    return render(request, "search.html", q=q, documents=documents, actors=actors)


@router.get("/paste")
def paste_form(request: Request) -> Response:
    return render(request, "paste.html", message="", form={})


@router.post("/paste")
def paste_submit(
    request: Request,
    text: Annotated[str, Form(max_length=1_000_000)] = "",
    title: Annotated[str, Form(max_length=500)] = "",
    source: Annotated[str, Form(max_length=300)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
    token: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    from detente.api.routes import NewDocument, analyse_posted

    form = {"text": text, "title": title, "source": source, "published": published}
    try:
        check_writer(request, form_token=token)
        new = NewDocument.model_validate(
            {"text": text.strip() or None, "title": title or None, "source": source or None,
             "published": published or None}
        )  # fmt: skip
        record, _ = analyse_posted(request, new)
    except ApiError as exc:
        return render(request, "paste.html", status=exc.status_code, message=exc.detail, form=form)
    except ValueError as exc:
        return render(request, "paste.html", status=422, message=_first_problem(exc), form=form)
    return RedirectResponse(f"/doc/{record['doc_id']}", status_code=303)


def _first_problem(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        found = errors()
        if found:
            return str(found[0].get("msg", exc))
    return str(exc)
