"""Normalising text: mojibake repair, Unicode NFC, line endings, stray controls, whitespace."""

from __future__ import annotations

import re

import ftfy

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# What ftfy may change in a line: anything but printable ASCII, tabs and line breaks (mojibake,
# width, ligatures, controls, "\r", terminal escapes are all outside it), "&" (entities), and
# the typographic quotes, dashes and ellipsis of ordinary news copy (`TYPOGRAPHY`): alone with
# ASCII they cannot be mojibake (no lead byte), so ftfy leaves such a line as it is, and checking
# it cost 0.1 ms a line. With any other character (even "£": "”£" can be mojibake) ftfy runs.
TYPOGRAPHY = "\u2018\u2019\u201c\u201d\u2013\u2014\u2026"
_FTFY_WORK = re.compile(rf"[^\t\n\x20-\x25\x27-\x7e{TYPOGRAPHY}]")
_FTFY = ftfy.TextFixerConfig(explain=False, normalization="NFC", uncurl_quotes=False)
_FTFY_NO_HTML = _FTFY._replace(unescape_html=False)


def normalize_text(text: str) -> str:
    """Repair and tidy text; keeps line structure and leading indentation (thread nesting)."""
    text = _fix_text(text)
    text = _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = []
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" \t"))
        lines.append(line[:indent].replace("\t", "    ") + _SPACES.sub(" ", line[indent:]).rstrip())
    return "\n".join(lines).strip("\n")


def _fix_text(text: str) -> str:
    """`ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)`, line by line as ftfy
    works, with ftfy called only on the lines it could change: most news text is plain ASCII,
    on which ftfy's checks cost more than the rest of cleaning a document. Once a line holds a
    "<", ftfy stops unescaping HTML entities for the rest of the text; so does this."""
    if _FTFY_WORK.search(text) is None:
        return text
    out: list[str] = []
    markup = False  # a "<" seen in an earlier line
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        line = text[start:end]
        if _FTFY_WORK.search(line) is None:
            out.append(line)
        else:
            out.append(ftfy.fix_text(line, _FTFY_NO_HTML if markup else _FTFY))
        markup = markup or "<" in line
        start = end
    return "".join(out)


def squash(text: str) -> str:
    """One line, single spaces: for blocks whose inner line breaks carry no meaning."""
    return " ".join(text.split())
