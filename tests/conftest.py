"""Shared fixtures: the CLI run for real, the shared samples, and a corpus analysed once."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SAMPLES = ROOT.parent / "shared" / "samples"
CLI = [sys.executable, "-m", "detente.cli"]


def run_cli(
    *args: str, stdin: bytes | None = None, timeout: float = 300, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", COLUMNS="200")
    return subprocess.run(
        [*CLI, *args],
        cwd=cwd,
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def run_eval(task: str, data: str | None = None) -> str:
    """`detente eval TASK` from the project root (where eval/ lives); its printed report."""
    result = run_cli("eval", task, *(["--data", data] if data else []), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def samples() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip(f"shared samples not found at {SAMPLES} (they live outside the project)")
    return SAMPLES


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled examples, analysed once through the real CLI."""
    db = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    result = run_cli("analyze", str(EXAMPLES), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


HOSTILE_HTML = """<!doctype html><html><head><title>Hostile &lt;img src=x onerror=window.__xss=1&gt; page</title>
<meta property="article:published_time" content="2024-03-02"></head><body><article>
<h1>Envoys meet &lt;script&gt;window.__xss=2&lt;/script&gt; in Vienna</h1>
<p>Iran's foreign minister met the IAEA chief in Vienna on Monday. <script>window.__xss = 3;</script>
<img src="x" onerror="window.__xss = 4"> The talks were described as
<a href="javascript:window.__xss=5">constructive</a> by both sides.</p>
<p>He said the text &lt;b onmouseover="window.__xss=6"&gt;hover&lt;/b&gt; and &lt;a href="javascript:alert(1)"&gt;link&lt;/a&gt; were proposals, not agreements.</p>
</article>
<section class="comments"><div class="comment"><span class="author">x&lt;svg onload=window.__xss=7&gt;</span>
<p>Russia is behind this &lt;iframe src="javascript:window.__xss=8"&gt;&lt;/iframe&gt; again.</p></div></section>
</body></html>
"""
API_TOKEN = "test-token-5f1c"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def served_db(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the analysed examples plus a page of hostile markup, with the corpus stages run."""
    import shutil

    folder = tmp_path_factory.mktemp("served")
    db = folder / "served.duckdb"
    shutil.copy(examples_db, db)
    hostile = folder / "hostile.html"
    hostile.write_text(HOSTILE_HTML, encoding="utf-8")
    for args in (("analyze", str(hostile)), ("corpus",)):
        result = run_cli(*args, "--db", str(db))
        assert result.returncode == 0, result.stderr
    return db


def serve_store(db: Path, *options: str, token: bool = True) -> Iterator[str]:
    """Run `detente serve` for real on 127.0.0.1 over `db` (with `options`, and the test API
    token unless `token` is False: then writes are open on loopback); yields its base URL and
    stops it afterwards.

    The server's output goes to `serve.log` beside the database (a pipe nobody reads would fill
    up and stall it); its tail is printed when the server fails to start, and any traceback it
    logged at the end.
    """
    import time

    import httpx

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DETENTE_API_TOKEN"}
    env["HF_HUB_OFFLINE"] = "1"
    if token:
        env["DETENTE_API_TOKEN"] = API_TOKEN
    log_path = db.parent / "serve.log"
    log = log_path.open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [*CLI, "serve", "--port", str(port), "--db", str(db), *options],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"detente serve did not start: {log_path.read_text()[-4000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        tracebacks = log_path.read_text(encoding="utf-8").count("Traceback")
        if tracebacks:
            print(f"\ndetente serve logged {tracebacks} traceback(s), see {log_path}:")
            print(log_path.read_text(encoding="utf-8")[-6000:])


@pytest.fixture(scope="session")
def server(served_db: Path) -> Iterator[str]:
    """`detente serve` for real on 127.0.0.1 with an API token; its base URL. Stopped at the end."""
    yield from serve_store(served_db, "--max-body", "200000")
