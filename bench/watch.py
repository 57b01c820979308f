"""`detente watch --once` over many local feeds: how long one full poll takes.

    python -m bench.watch [--feeds 50] [--items 20]

Serves `--feeds` RSS feeds of `--items` generated articles each, every feed on its own local
port (so per-host pacing works as it would across sites), runs one poll with the real fetcher
(robots.txt, conditional GET, one request per host per second) and the full pipeline, then a
second poll, which the feeds answer with 304. The baseline, in the same run, is bare spaCy
`nlp.pipe` over the same texts: the poll's time as a multiple of the parse it contains.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import spacy

from bench.throughput import make_corpus
from detente.config import Settings
from detente.monitor.run import watch
from detente.monitor.sources import Source
from detente.nlp import MODEL


def feed_server(body: bytes) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                self.send_response(404)
                self.end_headers()
                return
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def rss(texts: list[str], feed: int) -> bytes:
    items = []
    for i, text in enumerate(texts):
        title, *paragraphs = text.split("\n\n")
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        items.append(f"<item><title>{escape(title)}</title><guid>feed{feed}-{i}</guid>"
                     f"<link>http://feed{feed}.example/{i}</link>"
                     f"<description>{escape(body)}</description></item>")  # fmt: skip
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>'
            f"{''.join(items)}</channel></rss>").encode()  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        texts = make_corpus(Path(tmp) / "texts", args.feeds * args.items)
        servers = [feed_server(rss(texts[f * args.items : (f + 1) * args.items], f))
                   for f in range(args.feeds)]  # fmt: skip
        sources = [Source(f"feed-{i}", f"http://127.0.0.1:{s.server_address[1]}/rss.xml")
                   for i, s in enumerate(servers)]  # fmt: skip
        settings = Settings(db=Path(tmp) / "watch.duckdb", allow_private=True)
        nlp = spacy.load(MODEL)  # spaCy as installed: the baseline
        started = time.perf_counter()
        bare = sum(1 for _ in nlp.pipe(texts, batch_size=64))
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        first = watch(sources, settings, once=True)[0]
        poll = time.perf_counter() - started
        started = time.perf_counter()
        second = watch(sources, settings, once=True)[0]
        again = time.perf_counter() - started
        for server in servers:
            server.shutdown()
    print(f"{args.feeds} feeds × {args.items} items = {bare} articles on loopback")
    print(f"bare nlp.pipe over the texts (baseline): {baseline:.1f} s")
    print(f"watch --once, first poll: {poll:.1f} s ({poll / baseline:.2f}× the baseline); "
          f"{first.poll.new_items} new items, {len(first.new_documents)} analysed, "
          f"{len(first.poll.failed)} failed")  # fmt: skip
    statuses = {s.status for s in second.poll.sources}
    print(f"second poll: {again:.1f} s; {second.poll.new_items} new items; statuses {statuses}")


if __name__ == "__main__":
    main()
