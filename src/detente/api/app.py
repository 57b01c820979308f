"""The `detente serve` application: one process that owns the store, with the REST API and the web UI.

Secure by default: reads are open on localhost; writes need `DETENTE_API_TOKEN` (sent as a bearer
token) and are refused outright on a non-loopback bind without one; request bodies are capped;
cross-origin form posts and foreign Host headers (DNS rebinding) are refused; every response
carries a strict Content-Security-Policy, so even a missed escape could not run a script.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente.api.gate import StoreBusy, StoreGate
from detente.api.server import (
    ApiError,
    ServeConfig,
    ServerState,
    check_writer,
    error_body,
    etag_response,
    is_loopback,
)
from detente.errors import DetenteError, InputError
from detente.query.lookup import NotFound
from detente.query.paging import BadQuery
from detente.store import Store
from detente.version import __version__

# what callers imported from here before `api/server.py` (the CLI's serve: ServeConfig)
__all__ = ["ApiError", "ServeConfig", "ServerState", "check_writer", "create_app",
           "etag_response", "is_loopback"]  # fmt: skip

log = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class Guard:
    """ASGI middleware: body size cap, same-origin writes, security headers on every response."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        refusal = self._refusal(scope, headers)
        if refusal:
            await _send_error(send, *refusal)
            return
        received = 0
        started = False

        async def capped_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise _TooLarge
            return message

        async def secured_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *_SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, capped_receive, secured_send)
        except _TooLarge:
            if not started:
                await _send_error(send, 413, "too_large", self._too_large())

    def _refusal(self, scope: Scope, headers: dict[bytes, bytes]) -> tuple[int, str, str] | None:
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_body:
            return 413, "too_large", self._too_large()
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get(b"origin", b"").decode("latin-1")
            host = headers.get(b"host", b"").decode("latin-1")
            if origin and origin != "null" and origin.split("://", 1)[-1] != host:
                return 403, "cross_origin", f"cross-origin write from {origin} refused"
            if origin == "null":
                return 403, "cross_origin", "cross-origin write from an opaque origin refused"
        return None

    def _too_large(self) -> str:
        return f"request body over the limit of {self.max_body:,} bytes"


class ReadShare:
    """ASGI middleware: a read request holds the store's current connection until its last
    byte is sent, so a write swaps the connection only between reads (see `api.gate`)."""

    def __init__(self, app: ASGIApp, gate: StoreGate) -> None:
        self.app, self.gate = app, gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        share = self.gate.reading()
        await asyncio.to_thread(share.__enter__)
        try:
            await self.app(scope, receive, send)
        finally:
            share.__exit__(None, None, None)


class _TooLarge(Exception):
    pass


async def _send_error(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps(error_body(status, code, message)).encode()
    headers = [(b"content-type", b"application/json"), *_SECURITY_HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.url.path != "/openapi.json"


def _install_error_handlers(app: FastAPI) -> None:
    from detente.web.pages import error_page

    def render(request: Request, status: int, code: str, message: str, **extra: Any) -> Response:
        if _wants_html(request):
            return error_page(request, status, message)
        return JSONResponse(error_body(status, code, message, **extra), status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        code = getattr(exc, "code", None) or HTTPStatus(exc.status_code).phrase.lower()
        return render(request, exc.status_code, code.replace(" ", "_"), str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
            for e in exc.errors()
        ]
        message = "; ".join(f"{p['where']}: {p['problem']}" for p in problems[:5])
        # a page names a field as its form does: "limit", not "query.limit"
        if _wants_html(request):
            message = "; ".join(
                f"{p['where'].split('.', 1)[-1]}: {p['problem'].lower()}" for p in problems[:5]
            )
        return render(request, 422, "invalid_request", message, problems=problems)

    @app.exception_handler(BadQuery)
    async def bad_query(request: Request, exc: BadQuery) -> Response:
        return render(request, 400, "bad_query", str(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        return render(request, 422, "bad_input", str(exc))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return render(request, 404, "not_found", str(exc))

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy) -> Response:
        return render(request, 503, "store_busy", str(exc))

    @app.exception_handler(DetenteError)
    async def detente_error(request: Request, exc: DetenteError) -> Response:
        return render(request, 500, "server_error", str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error serving %s", request.url.path)
        return render(request, 500, "server_error", f"unexpected {type(exc).__name__}; see the log")


def _watcher(state: ServerState, stopping: threading.Event) -> threading.Thread:
    """The watcher in a daemon thread, sharing the server's store and write lock, until
    `stopping` is set (between rounds).

    The watch list and rules are read here, so a bad file stops `serve` before it listens.
    """
    from detente.config import Settings
    from detente.monitor.alerts import load_rules
    from detente.monitor.run import watch
    from detente.monitor.sources import load_sources

    config = state.config
    assert config.watch is not None
    sources = load_sources(config.watch)
    rules = load_rules(config.rules) if config.rules else None
    settings = Settings.from_env(db=config.db, kb=config.kb, allow_private=config.allow_private)

    def stale(_: object) -> None:
        state.index_stale = True

    def keep_watching() -> None:
        while not stopping.is_set():
            try:
                watch(sources, settings, rules, on_round=stale, lock=state.write_lock,
                      stop=stopping,
                      terminal=lambda alert: log.warning("alert [%s] %s", alert.rule, alert.summary))  # fmt: skip
            except Exception:  # the server stays up; the watcher tries again
                log.exception("the watcher stopped; restarting in 30 s")
                stopping.wait(30)

    return threading.Thread(target=keep_watching, name="detente-watch", daemon=True)


def _shut_down(
    state: ServerState, watcher: threading.Thread | None, stopping: threading.Event
) -> None:
    """Stop the watcher between rounds, then close the store once no write is under way, so
    that the file is released with every transaction whole (uvicorn calls this on SIGTERM and
    Ctrl-C alike)."""
    stopping.set()
    if watcher is not None:
        watcher.join(timeout=60)
    state.gate.close()


def create_app(config: ServeConfig) -> FastAPI:
    """The app over one store, opened for writing unless `config.read_only`."""
    from detente.api.explore import router as views_api  # the analyst views' downloads
    from detente.api.routes import router
    from detente.search import build_index
    from detente.web.pages import mount_web

    holder: list[ServerState] = []

    def index_if_stale(store: Store) -> None:  # every write ends here, the first one too
        if not holder or holder[0].index_stale:
            build_index(store)
        if holder:
            holder[0].index_stale = False
            holder[0].names = None

    gate = StoreGate(config.db, config.read_only, index_if_stale)
    state = ServerState(config=config, gate=gate)
    holder.append(state)
    stopping = threading.Event()
    watcher = _watcher(state, stopping) if config.watch else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if watcher is not None:
            watcher.start()
        yield
        await asyncio.to_thread(_shut_down, state, watcher, stopping)

    app = FastAPI(
        lifespan=lifespan,
        title="detente",
        version=__version__,
        summary="International-affairs news as structured, evidence-linked intelligence.",
        default_response_class=JSONResponse,
        docs_url=None,  # /docs is our own page (web.apidocs): Swagger UI needs a CDN and inline script
        redoc_url=None,
    )
    app.state.detente = state
    app.include_router(router)
    app.include_router(views_api)
    mount_web(app)
    _install_error_handlers(app)
    if config.loopback:
        hosts = ["127.0.0.1", "localhost", "::1", "[::1]"]
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    app.add_middleware(ReadShare, gate=gate)
    app.add_middleware(Guard, max_body=config.max_body)
    return app
