"""Where a paragraph quotes: text in double, angle or single quotation marks, a quotation the
paragraph opens and leaves open (it goes on in the next), and quoted names that are no speech."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from detente.yamlfiles import load_yaml

DOUBLE = re.compile(r"“([^”]{2,}?)”|«([^»]{2,}?)»")  # straight marks are paired by `_straight`
OPENS_AFTER = "([{—–-/"  # a straight mark after a space or one of these, before a word, opens
CLOSES_BEFORE = ".,;:!?)]}—–-…"  # one after a word, before a space or one of these, closes
# An opening single mark follows no word character and precedes a letter; a closing one follows
# a non-space and precedes no word character ("Britain’s" and "the ’90s" are neither).
SINGLE = re.compile(r"(?<![\w’'‘])([‘'])(?=[^\W\d_])(.+?)(?<=\S)[’'](?![\w’'])")
OPENERS = '“"«'
CLOSERS = {"“": "”", '"': '"', "«": "»"}
_OPENER = re.compile(f"[{OPENERS}]")
_STRAIGHT = re.compile('"')


@dataclass(frozen=True)
class Marked:
    """One quotation in a paragraph: the marks at `start`/`end`, the words between them at
    `inner_start`/`inner_end` (character offsets in the paragraph); `open_end` when the paragraph
    ends before the quotation closes."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    open_end: bool = False


@cache
def knowledge() -> dict[str, Any]:
    """The quote finder's data (`data/quotes.yaml`): name cues, elisions, confidences."""
    text = resources.files("detente.quotes").joinpath("data/quotes.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text)
    return data


def quotations(text: str) -> list[Marked]:
    """Every quotation of the paragraph `text`, in order: double and angle marks first, single
    ones outside them (a double-marked quotation inside a single-marked one is part of it), and
    an opening mark left unclosed, which runs to the end of the paragraph."""
    doubles = sorted([_marked(m) for m in DOUBLE.finditer(text)] + _straight(text),
                     key=lambda m: m.start)  # fmt: skip
    singles = [s for s in _singles(text) if not any(d.start <= s.start < d.end for d in doubles)]
    found = [d for d in doubles if not any(s.start < d.start and d.end <= s.end for s in singles)]
    found += singles
    left_open = _left_open(text, found)
    if left_open is not None:  # quotations inside it are part of it
        found = [m for m in found if m.end <= left_open.start] + [left_open]
    return sorted(found, key=lambda m: m.start)


def _marked(match: re.Match[str]) -> Marked:
    group = next(g for g in range(1, (match.lastindex or 1) + 1) if match.group(g) is not None)
    return Marked(match.start(), match.end(), match.start(group), match.end(group))


def _straight(text: str) -> list[Marked]:
    """Quotations in straight double marks, paired by which side of a word each mark stands:
    an opening mark met while a quotation is open, after the end of a sentence ("… ID cards.
    "The Tories …"), starts a new one and ends the last there (a paragraph break the text lost
    between two paragraphs of one quotation); any other mark closes the open quotation."""
    out: list[Marked] = []
    opened: int | None = None
    for found in _STRAIGHT.finditer(text):  # (a loop over every character cost more)
        i = found.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opening = (before.isspace() or before in OPENS_AFTER) and not after.isspace()
        closing = not before.isspace() and (after.isspace() or after in CLOSES_BEFORE)
        if opened is None:
            opened = i if opening or not closing else None
            continue
        inner_end = len(text[:i].rstrip())
        lost_break = opening and not closing and text[opened + 1 : inner_end][-1:] in ".!?"
        if inner_end - opened - 1 >= 2:
            end = i if lost_break else i + 1
            out.append(Marked(opened, end, opened + 1, inner_end if lost_break else i))
        opened = i if lost_break else None
    return out


def _singles(text: str) -> list[Marked]:
    if "'" not in text and "‘" not in text:
        return []
    elisions = frozenset(knowledge()["elisions"])
    out = []
    for match in SINGLE.finditer(text):
        inner = match.group(2)
        opening_word = re.match(r"[^\W\d_]+", inner)
        if opening_word and opening_word.group().lower() in elisions and match.group(1) == "'":
            continue
        if sum(c.isalpha() for c in inner) < 2:
            continue
        out.append(Marked(match.start(), match.end(), match.start(2), match.end(2)))
    return out


def _left_open(text: str, found: list[Marked]) -> Marked | None:
    """A quotation opened outside the quotations `found` and never closed: it must open the
    paragraph or a sentence ("…. “We will …") and hold words."""
    for opener in _OPENER.finditer(text):
        i, mark = opener.start(), opener.group()
        if any(m.start <= i < m.end for m in found):
            continue
        if CLOSERS[mark] in text[i + 1 :] and not _closes_only_inner(text, i, found):
            continue
        before = text[:i].rstrip()
        if before and before[-1] not in '.:!?”"':
            return None
        end = len(text.rstrip())
        if sum(c.isalpha() for c in text[i + 1 : end]) < 2:
            return None
        return Marked(i, end, i + 1, end, open_end=True)
    return None


def _closes_only_inner(text: str, opening: int, found: list[Marked]) -> bool:
    """Every closing mark after `opening` belongs to a quotation found inside it."""
    closer = CLOSERS[text[opening]]
    rest = [j for j in range(opening + 1, len(text)) if text[j] == closer]
    return all(any(m.start < j < m.end or j == m.end - 1 for m in found) for j in rest)


def names_something(text: str, marked: Marked) -> bool:
    """Quoted words that name something rather than say it: after a name cue ("known as",
    "the so-called", "the film", "his supposed"), or a short Title Case phrase inside running
    text ("sang “American Skin”", "“New” Labour")."""
    before = re.findall(r"[\w-]+", text[: marked.start].lower())[-2:]
    cues = knowledge()["name_cues"]
    if any(" ".join(before[-n:]) in cues for n in (1, 2) if len(before) >= n):
        return True
    words = re.findall(r"[^\W\d_][\w’'-]*", text[marked.inner_start : marked.inner_end])
    if not words or len(words) > 6 or not words[0][0].isupper():
        return False
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at", "by", "with"}
    title = all(w[0].isupper() or w in small for w in words) and len(words) > 1
    written_before = re.findall(r"[^\W\d_][\w’'-]*", text[: marked.start])[-2:]
    running = any(w[0].islower() for w in written_before)  # not a headline in Title Case
    # part of a name that goes on after the marks: "“New” Labour", "the “Iron” Lady"
    in_name = all(w[0].isupper() for w in words) and re.match(r" [A-Z]", text[marked.end :])
    return running and (title or bool(in_name))
