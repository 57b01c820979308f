"""Every ingest kind: text, Markdown, HTML, JSONL, directories, stdin, RSS/Atom, WARC and URLs."""

from __future__ import annotations

import gzip
import http.server
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.clean import prepare_document
from detente.config import Settings
from detente.errors import InputError
from detente.ingest import read_inputs
from detente.model import RawDocument, SegmentKind

from .conftest import EXAMPLES, run_cli

ARTICLE_HTML = (EXAMPLES / "html" / "pyongyang-talks.html").read_text()


def read_all(*inputs: str, **settings: object) -> tuple[list[RawDocument], list[InputError]]:
    docs, errors = [], []
    for item in read_inputs(list(inputs), Settings(**settings)):  # type: ignore[arg-type]
        (errors if isinstance(item, InputError) else docs).append(item)
    return docs, errors


def test_plain_text_and_markdown(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Talks in Oslo\n\nNorway hosted talks on Monday.")
    (tmp_path / "b.md").write_text(
        "# Envoys meet\n\nThe **envoys** met in [Doha](https://x.example).\n"
    )
    docs, errors = read_all(str(tmp_path))
    assert not errors and len(docs) == 2
    md = prepare_document(docs[1], Settings())
    assert md.title == "Envoys meet"
    assert md.segment_text(md.segments[1]) == "The envoys met in Doha."


def test_html_page_gives_article_comments_and_metadata() -> None:
    docs, _ = read_all(str(EXAMPLES / "html" / "pyongyang-talks.html"))
    doc = prepare_document(docs[0], Settings())
    assert doc.title == "Lavrov and Choe hold talks in Pyongyang"
    assert doc.source == "Eastern Ledger" and doc.published and doc.published.year == 2024
    body = " ".join(doc.segment_text(s) for s in doc.segments if s.kind is SegmentKind.BODY)
    assert "Choe Son Hui" in body and "Most read" not in body and "cookies" not in body
    comments = [
        (s.author, doc.segment_text(s)) for s in doc.segments if s.kind is SegmentKind.COMMENT
    ]
    assert comments[0] == ("harbourwatch", comments[0][1]) and comments[0][1].startswith(
        "Seoul will"
    )
    assert sum(s.kind is SegmentKind.REMOVED_COMMENT for s in doc.segments) == 1
    reply = next(s for s in doc.segments if s.author == "k_analyst")
    assert reply.parent is not None and doc.segments[reply.parent].author == "harbourwatch"


def test_html_without_readable_article_uses_the_fallback() -> None:
    html = "<html><body><nav>Menu</nav><div><p>Kenya and Ethiopia signed a border deal.</p></div></body></html>"
    doc = prepare_document(RawDocument(origin="t.html", html=html), Settings())
    assert "Kenya and Ethiopia signed a border deal." in doc.text


def test_jsonl_lines_are_documents_with_metadata(tmp_path: Path) -> None:
    docs, errors = read_all(str(EXAMPLES / "batch" / "wire-briefs.jsonl"))
    assert not errors and len(docs) == 4
    assert docs[0].origin.endswith("wire-briefs.jsonl:1") and docs[0].source == "Pacific Wire"
    assert docs[2].published is not None and docs[2].published.day == 7


def test_directory_glob_filters(tmp_path: Path) -> None:
    (tmp_path / "keep").mkdir()
    (tmp_path / "keep" / "a.txt").write_text("Chile and Peru held talks in Lima on trade.")
    (tmp_path / "keep" / "b.log").write_text("not an article")
    (tmp_path / "skip.txt").write_text("Skipped article about Peru.")
    docs, _ = read_all(str(tmp_path))
    assert sorted(Path(d.origin).name for d in docs) == ["a.txt", "skip.txt"]
    found = list(read_inputs([str(tmp_path)], Settings(), include=["*.txt"], exclude=["skip.txt"]))
    assert [Path(d.origin).name for d in found if isinstance(d, RawDocument)] == ["a.txt"]


def test_rss_and_atom_feeds(tmp_path: Path) -> None:
    docs, _ = read_all(str(EXAMPLES / "feeds" / "world-desk.rss"))
    assert len(docs) == 3 and docs[0].source == "World Desk Daily"
    assert docs[0].published is not None and docs[0].published.isoformat().startswith(
        "2024-03-08T14:10"
    )
    atom = tmp_path / "feed.atom"
    atom.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom Desk</title><entry><title>Envoys meet</title><id>urn:1</id>"
        "<updated>2024-05-01T10:00:00Z</updated><link href='https://a.example/1'/>"
        "<content type='html'>&lt;p&gt;Envoys of Egypt and Qatar met in Cairo.&lt;/p&gt;</content>"
        "</entry></feed>"
    )
    docs, errors = read_all(str(atom))
    assert not errors and docs[0].title == "Envoys meet" and docs[0].url == "https://a.example/1"
    assert docs[0].origin.endswith("#urn:1")


