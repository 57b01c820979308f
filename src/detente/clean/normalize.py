"""Normalising text: mojibake repair, Unicode NFC, line endings, stray controls, whitespace."""

from __future__ import annotations

import re

import ftfy

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalize_text(text: str) -> str:
    """Repair and tidy text; keeps line structure and leading indentation (thread nesting)."""
    text = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    text = _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = []
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" \t"))
        lines.append(line[:indent].replace("\t", "    ") + _SPACES.sub(" ", line[indent:]).rstrip())
    return "\n".join(lines).strip("\n")


def squash(text: str) -> str:
    """One line, single spaces: for blocks whose inner line breaks carry no meaning."""
    return " ".join(text.split())
