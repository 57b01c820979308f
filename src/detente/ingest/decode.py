"""Turning bytes into text: size limits, binary detection, encoding detection."""

from __future__ import annotations

import codecs
import logging

import charset_normalizer

from detente.errors import InputError

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = {9, 10, 12, 13, 27}


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


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode as UTF-8 where valid, else the detected encoding (with a warning), else refuse."""
    if not data.strip():
        raise InputError(origin, "empty input")
    if looks_binary(data):
        raise InputError(origin, "binary data, not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(
            origin,
            f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start})"
            " and no other encoding fits",
        )
    log.warning("%s: not valid UTF-8, decoded as %s", origin, best.encoding)
    return str(best)
