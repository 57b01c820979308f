"""Turning bytes into text: size limits, binary detection, encoding detection."""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

from detente.errors import InputError

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = {9, 10, 12, 13, 27}
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# Disqus exports and some feeds wrap comment HTML in CDATA, which the HTML parser would drop.
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
# lxml refuses text that declares its own encoding; the text is already decoded.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def parseable_markup(html: str) -> str:
    """Decoded HTML as lxml's HTML parser takes it: no encoding declaration (XHTML pages open
    with one, and lxml refuses it in text already decoded), CDATA sections unwrapped."""
    return _CDATA.sub(r"\1", _XML_DECLARATION.sub("", html))


def check_size(size: int, limit: int, origin: str) -> None:
    if size > limit:
        raise InputError(
            origin, f"{size / 1e6:.1f} MB is above the {limit / 1e6:.1f} MB limit (--max-bytes)"
        )


def looks_binary(data: bytes) -> bool:
    """Binary if the head has NUL bytes or many control characters (BOM-marked UTF-16 excepted)."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return controls > max(8, len(head) // 20)


def charset_label(value: str | None) -> str | None:
    """The Python codec for a declared charset label (HTTP header or meta), None if unknown.

    Labels that the web platform reads as windows-1252 (latin-1, ascii) map to it, as browsers do.
    """
    if not value:
        return None
    label = value.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def content_type_charset(content_type: str | None) -> str | None:
    found = _CHARSET_PARAM.search(content_type or "")
    return found.group(1) if found else None


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its head (<meta charset> or http-equiv)."""
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii", "replace") if found else None


def decode_bytes(data: bytes, origin: str, declared: str | None = None) -> str:
    """Decode bytes to text.

    Order: a byte-order mark; the charset the transport declared (`declared`, e.g. the HTTP
    Content-Type of a WARC record), then the page's own <meta charset>; else UTF-8 where valid,
    else the detected encoding (with a warning), else refuse. A declared single-byte charset
    does not override bytes that are valid non-ASCII UTF-8: servers often declare latin-1 by
    default while sending UTF-8, and text in a single-byte charset is almost never valid UTF-8.
    """
    if not data.strip():
        raise InputError(origin, "empty input")
    if looks_binary(data):
        raise InputError(origin, "binary data, not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    utf8 = _utf8(data)
    for label in (declared, meta_charset(data)):
        codec = charset_label(label)
        if codec is None:
            continue
        if codec != "utf-8" and utf8 is not None and not data.isascii():
            log.info("%s: declared %s, but the bytes are UTF-8", origin, label)
            return utf8
        return data.decode(codec, errors="replace")
    if utf8 is not None:
        return utf8
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(origin, "not valid UTF-8 and no other encoding fits")
    log.warning("%s: not valid UTF-8, decoded as %s", origin, best.encoding)
    return str(best)


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None
