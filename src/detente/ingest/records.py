"""Record-shaped sources: JSONL batches, RSS/Atom feeds and WARC archives."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

import feedparser
import lxml.html
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from detente.errors import InputError
from detente.ingest.dates import from_struct_time, parse_date
from detente.ingest.decode import check_size, decode_bytes
from detente.ingest.html import fallback_blocks, read_html
from detente.model import Block, RawDocument

Item = RawDocument | InputError

_JSONL_FIELDS = ("title", "url", "source")


def read_jsonl(lines: IO[bytes], name: str, max_bytes: int) -> Iterator[Item]:
    """One document per line: `text` (or `html`) and optional title/url/source/published."""
    number = 0
    for number, raw in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        if not raw.strip():
            continue
        try:
            check_size(len(raw), max_bytes, origin)
            record = json.loads(decode_bytes(raw, origin))
            yield _jsonl_record(record, origin)
        except InputError as exc:
            yield exc
        except json.JSONDecodeError as exc:
            yield InputError(origin, f"malformed JSON ({exc.msg} at column {exc.colno})")
    if number == 0:
        yield InputError(name, "empty input")


def _jsonl_record(record: Any, origin: str) -> RawDocument:
    if not isinstance(record, dict):
        raise InputError(origin, f"expected a JSON object, found {type(record).__name__}")
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise InputError(origin, "no `text` (or `html`) string field")
    meta = {k: record[k] for k in _JSONL_FIELDS if isinstance(record.get(k), str)}
    published = parse_date(str(record["published"])) if record.get("published") else None
    if isinstance(text, str):
        if not text.strip():
            raise InputError(origin, "empty `text`")
        return RawDocument(origin=origin, text=text, published=published, **meta)
    return RawDocument(origin=origin, html=html, published=published, **meta)


def read_feed(data: bytes, name: str) -> Iterator[Item]:
    """Each RSS/Atom entry becomes a document; its HTML content is reduced to paragraphs."""
    feed = feedparser.parse(data)
    readable = [e for e in feed.entries if e.get("title") or e.get("summary") or e.get("content")]
    if not readable:
        reason = (
            f"malformed feed ({feed.get('bozo_exception')})" if feed.bozo else "feed has no items"
        )
        yield InputError(name, reason)
        return
    source = feed.feed.get("title")
    for index, entry in enumerate(feed.entries):
        origin = f"{name}#{entry.get('id') or entry.get('link') or index}"
        content = entry.get("content", [{}])[0].get("value") or entry.get("summary") or ""
        if not content.strip():
            yield InputError(origin, "feed item has no content")
            continue
        root = lxml.html.document_fromstring(f"<div>{content}</div>")
        # Many feeds carry plain text (no paragraph markup): then the whole item is one block.
        plain = " ".join(root.text_content().split())
        blocks = fallback_blocks(root) or ([Block(text=plain)] if plain else [])
        if not blocks:
            yield InputError(origin, "feed item has no text")
            continue
        yield RawDocument(
            origin=origin,
            blocks=blocks,
            url=entry.get("link"),
            source=source,
            title=entry.get("title"),
            published=from_struct_time(
                entry.get("published_parsed") or entry.get("updated_parsed")
            ),
        )


def read_warc(stream: IO[bytes], name: str, max_bytes: int) -> Iterator[Item]:
    """HTML and plain-text responses and resources of a WARC file, one document each."""
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "resource", "conversion"):
                continue
            record_id = record.rec_headers.get_header("WARC-Record-ID") or "?"
            origin = f"{name}#{record_id.strip('<>')}"
            url = record.rec_headers.get_header("WARC-Target-URI")
            ctype = (
                record.http_headers.get_header("Content-Type") if record.http_headers else None
            ) or (record.rec_headers.get_header("Content-Type") or "")
            if "html" not in ctype and "text/plain" not in ctype:
                continue
            try:
                payload = record.content_stream().read(max_bytes + 1)
                check_size(len(payload), max_bytes, origin)
                text = decode_bytes(payload, origin)
                if "html" in ctype:
                    yield read_html(text, origin, url=url)
                else:
                    yield RawDocument(origin=origin, text=text, url=url)
            except InputError as exc:
                yield exc
    except ArchiveLoadFailed as exc:
        yield InputError(name, f"not a readable WARC file ({exc})")
