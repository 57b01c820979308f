"""Publication dates from the many ways sources write them, timezone-aware (UTC when unstated).

A publication date is a day: a bare year or a month is not one (None), nor is a relative phrase
("3 hours ago", which depends on when the page was fetched). Numeric dates whose day and month
could be swapped (12/04/2024) are read in the order of the source's locale when it is known and
refused otherwise; dotted dates (08.04.2024) are day first, as everywhere they are written.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import dateparser

from detente.yamlfiles import load_yaml

log = logging.getLogger(__name__)

# Only absolute dates with a day, month and year; relative ones ("yesterday") need a reference
# day that a stored page does not carry.
_SETTINGS: dict[str, Any] = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
}
# a-b-c with one separator used twice: 12/04/2024, 2024/3/29, 08.04.2024, 12-04-24
_NUMERIC = re.compile(
    r"(?<![\d.:/-])(\d{4}|\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{1,2})(?![\d/-]|\.\d)"
)
# one separator used twice, two-digit months and days tried first: /2024/12/31/ is not 2024-01-02
_URL_DAY = re.compile(
    r"/((?:19|20)\d\d)([/_-]?)(1[0-2]|0?[1-9])\2(3[01]|[12]\d|0?[1-9])(?=[/_.-]|$)"
)
_URL_YEAR = re.compile(r"/((?:19|20)\d\d)(?=[/_-]|$)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_LOCALE = re.compile(r"^([a-z]{2,3})?(?:[-_]([a-z]{2}))?(?:[-_.@].*)?$", re.IGNORECASE)
_DAY_NUMBER = re.compile(r"(?<![\d:])(\d{1,2})(?:st|nd|rd|th)?(?![\d:])")
# A publication date before this year, or more than a day after ingestion, is a placeholder
# ("0001-01-01", the zero date of some CMSs) or a misreading, not when a text was published.
EARLIEST_YEAR = 1900
LATEST_AFTER_INGESTION = timedelta(days=1)

# Warnings about dates that could not be read, held back while a document's date is being
# decided (see `date_notes`): a date read from the next place makes them moot.
_notes: ContextVar[list[tuple[str, str, str]] | None] = ContextVar("date_notes", default=None)


@dataclass(frozen=True)
class _Orders:
    regions: dict[str, str]
    languages: dict[str, str]
    tlds: dict[str, str]


@cache
def _orders() -> _Orders:
    raw = load_yaml(resources.files("detente.ingest").joinpath("data/date_orders.yaml").read_text())
    return _Orders(
        {str(k).upper(): v for k, v in raw["regions"].items()},
        {str(k).lower(): v for k, v in raw["languages"].items()},
        {str(k).lower(): str(v).upper() for k, v in raw["tlds"].items()},
    )


def date_order(locale: str | None) -> str | None:
    """DMY, MDY or YMD for a locale such as `en-GB`, `en_US`, `fr` or `und-DE`; None if unknown."""
    found = _LOCALE.match((locale or "").strip())
    if not found:
        return None
    language, region = found.group(1), found.group(2)
    orders = _orders()
    if region and region.upper() in orders.regions:
        return orders.regions[region.upper()]
    return orders.languages.get((language or "").lower())


def locale_from_url(url: str | None) -> str | None:
    """`und-GB` for a page under a country-code domain (.co.uk), None for generic domains."""
    host = (urlsplit(url).hostname or "") if url else ""
    region = _orders().tlds.get(host.rsplit(".", 1)[-1].lower()) if "." in host else None
    return f"und-{region}" if region else None


def parse_date(
    value: str | None, locale: str | None = None, *, origin: str | None = None, quiet: bool = False
) -> datetime | None:
    """The day (and time) `value` names, read with `locale`'s order when it is ambiguous.

    None when `value` names no day (a year, a month, a relative phrase) or when its day and
    month could be swapped and `locale` does not say which comes first (a warning naming
    `origin`, or the value, is logged unless `quiet`: a thread's many comment timestamps).
    """
    text = " ".join((value or "").split())
    if not text:
        return None
    parsed = _iso(text) or _rfc822(text)
    if parsed is None:
        numeric = _NUMERIC.search(text)
        if numeric is not None:
            parsed = _numeric(text, numeric, locale, origin or repr(text), quiet)
        else:
            parsed = _dateparser(text, _languages(locale), None)
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _languages(locale: str | None) -> tuple[str, ...]:
    """English, and the locale's language: dateparser guessing among all of its languages costs
    about 60 ms a string (a thread of 500 timestamped comments: half a minute)."""
    found = _LOCALE.match((locale or "").strip())
    language = (found.group(1) or "").lower() if found else ""
    return ("en", language) if language and language not in ("en", "und") else ("en",)


@lru_cache(maxsize=4096)
def _dateparser(text: str, languages: tuple[str, ...], order: str | None) -> datetime | None:
    settings = {**_SETTINGS, "DATE_ORDER": order} if order else _SETTINGS
    try:
        parsed: datetime | None = dateparser.parse(
            text, languages=list(languages), settings=settings
        )
    except ValueError:  # a language dateparser does not know
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed


def _iso(text: str) -> datetime | None:
    if not text[:4].isdigit():
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _rfc822(text: str) -> datetime | None:
    """Feeds and HTTP headers: `Thu, 18 Apr 2024 10:00:00 GMT`."""
    if not text[:1].isalpha() or "," not in text[:5]:
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _numeric(
    text: str, found: re.Match[str], locale: str | None, where: str, quiet: bool
) -> datetime | None:
    order = _numeric_order(found)
    if order is None:
        order = date_order(locale)
        if order not in ("DMY", "MDY"):
            _refuse(
                where,
                found.group(0),
                "is ambiguous (day and month could be swapped) and the source's locale is unknown",
                quiet,
            )
            return None
    day = _numeric_day(found, order)
    if day is None:
        _refuse(where, found.group(0), "is not a valid date (invalid day)", quiet)
        return None
    # dateparser reads the time of day; the day itself is ours (it guesses the order otherwise)
    with_time = _dateparser(text, _languages(locale), order)
    if with_time is not None and with_time.date() == day:
        return with_time
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _refuse(where: str, value: str, why: str, quiet: bool) -> None:
    """Log that `value` is not used, or hold it back while a document's date is decided."""
    message = f"the date {value!r} {why}: left undated"
    notes = _notes.get()
    if quiet:
        log.debug("%s: %s", where, message)
    elif notes is None:
        log.warning("%s: %s", where, message)
    elif (where, value, message) not in notes:
        notes.append((where, value, message))


@contextmanager
def date_notes() -> Iterator[list[tuple[str, str, str]]]:
    """Within it, warnings about unreadable dates are collected (each once) as (origin, value,
    message) instead of logged: the code that finally decides a document's date logs them if it
    stays undated (a page's ambiguous markup date read later from its dateline needs none)."""
    notes: list[tuple[str, str, str]] = []
    token = _notes.set(notes)
    try:
        yield notes
    finally:
        _notes.reset(token)


def warn_notes(notes: list[tuple[str, str, str]], told: str | None = None) -> None:
    """Log the collected warnings, but not those about a value within `told` (warned already)."""
    for where, value, message in notes:
        if value not in (told or ""):
            log.warning("%s: %s", where, message)


def source_date(value: str, locale: str | None, origin: str) -> datetime | None:
    """A date string a source gave (a record's field, a feed item's pubDate), with a warning
    naming `origin` and saying why when it cannot be used."""
    parsed = parse_date(value, locale, origin=origin)
    text = " ".join(value.split())
    if parsed is None and text and _NUMERIC.search(text) is None:  # numeric: parse_date said
        _refuse(origin, text, f"from the source {_why_unusable(text, locale)}", False)
    return parsed


def _why_unusable(text: str, locale: str | None) -> str:
    """Why a non-numeric date string names no usable day."""
    languages = list(_languages(locale))
    relative = {"PARSERS": ["relative-time"]}
    if dateparser.parse(text, languages=languages, settings=relative) is not None:
        return "is relative (it depends on when the page was read)"
    if _dateparser(_DAY_NUMBER.sub("1", text, count=1), _languages(locale), None) is not None:
        return "is not a valid date (invalid day)"
    absolute = {"PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["year"]}
    if dateparser.parse(text, languages=languages, settings=absolute) is not None:
        return "names no day (a month or a year is not a publication date)"
    return "is unreadable"


def plausible(
    value: datetime | None, now: datetime, origin: str, where: str = "source"
) -> datetime | None:
    """`value` unless it is before EARLIEST_YEAR or more than a day after `now` (ingestion):
    then None, with a warning naming `origin` and where the date came from."""
    if value is None:
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    if value.year >= EARLIEST_YEAR and aware <= now + LATEST_AFTER_INGESTION:
        return value
    why = (
        f"before {EARLIEST_YEAR}"
        if value.year < EARLIEST_YEAR
        else "more than a day after its ingestion"
    )
    log.warning(
        "%s: the %s date %s is implausible (%s): not used", origin, where, value.date(), why
    )
    return None


def _numeric_order(found: re.Match[str]) -> str | None:
    """The order a numeric date gives away by itself, or None when it is ambiguous."""
    first, sep, second = found.group(1), found.group(2), int(found.group(3))
    if len(first) == 4:
        return "YMD"
    if sep == ".":
        return "DMY"  # dotted dates are written day first (German, Russian, Polish...)
    if int(first) > 12 >= second:
        return "DMY"
    if second > 12 >= int(first) or int(first) == second:
        return "MDY"
    return None


def ambiguous_dates(text: str) -> Iterator[tuple[str, date, date]]:
    """Each numeric date in `text` whose day and month could be swapped, with both readings."""
    for found in _NUMERIC.finditer(text):
        if _numeric_order(found) is None:
            as_dmy, as_mdy = _numeric_day(found, "DMY"), _numeric_day(found, "MDY")
            if as_dmy and as_mdy:
                yield found.group(0), as_dmy, as_mdy


def _numeric_day(found: re.Match[str], order: str) -> date | None:
    a, b, c = int(found.group(1)), int(found.group(3)), int(found.group(4))
    year, month, day = {"YMD": (a, b, c), "DMY": (c, b, a), "MDY": (c, a, b)}[order]
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_from_url(url: str | None) -> datetime | None:
    """The day in a URL path such as /2024/04/18/ or /2024-04-18-title; None without one."""
    path = urlsplit(url).path if url else ""
    found = _URL_DAY.search(path)
    if not found:
        return None
    try:
        year, month, day = (int(found.group(i)) for i in (1, 3, 4))
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def year_hint(*values: str | None) -> int | None:
    """A year stated where no full date is (a URL's /2024/, a record's bare "2024" or "July 2024"),
    for datelines that give only a day and a month."""
    for value in values:
        if not value:
            continue
        path = urlsplit(value).path if "://" in value else None
        found = _URL_YEAR.search(path) if path is not None else _YEAR.search(value)
        if found:
            return int(found.group(1))
    return None
