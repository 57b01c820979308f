"""The watcher: poll due sources, analyse what is new exactly once, keep each source's health.

A source's state (validators for conditional GET, last success and error, consecutive
failures) and the items already seen live in the store, so a restart picks up where the last
poll stopped. New items are analysed by the normal pipeline first and marked seen afterwards,
in one transaction per source: an interrupted poll analyses nothing twice, because the
pipeline skips documents it already stored.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from detente.config import Settings
from detente.errors import InputError
from detente.ingest.decode import content_type_charset, decode_bytes
from detente.ingest.html import read_html
from detente.ingest.records import Item, read_feed
from detente.model import RawDocument
from detente.monitor.fetch import Fetcher, FetchError
from detente.monitor.sources import Source
from detente.store import Store

log = logging.getLogger(__name__)


@dataclass
class SourceResult:
    name: str
    status: str  # "new", "unchanged", "not_modified", "failed"
    new_items: int = 0
    error: str | None = None


@dataclass
class PollReport:
    sources: list[SourceResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def new_items(self) -> int:
        return sum(s.new_items for s in self.sources)

    @property
    def failed(self) -> list[SourceResult]:
        return [s for s in self.sources if s.status == "failed"]


def due_sources(store: Store, sources: list[Source], now: datetime) -> list[Source]:
    polled = dict(store.query("SELECT name, last_polled FROM watch_sources"))
    return [s for s in sources if polled.get(s.name) is None or polled[s.name] + s.every <= now]


def poll(
    store: Store,
    sources: list[Source],
    settings: Settings,
    fetcher: Fetcher,
    on_source: Callable[[SourceResult], None] | None = None,
) -> PollReport:
    """Poll each source once; a failing source is recorded and the others go on."""
    report = PollReport()
    started = time.perf_counter()
    for source in sources:
        result = poll_source(store, source, settings, fetcher)
        report.sources.append(result)
        if on_source:
            on_source(result)
    report.seconds = time.perf_counter() - started
    return report


def poll_source(store: Store, source: Source, settings: Settings, fetcher: Fetcher) -> SourceResult:
    state = _state(store, source)
    try:
        fetched = fetcher.get(source.url, state.get("etag"), state.get("last_modified"))
        if fetched.not_modified:
            _record_success(store, source, fetched.etag or state.get("etag"),
                            fetched.last_modified or state.get("last_modified"), [])  # fmt: skip
            return SourceResult(source.name, "not_modified")
        items = list(
            _items(source, fetched.body, fetched.content_type, fetched.url, fetcher, store)
        )
    except (FetchError, InputError) as exc:
        _record_failure(store, source, str(exc))
        return SourceResult(source.name, "failed", error=str(exc))
    fresh = [(key, item) for key, item in items if isinstance(item, RawDocument)]
    if fresh:
        from detente.pipeline import run

        run([], settings, items=[item for _, item in fresh])
    _record_success(store, source, fetched.etag, fetched.last_modified, [k for k, _ in fresh])
    errors = [str(item) for _, item in items if isinstance(item, InputError)]
    for error in errors:
        log.warning("%s: %s", source.name, error)
    return SourceResult(source.name, "new" if fresh else "unchanged", len(fresh),
                        "; ".join(errors) or None)  # fmt: skip


def _items(
    source: Source, body: bytes, ctype: str, url: str, fetcher: Fetcher, store: Store
) -> Iterator[tuple[str, Item]]:
    """(item key, item) for the items of a fetched source that were not seen before."""
    seen = {
        r[0] for r in store.query("SELECT item FROM watch_items WHERE source = ?", [source.name])
    }
    if source.kind == "feed":
        for item in read_feed(body, source.name):
            if isinstance(item, InputError) and item.origin == source.name:
                raise item  # the feed as a whole is unreadable
            key = (item.url or item.origin) if isinstance(item, RawDocument) else item.origin
            if key not in seen:
                yield key, _tagged(item, source)
    elif source.kind == "sitemap":
        for page_url in _sitemap_urls(body, source.url):
            if page_url in seen:
                continue
            try:
                page = fetcher.get(page_url)
                yield page_url, _tagged(_page(page.body, page_url, page.content_type), source)
            except (FetchError, InputError) as exc:
                yield page_url, InputError(page_url, str(exc))
    else:
        key = hashlib.sha256(body).hexdigest()[:24]  # a page is new when its content changed
        if key not in seen:
            yield key, _tagged(_page(body, url, ctype), source)


def _page(body: bytes, url: str, ctype: str = "") -> Item:
    try:  # the HTTP Content-Type's charset first, as for WARC records
        text = decode_bytes(body, url, declared=content_type_charset(ctype))
        return read_html(text, url, url=url)
    except InputError as exc:
        return exc


def _tagged(item: Item, source: Source) -> Item:
    if isinstance(item, RawDocument) and not item.source:
        return item.model_copy(update={"source": source.name})
    return item


def _sitemap_urls(body: bytes, url: str) -> list[str]:
    try:
        root = etree.fromstring(
            body, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as exc:
        raise FetchError(url, f"malformed sitemap ({exc})") from None
    return [loc.text.strip() for loc in root.iter("{*}loc") if loc.text and loc.text.strip()]


# ---- state in the store ----------------------------------------------------------------------


def _state(store: Store, source: Source) -> dict[str, Any]:
    cur = store.con.execute("SELECT * FROM watch_sources WHERE name = ?", [source.name])
    row = cur.fetchone()
    return dict(zip([c[0] for c in cur.description], row, strict=True)) if row else {}


def _upsert(store: Store, source: Source, **values: Any) -> None:
    now = datetime.now(UTC)
    store.con.execute(
        "INSERT INTO watch_sources (name, url, failures, items, last_polled) VALUES (?, ?, 0, 0, ?)"
        " ON CONFLICT (name) DO UPDATE SET url = excluded.url, last_polled = excluded.last_polled",
        [source.name, source.url, now],
    )
    sets = ", ".join(f"{k} = ?" for k in values)
    store.con.execute(
        f"UPDATE watch_sources SET {sets} WHERE name = ?", [*values.values(), source.name]
    )


def _record_success(
    store: Store, source: Source, etag: str | None, modified: str | None, keys: list[str]
) -> None:
    now = datetime.now(UTC)
    with store.transaction():
        _upsert(store, source, etag=etag, last_modified=modified, last_success=now, failures=0)
        if keys:
            store.con.executemany(
                "INSERT INTO watch_items VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [[source.name, key, now] for key in keys],
            )
            store.con.execute(
                "UPDATE watch_sources SET items = items + ? WHERE name = ?",
                [len(keys), source.name],
            )


def _record_failure(store: Store, source: Source, error: str) -> None:
    log.warning("%s: %s", source.name, error)
    with store.transaction():
        _upsert(store, source, last_error=error, last_error_at=datetime.now(UTC))
        store.con.execute(
            "UPDATE watch_sources SET failures = failures + 1 WHERE name = ?", [source.name]
        )
