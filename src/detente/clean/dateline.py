"""A document's publication date when the source gives none: its URL, then its dateline.

The order is: the source's own date (a record's or feed item's field), the page's markup (meta
tags, JSON-LD, <time>), the URL path (/2024/04/18/), then a dateline in the first blocks of the
text ("MOSCOW, 12 March 2024 —", "Brief · 18 April 2024", "Updated: 2024-04-18"). A dateline
without a year ("ASTANA, July 4 (Reuters) -") takes the year the source states elsewhere (a URL's
/2024/, a record's "2024"); with none, the document stays undated. Nothing falls back to today.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources

from detente.ingest.dates import (
    date_from_url,
    date_order,
    locale_from_url,
    parse_date,
    plausible,
    year_hint,
)
from detente.model import RawDocument, Segment, SegmentKind
from detente.yamlfiles import load_yaml

log = logging.getLogger(__name__)

# Datelines sit just under the headline (after a byline or a kicker at most); a stamp with its
# label ("updated 8:41 p.m. EST, Tue March 3, 2009") may follow a list of highlights too.
FIRST_BLOCKS = 4
LABELLED_BLOCKS = 12
LABELLED = frozenset({"published", "updated"})
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)")
# the headline too: a text file's first line is taken as its headline, and it may be the date
_SEARCHED = (SegmentKind.HEADLINE, SegmentKind.BODY, SegmentKind.BOILERPLATE)


@dataclass(frozen=True)
class Dateline:
    kind: str
    pattern: re.Pattern[str]


@cache
def load_datelines() -> tuple[Dateline, ...]:
    raw = load_yaml(resources.files("detente.clean").joinpath("data/datelines.yaml").read_text())
    parts: dict[str, str] = raw["parts"]

    def expand(regex: str) -> str:
        """`{name}` replaced by its part, parts within parts included."""
        while "{" in regex and any(f"{{{name}}}" in regex for name in parts):
            for name, part in parts.items():
                regex = regex.replace(f"{{{name}}}", part)
        return regex

    return tuple(Dateline(p["kind"], re.compile(expand(p["regex"]))) for p in raw["patterns"])


def publication_date(
    raw: RawDocument, text: str, segments: Sequence[Segment], now: datetime | None = None
) -> tuple[datetime | None, str | None]:
    """The publication date and where it came from (source, metadata, url, dateline).

    A date before 1900 or more than a day after `now` (the moment of ingestion) is refused
    with a warning, wherever it came from, and the next place is tried.
    """
    now = now or datetime.now(UTC)
    if raw.published is not None:
        where = raw.published_from or "source"
        if plausible(raw.published, now, raw.origin, where):
            return raw.published, where
    from_url = plausible(date_from_url(raw.url), now, raw.origin, "URL's")
    if from_url is not None:
        return from_url, "url"
    blocks = [text[s.start : s.end] for s in segments if s.kind in _SEARCHED][:LABELLED_BLOCKS]
    # a locale that orders numeric dates wins; else the URL's country domain (.co.uk)
    locale = raw.locale if date_order(raw.locale) else locale_from_url(raw.url) or raw.locale
    year = year_hint(raw.published_text, raw.url)
    found = dateline_date(blocks, locale, year, raw.origin, now)
    return (found, "dateline") if found else (None, None)


def dateline_date(
    blocks: Sequence[str],
    locale: str | None,
    year: int | None,
    origin: str,
    now: datetime | None = None,
) -> datetime | None:
    """The first dateline's date in `blocks`, trying the kinds of dateline in their order: a
    labelled stamp ("Published …", "updated …") in the first `LABELLED_BLOCKS`, any other kind
    in the first `FIRST_BLOCKS`."""
    now = now or datetime.now(UTC)
    for dateline in load_datelines():
        reach = LABELLED_BLOCKS if dateline.kind in LABELLED else FIRST_BLOCKS
        for block in blocks[:reach]:
            found = dateline.pattern.match(block.strip())
            if found:
                day = _read(found.group("date"), locale, year, origin)
                # before 1900 or after ingestion: a placeholder or a misreading, not a date
                if plausible(day, now, origin, "dateline's") is not None:
                    return day
    return None


def _read(value: str, locale: str | None, year: int | None, origin: str) -> datetime | None:
    if not _YEAR.search(value):
        if year is None:
            log.info("%s: dateline %r has no year and the source states none", origin, value)
            return None
        value = f"{value} {year}"
    return parse_date(value, locale, origin=origin)
