"""Watching sources and alerting, against a local feed server, webhook receiver and SMTP server."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from detente.config import Settings
from detente.monitor.alerts import load_rules
from detente.monitor.fetch import Fetcher
from detente.monitor.run import watch
from detente.monitor.sources import Source, SourcesError, load_sources
from detente.store import Store
from tests.conftest import free_port, run_cli

ITEMS = [
    ("Lavrov and Wang meet in Beijing", "Russian Foreign Minister Sergey Lavrov met Chinese "
     "Foreign Minister Wang Yi in Beijing on Tuesday to discuss trade."),
    ("Japan and Australia sign defence pact", "Japan and Australia signed a defence cooperation "
     "agreement in Tokyo on Thursday."),
    ("Kim hosts Putin", "North Korean leader Kim Jong Un hosted Russian President Vladimir Putin "
     "in Pyongyang on Wednesday."),
    ("Ankara and Athens talk", "Turkey and Greece held talks on maritime borders in Athens."),
]  # fmt: skip
SECRET = "hook-secret"


def rss(n: int, base: str) -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>{base}/news/{i}</link><guid>{base}/news/{i}</guid>"
        f"<pubDate>Wed, 0{i + 1} May 2024 10:00:00 GMT</pubDate><description>{d}</description></item>"
        for i, (t, d) in enumerate(ITEMS[:n])
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>{items}</channel></rss>'.encode()


class Site:
    """What the local server serves; tests change it between polls."""

    def __init__(self) -> None:
        self.items = 2
        self.hits: dict[str, int] = {}
        self.hooks: list[tuple[dict[str, str], bytes]] = []
        self.base = ""


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def send(
            self, status: int, body: bytes = b"", ctype: str = "text/xml", **headers: str
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for key, value in headers.items():
                self.send_header(key.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            site.hits[path] = site.hits.get(path, 0) + 1
            if path == "/robots.txt":
                self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            elif path in ("/feed.xml", "/private/feed.xml"):
                tag = f'"v{site.items}"'
                if self.headers.get("If-None-Match") == tag:
                    self.send(304, ETag=tag)
                else:
                    self.send(200, rss(site.items, site.base), "application/rss+xml", ETag=tag)
            elif path == "/broken.xml":
                self.send(500, b"server error", "text/plain")
            elif path == "/slow.xml":
                time.sleep(1.5)
                self.send(200, rss(1, site.base))
            elif path == "/malformed.xml":
                self.send(200, b"<rss><channel><item><title>unclosed", "application/rss+xml")
            elif path == "/sitemap.xml":
                locs = "".join(
                    f"<url><loc>{site.base}/pages/{i}.html</loc></url>" for i in range(site.items)
                )
                self.send(
                    200,
                    f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode(),
                )
            elif path.startswith("/pages/"):
                i = int(path.split("/")[-1].split(".")[0])
                title, text = ITEMS[i]
                html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"
                self.send(200, html.encode(), "text/html")
            else:
                self.send(404, b"not here", "text/plain")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            site.hooks.append((dict(self.headers.items()), self.rfile.read(length)))
            self.send(204)

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), make_handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def mailbox() -> Iterator[tuple[int, list[bytes]]]:
    from aiosmtpd.controller import Controller

    received: list[bytes] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            received.append(envelope.content)
            return "250 OK"

    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, received
    controller.stop()


def fast_fetcher(settings: Settings) -> Fetcher:
    return Fetcher(settings, min_interval=0.0, retries=2, backoff=0.05)


def test_three_polls_ingest_once_failures_reported_and_one_alert_per_event(
    site: Site, mailbox: tuple[int, list[bytes]], tmp_path: Path
) -> None:
    smtp_port, mails = mailbox
    settings = Settings(db=tmp_path / "w.duckdb", allow_private=True, http_timeout=0.5)
    sources = [
        Source("wire", f"{site.base}/feed.xml"),
        Source("broken", f"{site.base}/broken.xml"),
        Source("slow", f"{site.base}/slow.xml"),
        Source("malformed", f"{site.base}/malformed.xml"),
        Source("private", f"{site.base}/private/feed.xml"),
    ]
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text(json.dumps({"web": "http://127.0.0.1:8000", "rules": [{
        "name": "prk-rus", "when": {"dyad": ["PRK", "RUS"]},
        "to": ["terminal", {"jsonl": str(tmp_path / "alerts.jsonl")},
               {"webhook": {"url": f"{site.base}/hook", "secret": SECRET}},
               {"email": {"to": "analyst@example.org", "host": "127.0.0.1", "port": smtp_port}}],
    }]}))  # fmt: skip
    rules = load_rules(rules_file)
    printed: list[str] = []

    def poll_once() -> Any:
        return watch(sources, settings, rules, once=True, fetcher=fast_fetcher(settings),
                     terminal=lambda a: printed.append(a.summary))[0]  # fmt: skip

    first = poll_once()
    status = {s.name: s.status for s in first.poll.sources}
    assert status == {"wire": "new", "broken": "failed", "slow": "failed",
                      "malformed": "failed", "private": "failed"}  # fmt: skip
    errors = {s.name: s.error or "" for s in first.poll.sources}
    assert "HTTP 500, after 3 tries" in errors["broken"] and site.hits["/broken.xml"] == 3
    assert "timed out" in errors["slow"]
    assert "malformed feed" in errors["malformed"]
    assert "robots.txt" in errors["private"] and "/private/feed.xml" not in site.hits
    assert len(first.new_documents) == 2 and first.alerts == 0

    second = poll_once()
    assert {s.name: s.status for s in second.poll.sources}["wire"] == "not_modified"
    assert second.new_documents == [] and second.alerts == 0

    site.items = 3
    third = poll_once()
    assert [s.new_items for s in third.poll.sources if s.name == "wire"] == [1]
    assert len(third.new_documents) == 1 and third.alerts >= 1

    site.items = 4  # a new item without PRK–RUS: no alert
    fourth = poll_once()
    assert len(fourth.new_documents) == 1 and fourth.alerts == 0

    hooks = site.hooks
    assert len(hooks) == third.alerts and len(mails) == third.alerts == len(printed)
    for headers, body in hooks:
        expected = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Detente-Signature"] == f"sha256={expected}"
        payload = json.loads(body)
        assert payload["rule"] == "prk-rus" and "Pyongyang" in payload["subject"]["evidence_text"]
        assert payload["links"]["document"].startswith("http://127.0.0.1:8000/doc/")
    assert "prk-rus" in message_from_bytes(mails[0])["Subject"]
    assert len((tmp_path / "alerts.jsonl").read_text().splitlines()) == third.alerts
    with Store.open(settings.db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM documents")[0][0] == 4
        assert store.query("SELECT count(*) FROM watch_items WHERE source = 'wire'")[0][0] == 4
        health = dict(store.query("SELECT name, failures FROM watch_sources"))
    assert health["wire"] == 0 and health["broken"] == 4


def test_sitemaps_and_pages_are_fetched_once(site: Site, tmp_path: Path) -> None:
    settings = Settings(db=tmp_path / "s.duckdb", allow_private=True)
    sources = [Source("map", f"{site.base}/sitemap.xml", "sitemap"),
               Source("page", f"{site.base}/pages/3.html", "page")]  # fmt: skip
    first = watch(sources, settings, once=True, fetcher=fast_fetcher(settings))[0]
    assert [s.new_items for s in first.poll.sources] == [2, 1]
    site.items = 3
    second = watch(sources, settings, once=True, fetcher=fast_fetcher(settings))[0]
    assert [s.new_items for s in second.poll.sources] == [1, 0]
    assert site.hits["/pages/0.html"] == 1 and site.hits["/pages/2.html"] == 1


def test_watch_refuses_private_addresses_unless_allowed(site: Site, tmp_path: Path) -> None:
    settings = Settings(db=tmp_path / "p.duckdb")
    result = watch([Source("wire", f"{site.base}/feed.xml")], settings, once=True,
                   fetcher=fast_fetcher(settings))[0]  # fmt: skip
    assert "private or local address" in (result.poll.sources[0].error or "")


def test_cli_watch_once_then_sources_and_digest(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    listing = tmp_path / "sources.yaml"
    listing.write_text(
        f"sources:\n  - {{name: wire, url: '{site.base}/feed.xml', every: 5m, tags: [test]}}\n"
        f"  - {{name: broken, url: '{site.base}/broken.xml'}}\n"
    )
    result = run_cli("watch", str(listing), "--once", "--allow-private", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "wire: new, 2 new" in result.stderr and "broken: failed" in result.stderr
    health = run_cli("sources", "--db", str(db))
    assert health.returncode == 0, health.stderr
    assert "broken" in health.stdout and "HTTP 500" in health.stdout
    digest = run_cli(
        "digest", "--since", "3650d", "--out", str(tmp_path / "digest"), "--db", str(db)
    )
    assert digest.returncode == 0, digest.stderr
    assert "2 documents from 1 outlets" in digest.stdout
    assert "Sergey Lavrov" in digest.stdout or "Most quoted" in digest.stdout
    assert len(list((tmp_path / "digest").glob("digest-*.html"))) == 1


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("sources: []\n", "expected a list of sources"),
        ("sources:\n  - {name: a}\n", "needs at least a `url`"),
        ("sources:\n  - {url: 'ftp://x'}\n", "is not an http(s) URL"),
        ("sources:\n  - {url: 'http://x', every: soon}\n", "is not an interval"),
        ("sources:\n  - {url: 'http://x', type: blog}\n", "is not one of feed, sitemap, page"),
        ("sources:\n  - {url: 'http://x'}\n  - {url: 'http://x'}\n", "must be unique"),
        ("sources: [\n", "not valid YAML"),
    ],
)
def test_bad_sources_files_say_what_is_wrong(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(text)
    with pytest.raises(SourcesError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        load_sources(path)


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ({"name": "x", "when": {}}, "non-empty `when`"),
        ({"name": "x", "when": {"colour": "red"}}, "unknown condition"),
        ({"name": "x", "when": {"dyad": ["PRK"]}}, "two actor codes"),
        ({"name": "x", "when": {"shift": True, "story_size": 3}}, "separate rules"),
        ({"name": "x", "when": {"root": "16"}, "to": ["pager"]}, "each `to` entry"),
    ],
)
def test_bad_rules_say_what_is_wrong(tmp_path: Path, rule: dict[str, Any], problem: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(json.dumps({"rules": [rule]}))
    with pytest.raises(SourcesError, match=problem):
        load_rules(path)


def test_watch_loop_survives_ctrl_c_without_losing_work(site: Site, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    db = tmp_path / "loop.duckdb"
    listing = tmp_path / "sources.yaml"
    listing.write_text(f"sources:\n  - {{name: wire, url: '{site.base}/feed.xml'}}\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "detente.cli", "watch", str(listing), "--every", "1s",
         "--allow-private", "--db", str(db)],
        stderr=subprocess.PIPE, text=True, env=dict(os.environ, HF_HUB_OFFLINE="1"),
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),  # as a background job
    )  # fmt: skip
    assert proc.stderr is not None
    rounds = 0
    deadline = time.monotonic() + 120
    while rounds < 3 and time.monotonic() < deadline:
        line = proc.stderr.readline()
        rounds += line.startswith("polled ")
        if rounds == 1 and "polled" in line:
            site.items = 3  # a new item for the next round
    proc.send_signal(signal.SIGINT)
    rest = proc.communicate(timeout=60)[1]
    assert rounds == 3 and proc.returncode == 0 and "stopped" in rest
    with Store.open(db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM documents")[0][0] == 3
        assert store.query("SELECT count(*) FROM watch_items")[0][0] == 3
    assert site.hits["/feed.xml"] >= 3


def test_the_documented_examples_load() -> None:
    from tests.conftest import ROOT

    sources = load_sources(ROOT / "docs" / "examples" / "sources.yaml")
    assert [s.kind for s in sources] == ["feed", "sitemap", "page"]
    rules = load_rules(ROOT / "docs" / "examples" / "rules.yaml")
    assert [r.kind for r in rules.rules] == ["event", "event", "story", "shift", "document"]


def test_serve_runs_the_watcher_in_process(site: Site, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    import httpx

    listing = tmp_path / "sources.yaml"
    listing.write_text(f"sources:\n  - {{name: wire, url: '{site.base}/feed.xml', every: 1s}}\n")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "detente.cli", "serve", "--port", str(port), "--watch", str(listing),
         "--allow-private", "--db", str(tmp_path / "served.duckdb")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, HF_HUB_OFFLINE="1"),
    )  # fmt: skip
    api = f"http://127.0.0.1:{port}/api"
    try:
        found: list[Any] = []
        deadline = time.monotonic() + 120
        while len(found) < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
            try:
                found = httpx.get(f"{api}/documents", timeout=5).json()["items"]
            except (httpx.HTTPError, ValueError):
                continue
        assert len(found) == 2, found
        site.items = 3
        while len(found) < 3 and time.monotonic() < deadline:
            time.sleep(0.5)
            found = httpx.get(f"{api}/documents", timeout=5).json()["items"]
        assert len(found) == 3
        hits = httpx.get(f"{api}/documents", params={"q": "Pyongyang"}, timeout=5).json()["items"]
        assert len(hits) == 1  # the search index follows the watcher's writes
    finally:
        proc.terminate()
        proc.wait(timeout=20)
