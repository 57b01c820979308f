"""Segmentation: headline, article body, comment thread, removed comments and boilerplate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from detente.clean.headlines import headline_with_stop
from detente.clean.normalize import normalize_text, squash
from detente.model import Block, RawDocument, Segment, SegmentKind
from detente.yamlfiles import load_yaml

_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "…")
_QUOTE_PREFIX = re.compile(r"^(>\s?)+")
BLOCK_SEPARATOR = "\n\n"


# Trimmed around a moderation marker before matching: "[deleted]", "(Removed)", "*deleted*".
_MARKER_TRIM = " \t[](){}<>*_.!-–—:"


@dataclass(frozen=True)
class Rules:
    """The segmentation patterns of `data/segmentation.yaml` and `data/boilerplate.yaml`."""

    moderation: tuple[re.Pattern[str], ...]
    thread_headings: tuple[re.Pattern[str], ...]
    comment_authors: tuple[re.Pattern[str], ...]
    boilerplate: tuple[re.Pattern[str], ...]
    markup_tokens: frozenset[str] = frozenset()
    markup_pairs: tuple[frozenset[str], ...] = ()
    not_found: tuple[re.Pattern[str], ...] = ()

    @staticmethod
    def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
        text = text.strip()
        return next((m for p in patterns if (m := p.fullmatch(text))), None)

    def _matches(self, patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
        """Whether one of `patterns` matches all of `text` (stripped): one pass of their
        alternation (`_joined`) where they join into one, as they do; every line of every
        document is tried against each list."""
        joined = _joined(patterns)
        if joined is None:
            return self._any(patterns, text) is not None
        return joined.fullmatch(text.strip()) is not None

    def is_removed(self, text: str) -> bool:
        core = text.strip(_MARKER_TRIM)
        return bool(core) and len(core) <= 200 and self._matches(self.moderation, core)

    def is_thread_heading(self, text: str) -> bool:
        return self._matches(self.thread_headings, text)

    def is_boilerplate(self, text: str) -> bool:
        return self._matches(self.boilerplate, text)

    def says_not_found(self, text: str) -> bool:
        """A line of an error page ("Page not found", "Oops! We can't find that page.")."""
        return self._matches(self.not_found, text)

    def is_furniture_markup(self, tokens: set[str]) -> bool:
        """Markup tokens (class, id, role… split into words) that name site furniture."""
        return not tokens.isdisjoint(self.markup_tokens) or any(
            pair <= tokens for pair in self.markup_pairs
        )

    def is_structural(self, text: str) -> bool:
        """A line that is never part of running prose."""
        return (
            self.is_removed(text)
            or self.is_thread_heading(text)
            or self.is_boilerplate(text)
            or self.author_of(text) is not None
        )

    def author_of(self, text: str) -> str | None:
        found = self._any(self.comment_authors, text)
        return found.group("author").strip() if found else None


@cache
def _joined(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One pattern that fully matches a text where one of `patterns` does (their alternation,
    with their flags); None when they cannot be joined (differing flags, a pattern that
    compiles alone only)."""
    flags = {p.flags for p in patterns}
    if len(flags) != 1:
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags.pop())
    except re.error:
        return None


def _read_data(name: str) -> dict[str, list[Any]]:
    loaded = load_yaml(resources.files("detente.clean").joinpath(f"data/{name}").read_text())
    return loaded if isinstance(loaded, dict) else {}


@cache
def load_rules() -> Rules:
    """The one loader of the segmentation and boilerplate knowledge files."""
    raw, furniture = _read_data("segmentation.yaml"), _read_data("boilerplate.yaml")

    def compile_all(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(f"(?:{p})", re.IGNORECASE) for p in patterns)

    return Rules(
        moderation=compile_all(raw["moderation"]),
        thread_headings=compile_all(raw["thread_headings"]),
        comment_authors=compile_all(raw["comment_authors"]),
        boilerplate=compile_all(furniture["lines"] + furniture.get("not_found", [])),
        not_found=compile_all(furniture.get("not_found", [])),
        markup_tokens=frozenset(str(t).lower() for t in furniture.get("markup", [])),
        markup_pairs=tuple(
            frozenset(str(t).lower() for t in pair) for pair in furniture.get("markup_pairs", [])
        ),
    )


