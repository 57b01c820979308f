"""`detente serve`: the REST API and the web UI from one process, sharing the store with the
command line (it holds the file only while requests need it; see `api/gate.py`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from detente.cli.common import Db, console, failing, out, settings
from detente.interrupt import stop_on_signals


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to bind; loopback by default.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Serve a store another process is writing.")
    ] = False,
    max_body: Annotated[
        int, typer.Option("--max-body", help="Largest request body in bytes.")
    ] = 2_000_000,
    watch_list: Annotated[
        Path | None,
        typer.Option("--watch", help="Also poll this watch list (see `detente watch`)."),
    ] = None,
    rules: Annotated[Path | None, typer.Option("--rules", help="Alert rules for --watch.")] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Watched sources may be on private addresses.")
    ] = False,
    db: Db = None,
) -> None:
    """The REST API (OpenAPI at /docs) and the web UI, beside the command line on one store.

    The server lets go of the file between requests, so `detente analyze`, `ingest` and
    `corpus` can write it while the server runs (requests wait, or answer 503, meanwhile);
    the server then shows what they wrote. Reads are open on localhost. Writes (POST /api/documents, the paste form) need the token in
    DETENTE_API_TOKEN when it is set, and are refused on a non-loopback --host without it.

    Example: [bold]detente serve --port 8000[/], then open http://127.0.0.1:8000/
    """
    from contextlib import suppress

    import uvicorn

    from detente.api.app import ServeConfig, create_app, is_loopback

    token = os.environ.get("DETENTE_API_TOKEN") or None
    config = ServeConfig(db=settings(db).db, host=host, token=token, max_body=max_body,
                         read_only=read_only, watch=watch_list, rules=rules,
                         allow_private=allow_private)  # fmt: skip
    if not is_loopback(host) and not token:
        console.print(
            f"[yellow]listening on {host} without DETENTE_API_TOKEN: writes are disabled[/]"
        )
    with failing():
        application = create_app(config)
    out.print(f"detente serving {config.db} at http://{host}:{port}/ (API docs at /docs)")
    # uvicorn handles SIGINT and SIGTERM alike while it runs (shutting down, which closes the
    # store), then hands the signal on to the handlers it found: ours, whatever was inherited.
    stop_on_signals()
    from detente.holders import announce, withdraw

    # a note beside the store, so that a command that must write finds the server and waits
    announce(config.db, f"http://{f'[{host}]' if ':' in host else host}:{port}")
    try:
        with suppress(KeyboardInterrupt):
            uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
    finally:
        withdraw(config.db)
    console.print(f"stopped; {config.db} is closed")
