"""What the REST routes and the web pages share, below both and below the app that mounts them:
the server's configuration and state, the one error type, the writer check and JSON responses
with ETags. `api/app.py` builds the application from these, `api/routes.py` and `web/pages.py`.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from detente.api.gate import StoreBusy, StoreGate
from detente.query.reads import all_actor_names
from detente.store import Store


@dataclass
class ServeConfig:
    db: Path
    host: str = "127.0.0.1"
    token: str | None = None  # DETENTE_API_TOKEN
    max_body: int = 2_000_000  # bytes per request
    read_only: bool = False
    kb: tuple[str, ...] = ()
    watch: Path | None = None  # a watch list polled in the background (`--watch`)
    rules: Path | None = None  # alert rules for it
    allow_private: bool = False  # watched sources may be on private addresses

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class ServerState:
    config: ServeConfig
    gate: StoreGate
    index_stale: bool = False  # the full-text index lags the documents until rebuilt

    @property
    def store(self) -> Store:
        """The connection to read through: read-only between writes (see `api.gate`)."""
        return self.gate.store

    @property
    def write_lock(self) -> Any:
        """Held across a write: the store is read-write inside it, and indexed on leaving."""
        return self.gate.writing

    names: dict[str, str] | None = None  # actor code → name, for pages; reset by every write

    def refresh_index(self) -> None:
        """Nothing to do: the index is rebuilt at the end of every write (kept for callers)."""

    def actor_names(self) -> dict[str, str]:
        """Every actor's name by code (cached until the next write); none, uncached, while
        another process writes the store (so the 503 page itself still renders)."""
        if self.names is None:
            try:
                with self.gate.reading():
                    self.names = all_actor_names(self.store)
            except StoreBusy:
                return {}
        return self.names


class ApiError(HTTPException):
    """An HTTP error with a machine-readable code, rendered in the one error body shape."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(status_code=status, detail=message)
        self.code = code


def check_writer(request: Request, form_token: str | None = None) -> None:
    """Writes need the token when one is set; without one, only on a loopback bind."""
    state: ServerState = request.app.state.detente
    config = state.config
    if config.read_only:
        raise ApiError(409, "read_only", f"{config.db} is served read-only; writes are disabled")
    if config.token:
        header = request.headers.get("authorization", "")
        given = header[7:] if header.lower().startswith("bearer ") else (form_token or "")
        if not hmac.compare_digest(given.encode(), config.token.encode()):
            raise ApiError(401, "unauthorized", "this write needs the server's API token")
        return
    if not config.loopback:
        raise ApiError(
            403,
            "writes_disabled",
            f"writes are disabled: the server listens on {config.host}, beyond localhost, "
            "without DETENTE_API_TOKEN",
        )


def etag_response(request: Request, payload: Any, status: int = 200) -> Response:
    """JSON with a strong ETag; a matching If-None-Match gets 304 and no body."""
    body = json.dumps(payload, default=_json_default, ensure_ascii=False).encode()
    tag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    wanted = request.headers.get("if-none-match", "")
    if status == 200 and tag in [t.strip() for t in wanted.split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def error_body(status: int, code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message, **extra}}
