"""Publication dates: numeric dates read in the source's locale or refused, no day no date,
feeds read by us, a page's own date never a comment's, datelines read from the text."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import pytest

from detente.clean import prepare_document
from detente.config import Settings
from detente.ingest.dates import date_order, parse_date
from detente.ingest.records import read_feed, read_jsonl
from detente.model import RawDocument

BODY = "Kazakhstan and China signed a trade agreement on Thursday, officials said in Astana."


def day(value: datetime | None) -> str | None:
    return value.date().isoformat() if value else None


# ---- numeric dates and the locale ---------------------------------------------------------

ANY_LOCALE = [
    ("13/04/2024", "2024-04-13"),  # a day above 12 gives the order away
    ("04/13/2024", "2024-04-13"),
    ("31-12-2023", "2023-12-31"),
    ("2024/3/29 15:07:41", "2024-03-29"),  # year first is never ambiguous
    ("2024-04-12", "2024-04-12"),
    ("2024-04-12T08:30:00+02:00", "2024-04-12"),
    ("08.04.2024", "2024-04-08"),  # dotted dates are day first
    ("1.2.2024 10:15", "2024-02-01"),
    ("05/05/2024", "2024-05-05"),  # both readings agree
    ("Thu, 18 Apr 2024 10:00:00 GMT", "2024-04-18"),
    ("18 April 2024", "2024-04-18"),
    ("April 18, 2024", "2024-04-18"),
]


@pytest.mark.parametrize(("value", "expected"), ANY_LOCALE)
@pytest.mark.parametrize("locale", [None, "en-US", "en-GB", "fr"])
def test_unambiguous_dates_are_read_whatever_the_locale(
    value: str, expected: str, locale: str | None
) -> None:
    assert day(parse_date(value, locale)) == expected


IN_LOCALE = [
    ("12/04/2024", "en-GB", "2024-04-12"),
    ("12/04/2024", "en_GB", "2024-04-12"),
    ("12/04/2024", "fr", "2024-04-12"),
    ("12/04/2024", "de-AT", "2024-04-12"),
    ("12/04/2024", "und-GB", "2024-04-12"),
    ("12/04/2024", "en-US", "2024-12-04"),
    ("12/04/2024", "es-US", "2024-12-04"),  # the region settles it, not the language
    ("03/04/24", "en-AU", "2024-04-03"),
    ("03/04/24", "en-US", "2024-03-04"),
    ("Published 11/10/2023 09:00", "en-IE", "2023-10-11"),
]


@pytest.mark.parametrize(("value", "locale", "expected"), IN_LOCALE)
def test_ambiguous_numeric_dates_are_read_in_the_sources_locale(
    value: str, locale: str, expected: str
) -> None:
    assert day(parse_date(value, locale)) == expected


@pytest.mark.parametrize("value", ["12/04/2024", "04/12/2024", "1-2-2024", "11/10/23 09:00"])
@pytest.mark.parametrize("locale", [None, "", "en", "en-CA", "xx-ZZ"])
def test_ambiguous_numeric_dates_without_a_locale_are_refused_with_a_warning(
    value: str, locale: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="detente.ingest.dates"):
        assert parse_date(value, locale, origin="feed.xml#7") is None
    assert "feed.xml#7" in caplog.text and "ambiguous" in caplog.text


@pytest.mark.parametrize(
    "value",
    ["2024", " 2023 ", "April 2024", "2024-04", "Q2 2024", "3 hours ago", "yesterday",
     "Monday", "today", "", "   ", None, "not a date", "31/02/2024"],
)  # fmt: skip
def test_what_names_no_day_is_not_a_publication_date(value: str | None) -> None:
    assert parse_date(value) is None


def test_locales_give_the_order_of_numeric_dates() -> None:
    assert [date_order(x) for x in ("en-GB", "en-US", "en", "ja", "fr-CA", None)] == [
        "DMY", "MDY", None, "YMD", "DMY", None,
    ]  # fmt: skip


# ---- records and feeds --------------------------------------------------------------------


def _jsonl(tmp_records: list[dict[str, object]]) -> list[RawDocument]:
    import io

    data = "\n".join(json.dumps(r) for r in tmp_records).encode()
    items = list(read_jsonl(io.BytesIO(data), "in.jsonl", 1_000_000))
    assert all(isinstance(i, RawDocument) for i in items), items
    return [i for i in items if isinstance(i, RawDocument)]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"published": "12/04/2024", "language": "en-GB"}, "2024-04-12"),
        ({"published": "12/04/2024", "locale": "en_US"}, "2024-12-04"),
        ({"published": "12/04/2024", "url": "https://news.example.co.uk/a"}, "2024-04-12"),
        ({"published": "12/04/2024", "url": "https://www.example.de/a"}, "2024-04-12"),
        ({"published": "12/04/2024", "language": "en"}, None),
        ({"published": "12/04/2024", "url": "https://example.com/a"}, None),
        ({"published": "13/04/2024"}, "2024-04-13"),
        ({"published": "08.04.2024"}, "2024-04-08"),
        ({"published": "2024"}, None),
        ({"published": 2024}, None),
        ({"published": "March 2024"}, None),
        ({"published": "2024/3/29 15:07:41"}, "2024-03-29"),
    ],
)
def test_record_dates_use_the_records_locale(
    extra: dict[str, object], expected: str | None
) -> None:
    (raw,) = _jsonl([{"text": BODY, **extra}])
    assert day(raw.published) == expected
    assert raw.published_from == ("source" if expected else None)


def _feed(date: str, language: str = "") -> bytes:
    lang = f"<language>{language}</language>" if language else ""
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{lang}
<item><title>Talks</title><link>https://wire.example.com/a</link><pubDate>{date}</pubDate>
<description>{BODY}</description></item></channel></rss>""".encode()


