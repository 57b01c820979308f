"""Comment threads from page markup: text, author, time, nesting, removed markers, by profile."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from lxml import etree

from detente.ingest.dates import parse_date
from detente.model import Block, SegmentKind
from detente.yamlfiles import load_yaml

_HAS_CLASS = re.compile(r"\{class:([\w-]+)\}")
# Times a page shows relative to when it was rendered ("3 hours ago", "2h"): with no base time
# they say nothing about the date, so they are left unparsed rather than dated from today.
_RELATIVE = re.compile(
    r"\b(ago|just now|yesterday|today|now)\b|^\s*\d+\s*[smhdwy]\s*$", re.IGNORECASE
)
_EPOCH = re.compile(r"^\d{10}(\d{3})?$")
_ISO_HEAD = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?"
)
_AUTHOR_NOISE = re.compile(r"^(by|posted by|from)\s+|\s*(says|said|wrote|writes)?\s*:?\s*$", re.I)
_SPLIT_TOKENS = re.compile(r"[\s_-]+")
# The tag lxml's HTML parser gives an XML comment (<!-- -->) or processing instruction.
_NOT_ELEMENTS = (etree._Comment, etree._ProcessingInstruction)


@dataclass(frozen=True)
class Profile:
    name: str
    node_expr: str
    node: etree.XPath | None
    text: etree.XPath | None = None
    author: etree.XPath | None = None
    posted: etree.XPath | None = None
    depth: etree.XPath | None = None
    removed: etree.XPath | None = None
    quoted: etree.XPath | None = None
    opening_post: bool = False
    title: etree.XPath | None = None  # from the page root
    bylines: str | None = None  # from the page root, expanded


@dataclass(frozen=True)
class Markup:
    """The knowledge of `data/comments.yaml`, compiled."""

    profiles: tuple[Profile, ...]
    generic_node: re.Pattern[str]
    generic_text: re.Pattern[str]
    generic_author: re.Pattern[str]
    chrome_tags: frozenset[str]
    chrome_tokens: frozenset[str]


def _expand(expr: str) -> str:
    return _HAS_CLASS.sub(r"contains(concat(' ', normalize-space(@class), ' '), ' \1 ')", expr)


def _xpath(expr: str | None) -> etree.XPath | None:
    return etree.XPath(_expand(expr)) if expr else None


@cache
def load_markup() -> Markup:
    raw: dict[str, Any] = load_yaml(
        resources.files("detente.ingest").joinpath("data/comments.yaml").read_text()
    )
    profiles = tuple(
        Profile(
            name=p["name"],
            node_expr=_expand(p["node"]),
            node=_xpath(p["node"]),
            **{
                k: _xpath(p.get(k))
                for k in ("text", "author", "posted", "depth", "removed", "quoted", "title")
            },
            opening_post=bool(p.get("opening_post", False)),
            bylines=_expand(p["bylines"]) if p.get("bylines") else None,
        )
        for p in raw["profiles"]
    )
    return Markup(
        profiles=profiles,
        generic_node=re.compile(raw["generic_node"]),
        generic_text=re.compile(raw["generic_text"]),
        generic_author=re.compile(raw["generic_author"]),
        chrome_tags=frozenset(raw["chrome_tags"]),
        chrome_tokens=frozenset(t.lower() for t in raw["chrome_tokens"]),
    )


def tokens(el: etree._Element) -> list[str]:
    return f"{el.get('class', '')} {el.get('id', '')}".lower().split()


def word_tokens(el: etree._Element) -> set[str]:
    return {w for t in tokens(el) for w in _SPLIT_TOKENS.split(t) if w}


def is_generic_comment(el: etree._Element) -> bool:
    if "comment" in (el.get("itemtype") or "").lower():
        return True
    return any(load_markup().generic_node.match(t) for t in tokens(el))


@dataclass
class Thread:
    """Comments of a page, and the opening post of a forum thread when the markup has one."""

    comments: list[Block]
    opening_post: list[Block]
    node_xpath: str | None = None  # the XPath of the comment nodes, where a profile found them
    title: str | None = None  # the thread's own title, where the profile says where it is
    bylines: str | None = None  # the XPath of post taglines and bylines (never article text)

    @property
    def prune(self) -> list[str]:
        """XPaths of what an article extractor must not read: comments and post bylines."""
        return [x for x in (self.node_xpath, self.bylines) if x]


def extract_thread(root: etree._Element) -> Thread:
    """One block per comment, with author, time and nesting depth, in document order."""
    nodes, profile = _thread_nodes(root)
    thread = _thread(nodes, profile, load_markup())
    if profile is not None:
        thread.node_xpath, thread.bylines = profile.node_expr, profile.bylines
        thread.title = _thread_title(root, profile)
    return thread


def _thread_title(root: etree._Element, profile: Profile) -> str | None:
    for found in profile.title(root) if profile.title is not None else []:
        raw = "".join(found.itertext()) if isinstance(found, etree._Element) else str(found)
        if title := " ".join(raw.split()):
            return title
    return None


def comment_nodes(root: etree._Element) -> list[etree._Element]:
    """The elements holding the page's comments, as `extract_thread` finds them (a forum
    thread's opening post is the article, not a comment), so whatever else reads the page
    (its publication date) leaves out exactly what the thread extraction took as comments."""
    nodes, profile = _thread_nodes(root)
    return nodes[1:] if profile is not None and profile.opening_post else nodes


def _thread_nodes(root: etree._Element) -> tuple[list[etree._Element], Profile | None]:
    """The comment (or post) nodes of the first profile that finds any, else the generic ones."""
    for profile in load_markup().profiles:
        found = profile.node(root) if profile.node is not None else []
        nodes = [n for n in found if isinstance(n, etree._Element)]
        if nodes:
            return nodes, profile
    nodes = [
        el
        for el in root.iter()
        if isinstance(el.tag, str) and not isinstance(el, _NOT_ELEMENTS) and is_generic_comment(el)
    ]
    return nodes, None


def _thread(nodes: list[etree._Element], profile: Profile | None, markup: Markup) -> Thread:
    chosen = set(nodes)
    blocks = [b for n in nodes if (b := _comment(n, chosen, profile, markup)) is not None]
    if profile is not None and profile.opening_post and blocks and nodes:
        top = _text_element(nodes[0], chosen, profile, markup)
        opening = [Block(text=t) for t in _paragraphs(top, markup, chosen)]
        return Thread(comments=blocks[1:], opening_post=opening)
    return Thread(comments=blocks, opening_post=[])


def _owner(found: Any, chosen: set[etree._Element]) -> etree._Element | None:
    """The comment node that a match belongs to (the nearest selected ancestor-or-self)."""
    el = found if isinstance(found, etree._Element) else found.getparent()
    while el is not None:
        if el in chosen:
            return el
        el = el.getparent()
    return None


def _first(path: etree.XPath | None, node: etree._Element, chosen: set[etree._Element]) -> Any:
    if path is None:
        return None
    return next((m for m in path(node) if _owner(m, chosen) is node), None)


def _text_element(
    node: etree._Element, chosen: set[etree._Element], profile: Profile | None, markup: Markup
) -> etree._Element:
    if profile is not None:
        found = _first(profile.text, node, chosen)
        return found if isinstance(found, etree._Element) else node
    content = [
        d
        for d in node.iter()
        if d is not node
        and isinstance(d.tag, str)
        and _owner(d, chosen) is node
        and any(markup.generic_text.search(t) for t in tokens(d))
        and not _is_chrome(d, markup)
    ]
    # The innermost match is the text itself, not a wrapper that also holds the byline.
    return max(content, key=lambda d: sum(1 for _ in d.iterancestors()), default=node)


def _comment(
    node: etree._Element, chosen: set[etree._Element], profile: Profile | None, markup: Markup
) -> Block | None:
    # another post quoted in a reply is not the replier's words
    quoted = (
        [q for q in profile.quoted(node) if _owner(q, chosen) is node]
        if profile and profile.quoted is not None
        else []
    )
    skipped = chosen | {q for q in quoted if isinstance(q, etree._Element)}
    text = " ".join(_paragraphs(_text_element(node, chosen, profile, markup), markup, skipped))
    removed = profile is not None and _first(profile.removed, node, chosen) is not None
    if removed and not text:
        text = "[deleted]"
    if not text:
        return None
    author = _author(node, chosen, profile, markup)
    depth = _depth(node, chosen, profile)
    posted = _posted(
        _first(profile.posted, node, chosen) if profile else _generic_time(node, chosen)
    )
    return Block(text=text, hint=SegmentKind.COMMENT, author=author, depth=depth, posted=posted)


def _is_chrome(el: etree._Element, markup: Markup) -> bool:
    return el.tag in markup.chrome_tags or not word_tokens(el).isdisjoint(markup.chrome_tokens)


def _paragraphs(
    top: etree._Element, markup: Markup, chosen: set[etree._Element] | None = None
) -> list[str]:
    """The text of an element, one string per paragraph, without furniture or nested replies."""
    chunks: list[list[str]] = [[]]

    def walk(el: etree._Element) -> None:
        for child in el:
            skip = isinstance(child, _NOT_ELEMENTS) or (
                (chosen is not None and child in chosen) or _is_chrome(child, markup)
            )
            if not skip:
                block = child.tag in ("p", "div", "li", "blockquote", "br", "pre")
                if block:
                    chunks.append([])
                chunks[-1].append(child.text or "")
                walk(child)
                if block:
                    chunks.append([])
            chunks[-1].append(child.tail or "")

    chunks[-1].append(top.text or "")
    walk(top)
    out = [" ".join("".join(c).split()) for c in chunks]
    return [t for t in out if t]


def _author(
    node: etree._Element, chosen: set[etree._Element], profile: Profile | None, markup: Markup
) -> str | None:
    if profile is not None:
        found = _first(profile.author, node, chosen)
    else:
        found = next(
            (
                d
                for d in node.iter()
                if d is not node
                and isinstance(d.tag, str)
                and _owner(d, chosen) is node
                and any(markup.generic_author.search(t) for t in tokens(d))
            ),
            None,
        )
    if found is None:
        return None
    raw = str(found) if not isinstance(found, etree._Element) else "".join(found.itertext())
    name = _AUTHOR_NOISE.sub("", " ".join(raw.split())).strip(" @")
    # "[deleted]" in the author slot is a removed marker, not somebody's name
    return name if name and not (name.startswith("[") and name.endswith("]")) else None


def _depth(node: etree._Element, chosen: set[etree._Element], profile: Profile | None) -> int:
    stated = _first(profile.depth, node, chosen) if profile else None
    if stated is not None and str(stated).strip().isdigit():
        return int(str(stated).strip())
    return sum(1 for a in node.iterancestors() if a in chosen)


def _generic_time(node: etree._Element, chosen: set[etree._Element]) -> Any:
    for el in node.iter("time"):
        if _owner(el, chosen) is node:
            return el.get("datetime") or el
    return None


def _posted(found: Any) -> datetime | None:
    """A comment's timestamp; None when the page only says how long ago it was."""
    if found is None:
        return None
    if isinstance(found, etree._Element):
        found = found.get("datetime") or found.get("title") or "".join(found.itertext())
    value = " ".join(str(found).split())
    if not value or _RELATIVE.search(value):
        return None
    if _EPOCH.match(value):
        return datetime.fromtimestamp(int(value[:10]), tz=UTC)
    iso = _ISO_HEAD.match(value)
    return parse_date(iso.group(0) if iso else value, quiet=True)