def write_warc(path: Path) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, ctype, body in [
            ("https://ledger.example/a", "text/html; charset=utf-8", ARTICLE_HTML.encode()),
            ("https://ledger.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
            (
                "https://ledger.example/b.txt",
                "text/plain",
                b"Ghana and Togo agreed on a border patrol.",
            ),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )


def test_warc_responses_become_documents(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    docs, errors = read_all(str(warc))
    assert not errors and [d.url for d in docs] == [
        "https://ledger.example/a",
        "https://ledger.example/b.txt",
    ]
    assert docs[0].origin.startswith(f"{warc}#urn:uuid:")
    assert prepare_document(docs[0], Settings()).title == "Lavrov and Choe hold talks in Pyongyang"


def test_stdin_through_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    result = run_cli(
        "ingest",
        "-",
        "--db",
        str(db),
        stdin=b"Envoys meet in Cairo\n\nEgypt and Qatar envoys met in Cairo on Sunday.",
    )
    assert result.returncode == 0, result.stderr
    assert run_cli("stats", "--db", str(db)).stdout.count("pending") == 1


# ---- URLs: a real local server, reached with --allow-private -------------------------------


class Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {
        "/article": (200, {"Content-Type": "text/html"}, ARTICLE_HTML.encode()),
        "/feed": (
            200,
            {"Content-Type": "application/rss+xml"},
            (EXAMPLES / "feeds" / "world-desk.rss").read_bytes(),
        ),
        "/moved": (302, {"Location": "/article"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/big": (200, {"Content-Type": "text/plain"}, b"word " * 400_000),
        "/gone": (404, {}, b"not here"),
    }

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(3)
        status, headers, body = self.routes.get(
            self.path, (200, {"Content-Type": "text/plain"}, b"slow")
        )
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_are_fetched_with_redirects_and_feeds(server: str) -> None:
    docs, errors = read_all(f"{server}/moved", f"{server}/feed", allow_private=True)
    assert not errors
    assert docs[0].url == f"{server}/article" and docs[0].html
    assert len(docs) == 4 and docs[1].source == "World Desk Daily"


def test_url_failures_are_named_and_the_run_goes_on(server: str) -> None:
    docs, errors = read_all(
        f"{server}/loop",
        f"{server}/big",
        f"{server}/gone",
        f"{server}/slow",
        f"{server}/article",
        allow_private=True,
        max_bytes=1_000_000,
        http_timeout=1.0,
    )
    reasons = {e.origin.rsplit("/", 1)[1]: e.reason for e in errors}
    assert "redirects" in reasons["loop"]
    assert "limit" in reasons["big"]
    assert "HTTP 404" in reasons["gone"]
    assert "timed out" in reasons["slow"]
    assert len(docs) == 1


def test_private_addresses_are_refused_without_allow_private(server: str) -> None:
    _, errors = read_all(f"{server}/article")
    assert "private or local address" in errors[0].reason
    _, errors = read_all("file:///etc/passwd")
    assert "only http" in errors[0].reason


def test_gzip_text_is_sniffed_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(gzip.compress(b"hello world " * 100))
    _, errors = read_all(str(path))
    assert "binary" in errors[0].reason
