"""Pages about outlets and watching: the outlets index, an outlet's coverage over time, a story's
coverage across outlets (a section of the story page), and the watched sources with their
health, the alert rules and the alerts raised."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from detente.api.server import ApiError, ServerState
from detente.config import Settings
from detente.errors import DetenteError
from detente.outlets import Registry, registry_for
from detente.query import outlets as outlet_reads
from detente.query import watching
from detente.web import charts
from detente.web.pages import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def registry() -> Registry:
    """Our outlet registry with the user's files (`DETENTE_OUTLETS`) merged over it."""
    return registry_for(Settings.from_env().outlets)


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.detente
    return state


@router.get("/outlets")
def outlets_page(request: Request) -> Response:
    found = outlet_reads.list_outlets(_state(request).store, registry())
    return render(request, "outlets.html", outlets=found["outlets"],
                  without_outlet=found["without_outlet"])  # fmt: skip


@router.get("/outlet/{name:path}")
def outlet_page(request: Request, name: str, period: str = "month") -> Response:
    """An outlet's coverage over time. An alias or domain of a listed outlet redirects to the
    outlet's own name (/outlet/BBC → /outlet/BBC%20News); a period other than week or month
    shows months with the reason (400)."""
    outlets = registry()
    canonical = outlet_reads.canonical_name(outlets, name[:300])
    if canonical != name:
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/outlet/{quote(canonical, safe='')}{query}", status_code=308)
    problem = ""
    if period not in outlet_reads.PERIODS:
        problem = f"period {period[:20]!r}: choose week or month; showing months"
        period = "month"
    profile = outlet_reads.outlet_profile(_state(request).store, outlets, name[:300], period)
    if profile is None:
        raise ApiError(404, "not_found", f"no outlet {name[:80]!r}: see /outlets for the list")
    label = f"documents per {period}"
    chart = charts.period_chart(profile["timeline"], "documents", period, label)
    return render(request, "outlet.html", status=400 if problem else 200, outlet=profile,
                  chart=chart, problem=problem)  # fmt: skip


@router.get("/watch")
def watch_page(request: Request, rule: str = "") -> Response:
    state = _state(request)
    try:
        rules = watching.alert_rules(state.store, state.config.rules)
        problem = ""
    except DetenteError as exc:  # the rules file changed on disk since serve started
        rules, problem = watching.alert_rules(state.store, None), str(exc)
    return render(request, "watch.html", sources=watching.watched_sources(state.store),
                  rules=rules, alerts=watching.raised_alerts(state.store, rule[:200] or None),
                  rule=rule[:200], problem=problem, watching=state.config.watch is not None)  # fmt: skip


def coverage_of(request: Request, story: dict[str, Any]) -> dict[str, Any]:
    """The story page's coverage section: each outlet's article side by side."""
    return outlet_reads.story_coverage(_state(request).store, registry(), story["story_id"])
