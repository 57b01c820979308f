"""HTML pages: the article with trafilatura (lxml fallback), the comment thread from the markup."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document as TrafilaturaDocument

from detente.errors import InputError
from detente.ingest.comments import extract_thread, is_generic_comment
from detente.ingest.decode import parseable_markup
from detente.ingest.pagedate import find_published
from detente.model import Block, RawDocument, SegmentKind

log = logging.getLogger(__name__)

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "button", "iframe"}
_CHROME_TAGS = {"nav", "header", "footer", "aside"}
_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "dd", "td")
# Attributes whose words name what an element is for ("cookie-banner", "Newsletter sign-up").
_PURPOSE_ATTRS = ("class", "id", "role", "aria-label", "data-component", "data-testid")
_WORDS = re.compile(r"[a-z]+")
# A line of an extracted article with no letter or digit ("|", "[–]", "•") is never prose.
_NO_WORDS = re.compile(r"^\W*$")
# trafilatura writes table cells as Markdown ("| | | text |", "a \\| b"): the bars are not text
_TABLE_BARS = re.compile(r"^(\s*\|)+\s*|(?<!\\)\s*(\|\s*)+$")


def parse_html(html: str, origin: str) -> etree._Element:
    try:
        root = lxml.html.document_fromstring(parseable_markup(html))
    except (etree.ParserError, ValueError) as exc:
        raise InputError(origin, f"malformed HTML ({exc})") from exc
    for bad in root.iter(*_SKIP_TAGS):
        bad.drop_tree()
    for form in root.iter("form"):
        # Input forms (comment boxes, sign-ups, search) are furniture; old Reddit wraps every
        # comment's text in a form of hidden fields, which is kept.
        if form.xpath(".//textarea | .//select | .//input[not(@type='hidden')]"):
            form.drop_tree()
    return root


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _purpose_words(el: etree._Element) -> set[str]:
    return {w for a in _PURPOSE_ATTRS for w in _WORDS.findall((el.get(a) or "").lower())}


def strip_furniture(root: etree._Element) -> list[str]:
    """Take consent, paywall, newsletter, sharing and related-links boxes out of the page.

    Recognised by their markup (class, id, role, aria words in `boilerplate.yaml`); an element
    that holds the article (an <h1>, an <article>, <main>, or most of the page's text) is never
    taken. Returns the paragraphs of what was taken, so the caller keeps them as boilerplate.
    """
    from detente.clean.segment import load_rules  # clean imports this module: import late

    rules = load_rules()
    page_letters = max(1, len(_text(root)))
    taken: list[etree._Element] = []
    taken_set: set[etree._Element] = set()
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "main", "article"):
            continue
        if any(a in taken_set for a in el.iterancestors()):
            continue
        if not rules.is_furniture_markup(_purpose_words(el)):
            continue
        if el.xpath(".//h1 | .//article | .//main") or len(_text(el)) > 0.5 * page_letters:
            continue
        taken.append(el)
        taken_set.add(el)
    texts: list[str] = []
    for el in taken:
        texts.extend(b.text for b in fallback_blocks(el, chrome=False) or [Block(text=_text(el))])
        el.drop_tree()
    return [t for t in texts if t]


def fallback_blocks(root: etree._Element, chrome: bool = True) -> list[Block]:
    """Paragraph-level blocks outside page chrome, for pages trafilatura cannot read."""
    blocks: list[Block] = []
    for el in root.iter(*_BLOCK_TAGS):
        ancestors = list(el.iterancestors())
        if chrome and any(a.tag in _CHROME_TAGS or is_generic_comment(a) for a in ancestors):
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
    locale: str | None = None  # the locale the page states (numeric dates are read with it)


def extract_page(html: str, origin: str) -> Page:
    """Article blocks (title first when known) and comment blocks, plus page metadata."""
    root = parse_html(html, origin)
    page = Page(blocks=[])
    thread = extract_thread(root)
    if thread.bylines:  # post taglines ("submitted 5 hours ago by X") are never article text
        for byline in root.xpath(thread.bylines):
            if isinstance(byline, etree._Element) and byline.getparent() is not None:
                byline.drop_tree()
    furniture = strip_furniture(root)
    extracted = _trafilatura(
        html, origin, with_metadata=True, include_comments=False, prune=thread.prune or None
    )
    if extracted is not None and extracted.text:
        page.title, page.source = extracted.title, extracted.sitename
        lines = (
            _TABLE_BARS.sub("", line).replace("\\|", "|") for line in extracted.text.splitlines()
        )
        body = [Block(text=line) for line in lines if line.strip()]
    else:
        body = fallback_blocks(root)
    # a forum's <title> and <h1> name the board; the thread's own title is the topic
    page.title = thread.title or page.title or _page_title(root)
    # not trafilatura's date: it reads the whole page, comment timestamps included
    page.published, page.locale = find_published(html, origin)
    if body and body[0].text.strip() == page.title:
        body = body[1:]
    comments = thread.comments or _trafilatura_comments(html)
    body = thread.opening_post or _without_thread(body, comments)
    body = _mark_furniture(body, furniture)
    if not comments and _says_not_found(root, body):  # a thread about a 404 is a thread
        raise InputError(origin, "the page says it was not found")
    headline = [Block(text=page.title, hint=SegmentKind.HEADLINE)] if page.title else []
    page.blocks = headline + body + comments
    if not body and not comments:
        raise InputError(origin, "no text found in the HTML")
    return page


# Separators between a page's own title and the site's name ("Page not found | Example News").
_TITLE_PARTS = re.compile(r"\s+[|\-–—:·•»]+\s+")
# Words a page that is not an error page has beyond its not-found lines (precision first: an
# article about a missing page or person says far more than this).
_NOT_FOUND_MAX_WORDS = 40


def _says_not_found(root: etree._Element, body: list[Block]) -> bool:
    """A page that answered 200 but says it was not found (a "soft 404"): at least two of its
    <title> (or og:title), its first headings and its body lines say so, and little else is
    said. An article about a missing page or person says much more, and is kept."""
    from detente.clean.segment import load_rules  # clean imports this module: import late

    rules = load_rules()
    titles = [_text(t) for t in root.xpath("//title")]
    titles += [str(t) for t in root.xpath("//meta[@property='og:title']/@content")]
    title_says = any(rules.says_not_found(p) for t in titles for p in [t, *_TITLE_PARTS.split(t)])
    heading_says = any(rules.says_not_found(_text(h)) for h in root.xpath("//h1 | //h2")[:2])
    lines = [b.text for b in body]
    body_says = any(rules.says_not_found(t) for t in lines)
    if title_says + heading_says + body_says < 2:
        return False
    rest = [
        b.text
        for b in body
        if b.hint is not SegmentKind.BOILERPLATE
        and not (rules.says_not_found(b.text) or rules.is_boilerplate(b.text))
    ]
    return sum(len(t.split()) for t in rest) < _NOT_FOUND_MAX_WORDS


def _without_thread(body: list[Block], comments: list[Block]) -> list[Block]:
    """Body lines that are not comment text or bylines (extractors take a thread for an
    article at times); lines without a word are kept as boilerplate."""
    said = [" ".join(c.text.split()) for c in comments]
    authors = {c.author for c in comments if c.author}
    out = []
    for block in body:
        line = " ".join(block.text.split())
        if any(line in c for c in said):
            continue
        if line in authors or _NO_WORDS.match(line):
            block = block.model_copy(update={"hint": SegmentKind.BOILERPLATE})
        out.append(block)
    return out


def _mark_furniture(body: list[Block], furniture: list[str]) -> list[Block]:
    """Hint the body lines that came from furniture markup; keep the rest of it as boilerplate."""
    squashed = {" ".join(t.split()): None for t in furniture}  # a dict keeps page order
    joined = "\n".join(squashed)
    out: list[Block] = []
    for block in body:
        line = " ".join(block.text.split())
        if line in squashed or (len(line) >= 20 and line in joined):
            out.append(block.model_copy(update={"hint": SegmentKind.BOILERPLATE}))
            squashed.pop(line, None)
        else:
            out.append(block)
    return out + [Block(text=t, hint=SegmentKind.BOILERPLATE) for t in squashed if t]


def _trafilatura(
    html: str,
    origin: str,
    with_metadata: bool,
    include_comments: bool,
    prune: str | list[str] | None = None,
) -> TrafilaturaDocument | None:
    try:
        found = trafilatura.bare_extraction(
            html,
            with_metadata=with_metadata,
            include_comments=include_comments,
            prune_xpath=prune,
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


def read_html(html: str, origin: str, url: str | None = None) -> RawDocument:
    """An HTML page as a raw document; extraction happens in the (parallel) cleaning stage."""
    if not html.strip():
        raise InputError(origin, "empty input")
    return RawDocument(origin=origin, html=html, url=url)
