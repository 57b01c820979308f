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
from detente.ingest.dates import date_order, locale_from_url, source_date
from detente.ingest.decode import check_size, content_type_charset, decode_bytes
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
    meta: dict[str, Any] = {k: record[k] for k in _JSONL_FIELDS if isinstance(record.get(k), str)}
    meta.update(record_dates(record, origin))
    if isinstance(text, str):
        if not text.strip():
            raise InputError(origin, "empty `text`")
        return RawDocument(origin=origin, text=text, **meta)
    return RawDocument(origin=origin, html=html, **meta)


def record_dates(record: dict[str, Any], origin: str) -> dict[str, Any]:
    """`published` read in the record's locale (`locale`, else `language`, else the URL's
    country domain); a value that names no day is kept as text, a hint for datelines."""
    locale = next(
        (record[k] for k in ("locale", "language") if isinstance(record.get(k), str)), None
    )
    url = record.get("url") if isinstance(record.get("url"), str) else None
    value = record.get("published")
    text = str(value).strip() if value not in (None, "") and not isinstance(value, bool) else None
    return _source_dates(text, locale, url, origin)


def _source_dates(
    text: str | None, locale: str | None, url: str | None, origin: str
) -> dict[str, Any]:
    """The RawDocument date fields for a date string a source gave, read in its `locale` (else
    the locale of the URL's country domain); a string that names no day is kept as a hint. A
    string that cannot be used is warned about once, naming `origin` and saying why."""
    locale = locale if date_order(locale) else locale_from_url(url) or locale
    published = source_date(text, locale, origin) if text else None
    return {
        "published": published,
        "published_from": "source" if published else None,
        "published_text": text if text and published is None else None,
        "locale": locale,
    }


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
            **_entry_dates(entry, feed.feed.get("language"), origin),
        )


def _entry_dates(entry: Any, language: str | None, origin: str) -> dict[str, Any]:
    """The item's date as the feed wrote it, read by us: feedparser turns strings it does not
    know (`2024/3/29 15:07:41`) into the first day of the current month."""
    text = entry.get("published") or entry.get("updated") or entry.get("created")
    return _source_dates(text, language, entry.get("link"), origin)


def read_warc(stream: IO[bytes], name: str, max_bytes: int) -> Iterator[Item]:
    """HTML and plain-text responses and resources of a WARC file, one document each.

    A response whose HTTP status is not 2xx (a 404 page, a redirect) is skipped with an error
    naming the record; the charset of the HTTP Content-Type is respected.
    """
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "resource", "conversion"):
                continue
            try:
                item = _warc_document(record, name, max_bytes)
            except InputError as exc:
                yield exc
                continue
            if item is not None:
                yield item
    except ArchiveLoadFailed as exc:
        yield InputError(name, f"not a readable WARC file ({exc})")


def _warc_document(record: Any, name: str, max_bytes: int) -> RawDocument | None:
    record_id = record.rec_headers.get_header("WARC-Record-ID") or "?"
    origin = f"{name}#{record_id.strip('<>')}"
    url = record.rec_headers.get_header("WARC-Target-URI")
    http = record.http_headers  # None for resource records and non-HTTP responses
    ctype = (http.get_header("Content-Type") if http else None) or (
        record.rec_headers.get_header("Content-Type") or ""
    )
    if "html" not in ctype and "text/plain" not in ctype:
        return None
    status = http.get_statuscode() if http is not None and record.rec_type == "response" else None
    if status and not status.startswith("2"):
        reason = " ".join(http.statusline.split()) or status  # "404 Not Found"
        raise InputError(origin, f"HTTP {reason} for {url or 'the record'}: not an article")
    payload = record.content_stream().read(max_bytes + 1)
    check_size(len(payload), max_bytes, origin)
    text = decode_bytes(payload, origin, declared=content_type_charset(ctype))
    if "html" in ctype:
        return read_html(text, origin, url=url)
    return RawDocument(origin=origin, text=text, url=url)