@pytest.mark.parametrize(
    ("date", "language", "expected"),
    [
        ("2024/3/29 15:07:41", "", "2024-03-29"),
        ("2024/03/29", "", "2024-03-29"),
        ("Fri, 29 Mar 2024 15:07:41 +0000", "", "2024-03-29"),
        ("2024-03-29T15:07:41Z", "", "2024-03-29"),
        ("29.03.2024 15:07", "", "2024-03-29"),
        ("12/04/2024", "en-gb", "2024-04-12"),
        ("12/04/2024", "en-us", "2024-12-04"),
        ("12/04/2024", "", None),
        ("2024", "", None),
        ("March 2024", "", None),
    ],
)
def test_feed_dates_are_read_as_written_not_as_this_month(
    date: str, language: str, expected: str | None
) -> None:
    (raw,) = [i for i in read_feed(_feed(date, language), "feed.xml")]
    assert isinstance(raw, RawDocument)
    assert day(raw.published) == expected


# ---- HTML: the page's own date, never a comment's ----------------------------------------

ARTICLE = f"<article><h1>Trade deal signed</h1><p>{BODY}</p><p>{BODY}</p></article>"


def _page(head: str = "", comments: str = "", lang: str = "") -> str:
    attr = f' lang="{lang}"' if lang else ""
    return f"<html{attr}><head><title>Trade deal signed</title>{head}</head><body>{ARTICLE}{comments}</body></html>"


COMMENT_SHAPES = [
    '<div class="comments"><div class="comment"><span class="author">ann</span>'
    '<time datetime="2024-05-02T10:00:00Z">2 May 2024</time><p class="comment-body">Good.</p></div></div>',
    '<section id="comments"><article class="comment"><p>Posted 2024-05-02 by bob</p>'
    "<p>This deal is long overdue.</p></article></section>",
    '<ol class="commentlist"><li class="comment-item"><div class="comment-meta">May 2, 2024 at 10:00 am'
    '</div><div class="comment-content"><p>Interesting.</p></div></li></ol>',
    '<div id="disqus_thread"><div class="post"><span>2024-05-02 10:00</span><p>First!</p></div></div>',
    '<div class="comment" itemtype="https://schema.org/Comment"><meta itemprop="dateCreated" '
    'content="2024-05-02"><p>Agreed with the minister.</p></div>',
]


@pytest.mark.parametrize("comments", COMMENT_SHAPES)
def test_a_comments_timestamp_never_dates_the_article(comments: str) -> None:
    doc = prepare_document(RawDocument(origin="p.html", html=_page(comments=comments)), Settings())
    assert doc.published is None and doc.published_from is None


@pytest.mark.parametrize("comments", COMMENT_SHAPES)
def test_the_articles_own_metadata_dates_it_beside_comments(comments: str) -> None:
    head = '<meta property="article:published_time" content="2024-03-06T09:00:00Z">'
    doc = prepare_document(RawDocument(origin="p.html", html=_page(head, comments)), Settings())
    assert day(doc.published) == "2024-03-06" and doc.published_from == "metadata"


