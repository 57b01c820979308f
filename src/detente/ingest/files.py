"""Local inputs: single files by kind, directories (recursive, glob filters) and stdin."""

from __future__ import annotations

import fnmatch
import io
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from markdown_it import MarkdownIt

from detente.errors import InputError
from detente.ingest.decode import check_size, decode_bytes
from detente.ingest.html import fallback_blocks, parse_html, read_html
from detente.ingest.records import Item, read_feed, read_jsonl, read_warc
from detente.model import RawDocument, SegmentKind

DEFAULT_GLOBS = (
    "*.txt",
    "*.md",
    "*.markdown",
    "*.html",
    "*.htm",
    "*.jsonl",
    "*.ndjson",
    "*.xml",
    "*.rss",
    "*.atom",
    "*.warc",
    "*.warc.gz",
)
_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}


STREAMED_KINDS = ("jsonl", "warc")  # read record by record; the size cap applies per record


def kind_of(path: Path, head: bytes) -> str:
    """The reader for a file: by its suffix, else by sniffing its first bytes."""
    name = path.name.lower()
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    if path.suffix.lower() in _KINDS:
        return _KINDS[path.suffix.lower()]
    start = head.lstrip()[:512].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if b"<rss" in start or b"<feed" in start:
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def walk(
    paths: Sequence[str], include: Sequence[str], exclude: Sequence[str]
) -> Iterator[Path | InputError]:
    """Files named or found under directories, filtered by globs, in a stable order."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = str(found.relative_to(path))
                if _matches(found.name, include) and not _matches(rel, exclude):
                    yield found
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield InputError(given, "no such file or directory")


def _matches(name: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(Path(name).name, g) for g in globs)


def read_path(path: Path, max_bytes: int) -> Iterator[Item]:
    origin = str(path)
    try:
        with path.open("rb") as handle:
            kind = kind_of(path, handle.read(4096))
            handle.seek(0)
            if kind not in STREAMED_KINDS:
                check_size(path.stat().st_size, max_bytes, origin)
            yield from read_stream(handle, origin, kind, max_bytes)
    except OSError as exc:
        yield InputError(origin, f"cannot read ({exc.strerror or exc})")
    except InputError as exc:
        yield exc


def read_stdin(max_bytes: int) -> Iterator[Item]:
    stream = sys.stdin.buffer
    head = stream.peek(4096) if isinstance(stream, io.BufferedReader) else b""
    yield from read_stream(stream, "<stdin>", kind_of(Path("-"), head), max_bytes)


def read_stream(handle: BinaryIO, origin: str, kind: str, max_bytes: int) -> Iterator[Item]:
    """Record formats stream record by record; whole-document formats are read up to the cap."""
    if kind == "jsonl":
        yield from read_jsonl(handle, origin, max_bytes)
    elif kind == "warc":
        yield from read_warc(handle, origin, max_bytes)
    else:
        data = handle.read(max_bytes + 1)
        try:
            check_size(len(data), max_bytes, origin)
        except InputError as exc:
            yield exc
            return
        yield from read_bytes(data, origin, kind)


def read_bytes(data: bytes, origin: str, kind: str) -> Iterator[Item]:
    try:
        if kind == "feed":
            yield from read_feed(data, origin)
            return
        text = decode_bytes(data, origin)
        if kind == "html":
            yield read_html(text, origin)
        elif kind == "markdown":
            yield read_markdown(text, origin)
        else:
            yield RawDocument(origin=origin, text=text)
    except InputError as exc:
        yield exc


def read_markdown(text: str, origin: str) -> RawDocument:
    """Markdown rendered to HTML, then read paragraph by paragraph; the first H1 is the title."""
    root = parse_html(MarkdownIt("commonmark").render(text), origin)
    h1 = root.find(".//h1")
    title = " ".join(h1.text_content().split()) if h1 is not None else None
    blocks = fallback_blocks(root)
    if title and blocks and blocks[0].text == title:
        blocks[0] = blocks[0].model_copy(update={"hint": SegmentKind.HEADLINE})
    if not blocks:
        raise InputError(origin, "no text in the Markdown")
    return RawDocument(origin=origin, text=None, blocks=blocks, title=title)
