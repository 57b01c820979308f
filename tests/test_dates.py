"""Publication dates: numeric dates read in the source's locale or refused, no day no date,
feeds read by us, a page's own date never a comment's, datelines read from the text."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
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
        ("https://www.example.com/2024/12/31/talks", "2024-12-31"),  # not 2024-01-02
        ("https://www.example.com/2023/10/05/talks", "2023-10-05"),
        ("https://www.example.com/2024-11-05-talks", "2024-11-05"),
        ("https://www.example.com/2024/1/2/talks", "2024-01-02"),
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


# ---- implausible dates: a CMS's zero date, a date after ingestion ------------------------

NOW = datetime.now(UTC)
LATER = (NOW + timedelta(days=3)).date().isoformat()  # after ingestion, whenever this runs


@pytest.mark.parametrize(
    "published",
    ["0001-01-01", "0001-01-01T00:00:00Z", "1899-12-31", "1066-10-14", LATER, "2999-01-01",
     "9999-12-31"],
)  # fmt: skip
def test_an_implausible_source_date_is_refused_with_a_warning(
    published: str, caplog: pytest.LogCaptureFixture
) -> None:
    (raw,) = _jsonl([{"title": "Trade deal", "text": BODY, "published": published}])
    with caplog.at_level(logging.WARNING):
        doc = prepare_document(raw, Settings())
    assert doc.published is None and doc.published_from is None
    assert "in.jsonl:1" in caplog.text and "implausible" in caplog.text


@pytest.mark.parametrize(
    "published", ["1900-01-01", "1999-12-31", NOW.date().isoformat(), "2024-04-18"]
)
def test_plausible_source_dates_are_kept(published: str) -> None:
    (raw,) = _jsonl([{"title": "Trade deal", "text": BODY, "published": published}])
    doc = prepare_document(raw, Settings())
    assert day(doc.published) == published and doc.published_from == "source"


def test_a_refused_source_date_leaves_the_url_or_dateline_to_date_the_document() -> None:
    (by_url, by_dateline) = _jsonl(
        [
            {"text": BODY, "published": "0001-01-01", "url": "https://x.example.com/2024/04/18/a"},
            {"text": "MOSCOW, 12 March 2024 — " + BODY, "published": "0001-01-01"},
        ]
    )
    assert day(prepare_document(by_url, Settings()).published) == "2024-04-18"
    assert day(prepare_document(by_dateline, Settings()).published) == "2024-03-12"


@pytest.mark.parametrize(
    ("head", "url", "text"),
    [
        ('<meta property="article:published_time" content="0001-01-01T00:00:00Z">', None, ""),
        (f'<meta property="article:published_time" content="{LATER}T09:00:00Z">', None, ""),
        ("", "https://x.example.com/2099/01/01/talks", ""),
        ("", f"https://x.example.com/{LATER.replace('-', '/')}/talks", ""),
        ("", None, "<p>Published 1 January 1850</p>"),
        ("", None, f"<p>Published {LATER}</p>"),
    ],
)
def test_implausible_markup_url_and_dateline_dates_are_refused(
    head: str, url: str | None, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    html = _page(head).replace(
        "<article><h1>Trade deal signed</h1>", f"<article><h1>Trade deal signed</h1>{text}"
    )
    with caplog.at_level(logging.WARNING):
        doc = prepare_document(RawDocument(origin="p.html", html=html, url=url), Settings())
    assert doc.published is None and doc.published_from is None
    if not head:  # htmldate itself reads no markup date before 1995 or after today
        assert "p.html" in caplog.text and "implausible" in caplog.text


@pytest.mark.parametrize("ahead", [2, 3, 10, 40])
def test_a_later_markup_day_is_read_as_written_not_as_its_month(ahead: int) -> None:
    """htmldate's own bound (today) would turn a later day into its month's first day, which
    looks plausible whenever that day is in this month; the day comes back as written and the
    plausibility check refuses it."""
    from detente.ingest.pagedate import find_published

    later = (datetime.now(UTC) + timedelta(days=ahead)).date()
    head = f'<meta property="article:published_time" content="{later.isoformat()}T09:00:00Z">'
    found, _ = find_published(_page(head), "p.html")
    assert found is not None and found.date() == later


@pytest.mark.parametrize("extreme", [date(1, 1, 1), date(1, 1, 5), date.max, date(9999, 12, 1)])
def test_open_stories_do_not_overflow_on_extreme_stored_dates(extreme: date) -> None:
    from detente.corpus.stories import OpenStories, StoryParams, StoryState

    stories = OpenStories(StoryParams())
    vector = np.ones(4, dtype=np.float32)
    stories.put(StoryState("s-old", vector, 1, date(1, 1, 1), date(1, 1, 1)))
    stories.put(StoryState("s-new", vector, 1, date.max, date.max))
    stories.evict(extreme)
    assert stories.candidates(vector, extreme) is not None


# ---- datelines as sites write them -----------------------------------------------------

MORE_DATELINES = [
    "Published 12:01 AM EDT, Thu April 18, 2024",  # CNN
    "WASHINGTON (AP) — April 18, 2024",  # AP
    "PARIS (AFP) - Thursday, 18 April 2024",
    "18 April 2024 · 4 min read",  # Medium
    "Apr 18, 2024 · 6 min read · Listen",
    "Updated 3:15 PM GMT+1, Thu 18 April 2024",
    "By Jane Smith | April 18, 2024",
    "April 18, 2024 at 9:30 a.m. EDT",
    "Thursday 18 April 2024 09.30 BST",
    "Published 9:05 a.m. ET, April 18, 2024",
    "Posted: Thu. April 18, 2024 10:05 pm",
    "PUBLISHED: THURSDAY, APRIL 18, 2024",  # shouted labels, weekdays and months
    "UPDATED: 09:30 GMT, 18 APRIL 2024",
    "thursday, 18 april 2024 | 9: 30 PM",  # a tokenised time after the bar
]


@pytest.mark.parametrize("line", MORE_DATELINES)
def test_dateline_shapes_of_news_sites_date_a_document(line: str) -> None:
    (raw,) = _jsonl([{"title": "Trade deal", "text": f"{line}\n\n{BODY}"}])
    doc = prepare_document(raw, Settings())
    assert day(doc.published) == "2024-04-18" and doc.published_from == "dateline"


@pytest.mark.parametrize("line", [*MORE_DATELINES, "18/04/2024", "Published 18/04/2024"])
def test_a_pages_dateline_dates_it_through_the_whole_page_path(line: str) -> None:
    html = _page().replace(
        "<article><h1>Trade deal signed</h1>",
        f'<article><h1>Trade deal signed</h1><p class="date">{line}</p>',
    )
    raw = RawDocument(origin="p.html", html=html, url="https://news.example.co.uk/world/talks")
    doc = prepare_document(raw, Settings())
    # htmldate reads some of these lines itself (metadata); the dateline reader the others
    assert day(doc.published) == "2024-04-18" and doc.published_from in ("metadata", "dateline")


@pytest.mark.parametrize(
    "line",
    [
        "WASHINGTON (AP) — April 18, 2024-style talks ended",  # not a date on its own
        "The talks of April 18, 2024 · a look back at what was agreed in the capital and why",
        "Published 3:15 PM GMT+1",  # a time, no day
    ],
)
def test_dates_inside_other_words_do_not_date_a_document(line: str) -> None:
    (raw,) = _jsonl([{"title": "Trade deal", "text": f"{line}\n\n{BODY}"}])
    assert prepare_document(raw, Settings()).published is None


# ---- unusable dates are warned about once, by what finally decides -----------------------


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("Thu, 31 Apr 2024", "invalid day"),
        ("31 April 2024", "invalid day"),
        ("31/04/2024", "invalid day"),
        ("18 avril 2024", "unreadable"),
        ("not a date", "unreadable"),
        ("March 2024", "names no day"),
        ("2024", "names no day"),
        ("yesterday", "relative"),
        ("3 hours ago", "relative"),
        ("12/04/2024", "ambiguous"),
    ],
)
def test_an_unusable_source_date_is_warned_about_once_saying_why(
    value: str, why: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        (raw,) = _jsonl([{"title": "Trade deal", "text": BODY, "published": value}])
        (item,) = [i for i in read_feed(_feed(value, "en"), "feed.xml")]
        prepare_document(raw, Settings())
        assert isinstance(item, RawDocument)
        prepare_document(item, Settings())
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len([m for m in lines if m.startswith("in.jsonl:1")]) == 1, lines
    assert len([m for m in lines if m.startswith("feed.xml#")]) == 1, lines
    assert all(why in m and repr(value) in m for m in lines), lines


AMBIGUOUS_PAGE = (
    '<html lang="en"><head><title>Anglers</title></head><body><article><h1>Anglers</h1>'
    f'<p class="date">Published 03/04/2024</p><p>{BODY}</p><p>{BODY}</p></article></body></html>'
)


def test_an_ambiguous_page_date_is_warned_about_once(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        doc = prepare_document(RawDocument(origin="h08.html", html=AMBIGUOUS_PAGE), Settings())
    assert doc.published is None
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 1 and "h08.html" in lines[0] and "ambiguous" in lines[0], lines


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.co.uk/a", "2024-04-03"),
        ("https://www.example.com.au/a", "2024-04-03"),
    ],
)
def test_a_page_dated_in_its_domains_locale_gives_no_warning(
    url: str, expected: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        raw = RawDocument(origin="h08.html", html=AMBIGUOUS_PAGE, url=url)
        doc = prepare_document(raw, Settings())
    assert day(doc.published) == expected and doc.published_from == "dateline"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text


def test_parquet_records_for_the_ray_engine_read_dates_like_jsonl_records() -> None:
    import json

    from detente.engines.ray import _read_records

    batch = {
        "text": ["Lavrov met Wang Yi in Beijing on Friday."] * 4,
        "published": ["2024-03-06", "12/04/2024", "12/04/2024", "2024"],
        "locale": [None, "en-GB", None, None],
    }
    raws = [json.loads(r) for r in _read_records(batch)["raw"]]
    assert [r["published"] for r in raws] == [
        "2024-03-06T00:00:00Z", "2024-04-12T00:00:00Z", None, None
    ]  # fmt: skip
    assert [r["published_from"] for r in raws] == ["source", "source", None, None]


@pytest.mark.parametrize(
    "declaration",
    ['<?xml version="1.0" encoding="utf-8"?>', "<?xml version='1.0' encoding='ISO-8859-1'?>\n"],
)
def test_an_xhtml_page_with_an_encoding_declaration_is_dated_from_its_markup(
    declaration: str,
) -> None:
    from detente.ingest.pagedate import find_published

    page = (
        f'{declaration}<html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB"><head>'
        '<meta property="article:published_time" content="2024-04-18T09:30:00Z"/>'
        "<title>Talks in Ankara</title></head><body><article><h1>Talks in Ankara</h1>"
        "<p>Foreign ministers met in Ankara to discuss the grain corridor and prisoner"
        " exchanges, officials said.</p></article></body></html>"
    )
    published, locale = find_published(page, "x.xhtml")
    assert published is not None and published.date() == date(2024, 4, 18)
    assert locale == "en-GB"


@pytest.mark.parametrize(
    "first_line",
    ["Thursday, April 18, 2024 | 5: 00 PM", "18 April 2024", "PUBLISHED: THURSDAY, APRIL 18, 2024"],
)
def test_a_text_file_whose_first_line_is_its_date_is_dated_by_it(
    first_line: str, tmp_path: Path
) -> None:
    """A plain text file's first line is read as its headline; a headline that is only a
    dateline still dates the document."""
    from detente.ingest import DEFAULT_GLOBS, read_inputs

    path = tmp_path / "story.txt"
    path.write_text(f"{first_line}\n\n{BODY}\n", encoding="utf-8")
    (raw,) = [
        r
        for r in read_inputs([str(path)], Settings(), DEFAULT_GLOBS, ())
        if isinstance(r, RawDocument)
    ]
    doc = prepare_document(raw, Settings())
    assert day(doc.published) == "2024-04-18" and doc.published_from == "dateline"
