"""HTML pages: the article with trafilatura (lxml fallback), the comment thread from the markup."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime

import htmldate
import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document as TrafilaturaDocument

from detente.errors import InputError
from detente.ingest.dates import parse_date
from detente.model import Block, RawDocument, SegmentKind

log = logging.getLogger(__name__)

# Class or id tokens that mark one comment in common CMS and forum markup.
_COMMENT_NODE = re.compile(
    r"^(comment|reply|post-reply|forum-post)([-_](item|node|entry))?$|^comment-\d+$"
)
_COMMENT_TEXT = re.compile(r"(^|[-_])(content|body|text|md|message)([-_]|$)")
_AUTHOR = re.compile(r"(^|[-_])(author|fn|username|user|nick)([-_]|$)")
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "form", "button", "iframe"}
_CHROME_TAGS = {"nav", "header", "footer", "aside"}
_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "dd", "td")


def parse_html(html: str, origin: str) -> etree._Element:
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(origin, f"malformed HTML ({exc})") from exc
    for bad in root.iter(*_SKIP_TAGS):
        bad.drop_tree()
    return root


def _tokens(el: etree._Element) -> list[str]:
    return f"{el.get('class', '')} {el.get('id', '')}".lower().split()


def _is_comment_node(el: etree._Element) -> bool:
    if "comment" in (el.get("itemtype") or "").lower():
        return True
    return any(_COMMENT_NODE.match(t) for t in _tokens(el))


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def extract_comments(root: etree._Element) -> list[Block]:
    """One block per comment node, with its author and nesting depth, in document order."""
    blocks: list[Block] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or not _is_comment_node(el):
            continue
        depth = sum(1 for a in el.iterancestors() if _is_comment_node(a))
        own = [d for d in el.iter() if d is el or not _inside_other_comment(d, el)]
        content = [
            d for d in own if d is not el and any(_COMMENT_TEXT.search(t) for t in _tokens(d))
        ]
        authors = [d for d in own if d is not el and any(_AUTHOR.search(t) for t in _tokens(d))]
        # The innermost match is the text itself, not a wrapper that also holds the byline.
        innermost = max(content, key=lambda d: sum(1 for _ in d.iterancestors()), default=None)
        text = _text(innermost) if innermost is not None else _own_text(el)
        if text:
            author = _text(authors[0]) if authors else None
            blocks.append(Block(text=text, hint=SegmentKind.COMMENT, author=author, depth=depth))
    return blocks


def _inside_other_comment(el: etree._Element, top: etree._Element) -> bool:
    for a in el.iterancestors():
        if a is top:
            return False
        if _is_comment_node(a):
            return True
    return False


def _own_text(el: etree._Element) -> str:
    """Text of a comment node without the text of the replies nested in it."""
    parts = [
        t
        for d in el.iter()
        if d is el or (not _inside_other_comment(d, el) and not _is_comment_node(d))
        for t in (d.text, d.tail if d is not el else None)
        if t
    ]
    return " ".join(" ".join(parts).split())


def fallback_blocks(root: etree._Element) -> list[Block]:
    """Paragraph-level blocks outside page chrome, for pages trafilatura cannot read."""
    blocks: list[Block] = []
    for el in root.iter(*_BLOCK_TAGS):
        ancestors = list(el.iterancestors())
        if any(a.tag in _CHROME_TAGS or _is_comment_node(a) for a in ancestors):
            continue
        if any(a.tag in _BLOCK_TAGS for a in ancestors):
            continue
        text = _text(el)
        if text:
            blocks.append(Block(text=text))
    return blocks


@dataclass
class Page:
    blocks: list[Block]
    title: str | None = None
    source: str | None = None
    published: datetime | None = None


def extract_page(html: str, origin: str) -> Page:
    """Article blocks (title first when known) and comment blocks, plus page metadata."""
    root = parse_html(html, origin)
    page = Page(blocks=[])
    extracted = _trafilatura(html, origin, with_metadata=True, include_comments=False)
    if extracted is not None and extracted.text:
        page.title, page.source = extracted.title, extracted.sitename
        page.published = parse_date(extracted.date) if extracted.date else None
        body = [Block(text=line) for line in extracted.text.splitlines() if line.strip()]
    else:
        body = fallback_blocks(root)
    page.title = page.title or _page_title(root)
    page.published = page.published or _find_date(html)
    if body and body[0].text.strip() == page.title:
        body = body[1:]
    comments = extract_comments(root) or _trafilatura_comments(html)
    headline = [Block(text=page.title, hint=SegmentKind.HEADLINE)] if page.title else []
    page.blocks = headline + body + comments
    if not body and not comments:
        raise InputError(origin, "no text found in the HTML")
    return page


def _trafilatura(
    html: str, origin: str, with_metadata: bool, include_comments: bool
) -> TrafilaturaDocument | None:
    try:
        found = trafilatura.bare_extraction(
            html, with_metadata=with_metadata, include_comments=include_comments
        )
    except Exception as exc:  # trafilatura raises many types on hostile markup
        log.info("%s: trafilatura failed (%s), using the fallback extractor", origin, exc)
        return None
    return found if isinstance(found, TrafilaturaDocument) else None


def _trafilatura_comments(html: str) -> list[Block]:
    found = _trafilatura(html, "comments", include_comments=True, with_metadata=False)
    text = found.comments if found is not None else None
    return [Block(text=t, hint=SegmentKind.COMMENT) for t in (text or "").splitlines() if t.strip()]


def _page_title(root: etree._Element) -> str | None:
    for xpath in ("//meta[@property='og:title']/@content", "//h1", "//title"):
        found = root.xpath(xpath)
        if found:
            text = found[0] if isinstance(found[0], str) else _text(found[0])
            if text.strip():
                return " ".join(text.split())
    return None


def _find_date(html: str) -> datetime | None:
    try:
        found = htmldate.find_date(html, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:
        return None
    return parse_date(found) if found else None


def read_html(html: str, origin: str, url: str | None = None) -> RawDocument:
    """An HTML page as a raw document; extraction happens in the (parallel) cleaning stage."""
    if not html.strip():
        raise InputError(origin, "empty input")
    return RawDocument(origin=origin, html=html, url=url)