@pytest.mark.parametrize(
    ("head", "lang", "expected"),
    [
        ('<meta name="date" content="12/04/2024">', "en-GB", "2024-04-12"),
        ('<meta name="date" content="12/04/2024">', "en-US", "2024-12-04"),
        ('<meta name="date" content="12/04/2024"><meta property="og:locale" content="en_US">',
         "en", "2024-12-04"),
        ('<meta name="date" content="12/04/2024">', "", None),
        ('<meta name="date" content="12/04/2024">', "en", None),
        ('<meta name="date" content="12/04/2024"><link rel="canonical" href="https://x.co.uk/a">',
         "", "2024-04-12"),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
         '"2024-04-12T08:00:00Z"}</script>', "", "2024-04-12"),
    ],
)  # fmt: skip
def test_page_metadata_dates_are_read_in_the_pages_locale(
    head: str, lang: str, expected: str | None
) -> None:
    doc = prepare_document(RawDocument(origin="p.html", html=_page(head, lang=lang)), Settings())
    assert day(doc.published) == expected


# ---- datelines and URLs ---------------------------------------------------------------------

DATELINES = [
    ("ASTANA, July 4 (Reuters) - " + BODY, {"published": "2024"}, "2024-07-04"),
    ("ASTANA, July 4 (Reuters) - " + BODY, {"url": "https://w.example.com/2023/world/a"},
     "2023-07-04"),
    ("MOSCOW, 12 March 2024 — " + BODY, {}, "2024-03-12"),
    ("BEIJING, Dec. 5 (Xinhua) -- " + BODY, {"published": "December 2023"}, "2023-12-05"),
    ("KYIV, Ukraine, March 12, 2024 (AP) — " + BODY, {}, "2024-03-12"),
    ("BERLIN, 08.04.2024 — " + BODY, {}, "2024-04-08"),
    ("Brief · 18 April 2024\n\n" + BODY, {}, "2024-04-18"),
    ("By Jane Doe | April 18, 2024\n\n" + BODY, {}, "2024-04-18"),
    ("Updated: 2024-04-18\n\n" + BODY, {}, "2024-04-18"),
    ("Published 17 April 2024\nUpdated: 2024-04-18\n\n" + BODY, {}, "2024-04-17"),
    ("Posted on 18th April 2024 at 9:30am\n\n" + BODY, {}, "2024-04-18"),
    ("Thursday, April 18, 2024\n\n" + BODY, {}, "2024-04-18"),
    ("Published: 12/04/2024\n\n" + BODY, {"language": "en-GB"}, "2024-04-12"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "extra", "expected"), DATELINES)
def test_datelines_date_an_undated_document(
    text: str, extra: dict[str, object], expected: str
) -> None:
    (raw,) = _jsonl([{"title": "Trade deal", "text": text, **extra}])
    doc = prepare_document(raw, Settings())
    assert day(doc.published) == expected
    assert doc.published_from == "dateline"


UNDATED = [
    ("ASTANA, July 4 (Reuters) - " + BODY, {}),  # no year anywhere: not this year
    ("Published 3 hours ago\n\n" + BODY, {}),
    ("Published: 12/04/2024\n\n" + BODY, {}),  # ambiguous, no locale
    ("WASHINGTON (AP) — " + BODY, {}),
    ("The talks on 12 March 2024 ended without a deal. " + BODY, {}),  # a date in a sentence
    (BODY, {"published": "2024"}),
    ("Published 18 April 2099\n\n" + BODY, {}),  # in the future: a misreading
]


@pytest.mark.parametrize(("text", "extra"), UNDATED)
def test_an_unknown_date_stays_unknown(text: str, extra: dict[str, object]) -> None:
    (raw,) = _jsonl([{"title": "Trade deal", "text": text, **extra}])
    doc = prepare_document(raw, Settings())
    assert doc.published is None and doc.published_from is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/world/2024/04/18/talks", "2024-04-18"),
        ("https://www.example.com/2024-04-18-talks.html", "2024-04-18"),
        ("https://www.example.com/news/20240418/talks", "2024-04-18"),
    ],
)
def test_a_url_path_dates_a_document(url: str, expected: str) -> None:
    (raw,) = _jsonl([{"title": "Trade deal", "text": BODY, "url": url}])
    doc = prepare_document(raw, Settings())
    assert day(doc.published) == expected and doc.published_from == "url"


def test_the_sources_date_wins_over_the_dateline() -> None:
    (raw,) = _jsonl([{"text": "MOSCOW, 12 March 2024 — " + BODY, "published": "2024-03-13"}])
    doc = prepare_document(raw, Settings())
    assert day(doc.published) == "2024-03-13" and doc.published_from == "source"


def test_published_dates_are_timezone_aware() -> None:
    assert parse_date("18 April 2024", "en-GB") == datetime(2024, 4, 18, tzinfo=UTC)
