"""An HTML page's own publication date and locale, never read from its comment thread."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources

import htmldate
import lxml.html
from lxml import etree

from detente.ingest.comments import comment_nodes, tokens
from detente.ingest.dates import ambiguous_dates, date_order, locale_from_url, parse_date
from detente.ingest.decode import parseable_markup
from detente.yamlfiles import load_yaml

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Rules:
    locale: tuple[str, ...]
    urls: tuple[str, ...]
    comment_sections: re.Pattern[str]


# htmldate's own upper bound is today: a later day in the markup ("2026-12-04" read on 1 December)
# then falls back to its month ("2026-12" → the 1st), a wrong day that looks plausible. With no
# bound here the day is returned as written, and `ingest.dates.plausible` refuses it (more than a
# day after ingestion) with a warning naming the page.
NO_MAX_DATE = "2999-12-31"


@cache
def _rules() -> _Rules:
    raw = load_yaml(resources.files("detente.ingest").joinpath("data/page_dates.yaml").read_text())
    return _Rules(tuple(raw["locale"]), tuple(raw["urls"]), re.compile(raw["comment_sections"]))


def find_published(html: str, origin: str) -> tuple[datetime | None, str | None]:
    """The page's publication day (meta tags, JSON-LD, <time>, its URL) and its locale.

    htmldate reads a copy of the page without its comments (the nodes the thread extraction
    takes as comments, by the same profiles, and whole comment sections), so a comment's
    timestamp never becomes the article's date; a numeric date it read in an order the locale
    does not confirm is read again with the locale (or refused).
    """
    try:
        tree = lxml.html.document_fromstring(parseable_markup(html))
    except (etree.ParserError, ValueError):
        return None, None
    locale = page_locale(tree)
    _drop_comments(tree)
    try:
        found = htmldate.find_date(  # see NO_MAX_DATE
            tree,
            extensive_search=False,
            original_date=True,
            outputformat="%Y-%m-%d",
            max_date=NO_MAX_DATE,
        )
    except Exception as exc:  # htmldate raises many types on hostile markup
        log.info("%s: htmldate failed (%s): no date from the markup", origin, exc)
        return None, locale
    if not found:
        return None, locale
    return _confirmed(date.fromisoformat(found), tree, locale, origin), locale


def page_locale(tree: etree._Element) -> str | None:
    """The first locale the page states that settles the order of numeric dates, else the
    first it states at all, else its canonical URL's country domain."""
    stated = [str(v).strip() for xpath in _rules().locale for v in tree.xpath(xpath)]
    stated = [v for v in stated if v]
    ordered = next((v for v in stated if date_order(v)), None)
    if ordered:
        return ordered
    for xpath in _rules().urls:
        for url in tree.xpath(xpath):
            if locale_from_url(str(url)):
                return locale_from_url(str(url))
    return stated[0] if stated else None


def _drop_comments(tree: etree._Element) -> None:
    sections = _rules().comment_sections
    comments = set(comment_nodes(tree))

    def comment_like(el: etree._Element) -> bool:
        return el in comments or any(sections.match(t) for t in tokens(el))

    outermost = [
        el
        for el in tree.iter()
        if isinstance(el.tag, str)
        and comment_like(el)
        and not any(comment_like(a) for a in el.iterancestors())
    ]
    for el in outermost:
        el.drop_tree()


def _confirmed(day: date, tree: etree._Element, locale: str | None, origin: str) -> datetime | None:
    """`day`, unless the page wrote it only as an ambiguous numeric date (htmldate reads those
    day first, and swaps them when that fails): then that string read in the page's locale."""
    markup = etree.tostring(tree, encoding="unicode")
    if day.isoformat() in markup or day.strftime("%Y%m%d") in markup:
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    for text, as_dmy, as_mdy in ambiguous_dates(markup):
        if day in (as_dmy, as_mdy):
            return parse_date(text, locale, origin=origin)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