def text_blocks(text: str) -> list[Block]:
    """Blocks of plain text: blank-line paragraphs (hard wraps undone), or lines when no blank lines.

    Leading indentation or `>` quoting gives the nesting depth of a comment reply.
    """
    text = normalize_text(text)
    rules = load_rules()
    has_paragraphs = re.search(r"\n\s*\n", text) is not None
    groups = re.split(r"\n\s*\n", text) if has_paragraphs else [text]
    blocks: list[Block] = []
    for group in groups:
        for line in _unwrap([ln for ln in group.split("\n") if ln.strip()], has_paragraphs, rules):
            stripped = line.lstrip(" ")
            quoted = _QUOTE_PREFIX.match(stripped)
            depth = quoted.group(0).count(">") if quoted else (len(line) - len(stripped)) // 2
            body = stripped[quoted.end() :] if quoted else stripped
            if body.strip():
                blocks.append(Block(text=body.strip(), depth=depth))
    return blocks


def _unwrap(lines: list[str], in_paragraph: bool, rules: Rules) -> list[str]:
    """Join hard-wrapped lines; keep lines that stand alone.

    Where the text has no blank lines, every line is its own block unless the whole text is
    visibly hard-wrapped (most lines 40-90 characters long). Lines with a different indentation
    and structural lines (author headers, moderation markers, boilerplate) always stand alone.
    """
    if len(lines) < 2:
        return lines
    wrapped = sum(1 for ln in lines[:-1] if 40 <= len(ln) <= 90) >= 0.8 * (len(lines) - 1)
    out = [lines[0]]
    for line in lines[1:]:
        prev = out[-1]
        continues = not prev.rstrip().endswith(_TERMINAL) and (
            (in_paragraph and line.lstrip()[:1].islower()) or (wrapped and len(prev) >= 40)
        )
        same_indent = _indent(prev) == _indent(line) and not line.lstrip().startswith(">")
        if (
            continues
            and same_indent
            and not (rules.is_structural(prev) or rules.is_structural(line))
        ):
            out[-1] = f"{prev.rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _looks_like_title(blocks: list[Block]) -> bool:
    """Whether a text's first block is its headline: one short line that does not end like a
    sentence, or ends with a full stop but is written in Title Case ("Stealth Over Health:
    Hillary Clinton Was Headed to ER." heads some archives' exports), or reads as a headline
    with a full stop (`detente.clean.headlines.headline_with_stop`)."""
    first = blocks[0].text.rstrip()
    if len(blocks) < 2 or len(first) > 200 or "\n" in first:
        return False
    if load_rules().is_boilerplate(first):
        return False
    if headline_with_stop(first, blocks[1].text):  # "Judge rejects request to unseal file."
        return True
    return not first.endswith((",", ";", ":", "…")) and (
        not first.endswith(".") or _title_case(first)
    )


# small words that prose capitalises only at a sentence's start (or in a name such as "The Hague")
_TITLE_WORDS = frozenset(
    """the and for of with from over after amid into are was were is to in on at by as but or
    up out off against about than that this has have had will be not""".split()  # noqa: SIM905
)


def _title_case(line: str) -> bool:
    """Title Case: a small word capitalised after the first word ("Up", "Over", "Are") and
    three in four of the words of four letters or more capitalised."""
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    long = [w for w in words if len(w) >= 4]
    small = any(w[0].isupper() and w.lower() in _TITLE_WORDS for w in words[1:])
    return small and len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.75 * len(long)


def _thread_start(blocks: list[Block], rules: Rules) -> int:
    """Index of the first block of the comment thread (len(blocks) when there is none)."""
    for i, block in enumerate(blocks):
        if block.hint is SegmentKind.BOILERPLATE:
            continue
        if block.hint is SegmentKind.COMMENT or rules.is_removed(block.text):
            return i
        if rules.is_thread_heading(block.text) or rules.author_of(block.text):
            return i
    return len(blocks)


def classify(blocks: list[Block]) -> list[tuple[Block, SegmentKind]]:
    """The segment kind of every block, and the author of comments (from author lines)."""
    rules = load_rules()
    start = _thread_start(blocks, rules)
    out: list[tuple[Block, SegmentKind]] = []
    author: str | None = None
    for i, block in enumerate(blocks):
        text = block.text
        if block.hint is SegmentKind.HEADLINE or (
            i == 0 and i < start and _looks_like_title(blocks)
        ):
            kind = SegmentKind.HEADLINE
        elif block.hint is SegmentKind.BOILERPLATE:
            kind = SegmentKind.BOILERPLATE  # the markup already said so
        elif rules.is_removed(text):
            kind = SegmentKind.REMOVED_COMMENT
        elif i < start:
            kind = SegmentKind.BOILERPLATE if rules.is_boilerplate(text) else SegmentKind.BODY
        elif rules.is_thread_heading(text) or rules.is_boilerplate(text):
            kind = SegmentKind.BOILERPLATE
        elif (named := rules.author_of(text)) is not None:
            author = named
            out.append((block, SegmentKind.BOILERPLATE))
            continue
        else:
            kind = SegmentKind.COMMENT
        if kind in (SegmentKind.COMMENT, SegmentKind.REMOVED_COMMENT):
            if block.author is None and author:
                block = block.model_copy(update={"author": author})
            author = None  # an author line names the next comment only
        out.append((block, kind))
    return out


def assemble(classified: list[tuple[Block, SegmentKind]]) -> tuple[str, list[Segment]]:
    """The document text (blocks joined by blank lines) and its segments with offsets.

    A comment's parent is the nearest earlier comment one level shallower.
    """
    parts: list[str] = []
    segments: list[Segment] = []
    offset = 0
    last_at_depth: dict[int, int] = {}
    for block, kind in classified:
        text = squash(block.text)
        if not text:
            continue
        if parts:
            offset += len(BLOCK_SEPARATOR)
        parent = None
        if kind in (SegmentKind.COMMENT, SegmentKind.REMOVED_COMMENT):
            parent = last_at_depth.get(block.depth - 1) if block.depth > 0 else None
            last_at_depth[block.depth] = len(segments)
            for deeper in [d for d in last_at_depth if d > block.depth]:
                del last_at_depth[deeper]
        segments.append(
            Segment(
                kind=kind,
                start=offset,
                end=offset + len(text),
                author=block.author,
                parent=parent,
                posted=block.posted,
            )
        )
        parts.append(text)
        offset += len(text)
    return BLOCK_SEPARATOR.join(parts), segments


def segment_document(raw: RawDocument) -> tuple[str, list[Segment]]:
    """Text and segments of a raw document that has blocks (HTML, feeds) or plain text."""
    if raw.blocks is not None:
        blocks = [b.model_copy(update={"text": normalize_text(b.text)}) for b in raw.blocks]
    else:
        blocks = text_blocks(raw.text or "")
    blocks = [b for b in blocks if b.text.strip()]
    if raw.title and not any(b.hint is SegmentKind.HEADLINE for b in blocks):
        title = squash(normalize_text(raw.title))
        if blocks and squash(blocks[0].text) == title:
            blocks[0] = blocks[0].model_copy(update={"hint": SegmentKind.HEADLINE})
        elif title:
            blocks.insert(0, Block(text=title, hint=SegmentKind.HEADLINE))
    return assemble(classify(blocks))
