"""Issue 15's loose ends: undated documents and events in digests and lists, event dates written
to their precision everywhere, comment timestamps in the export, HTTP charsets when fetching,
comment profiles kept out of page dates, and posted dates refused with a reason."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from detente.config import Settings
from detente.events.display import event_date_of, event_date_text
from detente.ingest.comments import comment_nodes, extract_thread
from detente.ingest.html import extract_page, parse_html
from detente.ingest.web import fetch_url
from detente.model import RawDocument
from detente.monitor.digest import build_digest, to_markdown
from detente.monitor.fetch import Fetcher
from detente.monitor.run import watch
from detente.monitor.sources import Source
from detente.query import reads as queries
from detente.report import story_brief, write_brief
from detente.store import Store
from tests.conftest import free_port, run_cli, serve_store

# Published 2024-03-06: one event a month, a year, a week, a day, and one in a decade (undated).
PRECISE = (
    "Chile recalled its ambassador from Bolivia in December 2023 after a dispute over water"
    " rights. Brazil signed a trade agreement with Argentina in 2021, officials recalled. Japan"
    " imposed sanctions on Peru in the 1990s over a fishing dispute. Russia will hold talks with"
    " China this week, the Kremlin said. Germany condemned Iran on Monday for the missile test."
)
RECENT = (
    "Russian Foreign Minister Sergey Lavrov met Chinese Foreign Minister Wang Yi in Beijing to"
    ' discuss trade. "We are ready to deepen our cooperation," Lavrov said after the meeting.'
)
UNDATED = (
    'Turkey accused Greece of violating its airspace over the Aegean. "This provocation will'
    ' not go unanswered," Turkish President Recep Tayyip Erdogan said in Ankara.'
)
THREAD = """<!doctype html><html lang="en-GB"><head><title>Envoys meet in Vienna</title>
<meta property="article:published_time" content="2024-03-05"></head><body><article>
<h1>Envoys meet in Vienna</h1>
<p>Iran's foreign minister met the head of the IAEA in Vienna to discuss inspections of the
nuclear sites, officials said. The two sides agreed to meet again in April.</p></article>
<ol class="commentlist">
<li class="comment" id="comment-1"><div class="comment-author"><b class="fn">Ann</b></div>
<div class="comment-metadata"><time datetime="2024-03-05T14:30:00+01:00">5 March</time></div>
<div class="comment-content"><p>Inspections matter more than meetings, as the last decade showed.</p></div></li>
<li class="comment" id="comment-2"><div class="comment-author"><b class="fn">Ben</b></div>
<div class="comment-metadata"><time>3 hours ago</time></div>
<div class="comment-content"><p>Vienna has hosted such talks for twenty years without an end.</p></div></li>
</ol></body></html>"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("loose")
    recent = (datetime.now(UTC).date() - timedelta(days=2)).isoformat()
    records = [
        {"title": "Chile and Bolivia at odds", "text": PRECISE, "published": "2024-03-06",
         "source": "Wire A"},
        {"title": "Lavrov meets Wang", "text": RECENT, "published": recent, "source": "Wire B"},
        {"title": "Ankara and Athens at odds", "text": UNDATED, "source": "Wire C"},
    ]  # fmt: skip
    (folder / "docs.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    (folder / "thread.html").write_text(THREAD, encoding="utf-8")
    db = folder / "loose.duckdb"
    import detente

    detente.analyze([str(folder / "docs.jsonl"), str(folder / "thread.html")], db=db)
    detente.corpus_stages(db=db)
    return db


def doc_id(db: Path, title: str) -> str:
    with Store.open(db, read_only=True) as store:
        return str(store.query("SELECT doc_id FROM documents WHERE title = ?", [title])[0][0])


# ---- 1. digests: undated documents are in no period, and counted apart --------------------


def test_digest_counts_undated_documents_apart_never_in_the_period(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        digest = build_digest(store, timedelta(days=7))
    overview = dict(digest.sections)["Overview"]
    assert overview[0] == "1 documents from 1 outlets"  # the recent one, not the undated one
    assert overview[1].startswith("1 undated documents read in this period")
    assert "undated" in to_markdown(digest)


def test_digest_leaves_undated_documents_quotes_and_dyads_out(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        sections = dict(build_digest(store, timedelta(days=7)).sections)
    assert not any("Erdogan" in q or "TURGOV" in q for q in sections["Most quoted"])
    assert any("Lavrov" in q for q in sections["Most quoted"])
    assert not any("GRC" in d for d in sections["Dyads that changed most"])


def test_digest_of_a_past_period_has_its_dated_documents_and_no_undated_ones(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        digest = build_digest(store, timedelta(days=7), until=datetime(2024, 3, 10, tzinfo=UTC))
    overview = dict(digest.sections)["Overview"]
    assert overview[0].startswith("2 documents from")  # Wire A and the Vienna page
    assert overview[1].startswith("0 undated documents")  # read today, not in March 2024


# ---- 2. event lists: no silent publication date, undated last, out of date filters ----------


def test_event_date_filters_leave_out_events_without_a_date(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        march = queries.list_events(store, since=date(2024, 3, 1), until=date(2024, 3, 31)).items
        until = queries.list_events(store, until=date(2100, 1, 1), limit=200).items
        since = queries.list_events(store, since=date(1900, 1, 1), limit=200).items
    pairs = {(e["source"], e["target"]) for e in march}
    assert ("DEU", "IRN") in pairs  # "on Monday", 4 March 2024
    assert ("JPN", "PER") not in pairs  # "in the 1990s": no date, never the publication day
    assert all(e["date"] is not None for e in [*march, *until, *since])


def test_undated_events_are_listed_after_dated_ones_on_every_page(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        items: list[dict[str, Any]] = []
        cursor = None
        while True:
            page = queries.list_events(store, cursor=cursor, limit=2)
            items += page.items
            cursor = page.next_cursor
            if not cursor:
                break
        everything = queries.list_events(store, limit=200).items
    dated = [e["date"] is not None for e in items]
    assert dated == sorted(dated, reverse=True) and not all(dated)
    assert len(items) == len(everything)
    japan = next(e for e in items if (e["source"], e["target"]) == ("JPN", "PER"))
    assert japan["date"] is None and japan["date_precision"] is None


# ---- 3. event dates written to their precision --------------------------------------------


@pytest.mark.parametrize(
    ("day", "precision", "shown"),
    [
        (date(2024, 3, 4), "day", "2024-03-04"),
        (date(2024, 3, 4), "week", "week of 2024-03-04"),
        (date(2023, 12, 1), "month", "2023-12"),
        (date(2021, 1, 1), "year", "2021"),
        (None, None, "undated"),
        ("", None, "undated"),
        (date(2024, 3, 4), None, "2024-03-04"),  # stored before dates had a precision
        ("2023-12-01", "month", "2023-12"),  # as the export writes it
        (datetime(2024, 3, 4, 9, tzinfo=UTC), "week", "week of 2024-03-04"),
    ],
)
def test_event_dates_are_written_to_their_precision(day: Any, precision: Any, shown: str) -> None:
    assert event_date_text(day, precision) == shown
    assert event_date_of({"date": day, "date_precision": precision}) == shown


def test_cli_event_listing_writes_dates_to_their_precision(db: Path) -> None:
    result = run_cli("events", "--db", str(db), "-n", "200")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for shown in ("2023-12 ", "2021 ", "week of 2024-03-04", "2024-03-04", "undated"):
        assert shown in out, shown
    assert "2023-12-01" not in out and "2021-01-01" not in out


def test_story_brief_writes_event_dates_to_their_precision(db: Path, tmp_path: Path) -> None:
    target = doc_id(db, "Chile and Bolivia at odds")
    with Store.open(db, read_only=True) as store:
        story = store.query("SELECT story_id FROM story_members WHERE doc_id = ?", [target])[0][0]
        written = write_brief(story_brief(store, story), tmp_path)
    text = next(p for p in written if p.suffix == ".md").read_text(encoding="utf-8")
    assert "- 2023-12: CHL (Chile) → BOL (Bolivia)" in text
    assert "- 2021: BRA (Brazil) → ARG (Argentina)" in text
    assert "- undated: JPN (Japan) → PER (Peru)" in text
    assert "2023-12-01" not in text


# ---- 4. the export: each segment's own timestamp ------------------------------------------


def test_export_gives_every_segment_its_posted_time_or_null(db: Path, tmp_path: Path) -> None:
    result = run_cli("export", "--format", "jsonl", "--out", str(tmp_path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    records = [json.loads(x) for x in (tmp_path / "documents.jsonl").read_text().splitlines()]
    assert all("posted" in s for r in records for s in r["segments"])
    page = next(r for r in records if r["title"] == "Envoys meet in Vienna")
    comments = [s for s in page["segments"] if s["kind"] == "comment"]
    assert [c["author"] for c in comments] == ["Ann", "Ben"]
    assert datetime.fromisoformat(comments[0]["posted"]) == datetime(2024, 3, 5, 13, 30, tzinfo=UTC)
    assert comments[1]["posted"] is None  # "3 hours ago" says nothing about the day
    assert all(s["posted"] is None for s in page["segments"] if s["kind"] != "comment")


# ---- 5. the HTTP charset when fetching -----------------------------------------------------

PAGES = {
    "windows-1252": "<p>The \u2018d\u00e9tente\u2019 talks \u2014 na\u00efve, some said \u2014 cost 5\u20ac.</p>",
    "koi8-r": "<p>\u041b\u0430\u0432\u0440\u043e\u0432 \u0432\u0441\u0442\u0440\u0435\u0442\u0438\u043b\u0441\u044f \u0441 \u0412\u0430\u043d \u0418.</p>",
    "iso-8859-2": "<p>Minister spraw zagranicznych spotka\u0142 si\u0119 w \u0141odzi z ministrem \u017cyczliwie.</p>",
    "windows-1251": "<p>\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0432 \u041a\u0438\u0435\u0432\u0435.</p>",
}  # fmt: skip


def page_html(charset: str) -> str:
    return f"<html><head><title>Talks</title></head><body><article>{PAGES[charset]}</article></body></html>"


@pytest.fixture(scope="module")
def charset_site() -> Iterator[str]:
    """Pages in single-byte charsets that only the HTTP header names (no <meta charset>)."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            charset = self.path.strip("/")
            if charset not in PAGES:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = page_html(charset).encode(charset)
            self.send_response(200)
            self.send_header("Content-Type", f"text/html; charset={charset}")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("charset", sorted(PAGES))
def test_fetched_page_is_decoded_with_the_http_charset(charset_site: str, charset: str) -> None:
    settings = Settings(allow_private=True)
    items = list(fetch_url(f"{charset_site}/{charset}", settings))
    assert isinstance(items[0], RawDocument)
    assert items[0].html == page_html(charset)


def test_watched_page_is_decoded_with_the_http_charset(charset_site: str, tmp_path: Path) -> None:
    settings = Settings(db=tmp_path / "w.duckdb", allow_private=True)
    fetcher = Fetcher(settings, min_interval=0.0, retries=1, backoff=0.05)
    sources = [
        Source(name, f"{charset_site}/{name}", kind="page") for name in ("windows-1252", "koi8-r")
    ]
    watch(sources, settings, once=True, fetcher=fetcher)
    with Store.open(settings.db, read_only=True) as store:
        text = " ".join(t for (t,) in store.query("SELECT text FROM documents"))
    assert "\u2018d\u00e9tente\u2019" in text and "5\u20ac" in text
    assert "\u041b\u0430\u0432\u0440\u043e\u0432" in text


# ---- 6. comment profiles never date the page ----------------------------------------------

ARTICLE = (
    "<p>Japan imposed new sanctions on Peru over the seizure of a fishing fleet, the foreign"
    " ministry in Tokyo said. Peru's government condemned the sanctions as unjustified.</p>"
)
COMMENT = "Peru will answer with measures of its own, as it did in the last dispute over the fleet."
HN = f"""<html><head><title>Japan sanctions Peru | Hacker News</title></head><body>
<table id="hnmain"><tr><td><table class="fatitem"><tr class="athing" id="1"><td class="title">
<span class="titleline"><a href="https://example.org/x">Japan sanctions Peru</a></span></td></tr>
<tr><td class="subtext"><span class="score">120 points</span> by <a class="hnuser">alice</a></td>
</tr><tr><td><div class="toptext">{ARTICLE}</div></td></tr></table>
<table class="comment-tree"><tr class="athing comtr" id="2"><td><table><tr>
<td class="ind" indent="0"></td><td class="default"><div><span class="comhead">
<a class="hnuser">bob</a> <span class="age" title="2024-03-06T11:00:00">
<time datetime="2024-03-06T11:00:00">March 6, 2024</time></span></span></div>
<div class="comment"><div class="commtext c00">{COMMENT}</div></div></td></tr></table></td></tr>
</table></td></tr></table></body></html>"""
REDDIT_NEW = f"""<html><head><title>Japan sanctions Peru : r/worldnews</title></head><body>
<shreddit-post><h1>Japan sanctions Peru</h1><div slot="text-body">{ARTICLE}</div></shreddit-post>
<shreddit-comment-tree><shreddit-comment author="bob" depth="0" created="2024-03-06T11:00:00Z">
<faceplate-timeago><time datetime="2024-03-06T11:00:00Z">3 hr. ago</time></faceplate-timeago>
<div slot="comment"><p>{COMMENT}</p></div></shreddit-comment></shreddit-comment-tree>
</body></html>"""
DISQUS = f"""<html><head><title>Japan sanctions Peru</title></head><body><article>
<h1>Japan sanctions Peru</h1>{ARTICLE}</article><ul class="post-list">
<li class="post"><span class="author">bob</span>
<a class="time-ago" title="Wednesday, March 6, 2024 11:00 AM"><time datetime="2024-03-06">6 March</time></a>
<div class="post-message"><p>{COMMENT}</p></div></li></ul></body></html>"""


def phpbb(opening_time: str = "") -> str:
    def post(author: str, text: str, when: str) -> str:
        stamp = f'<time datetime="{when}">{when[:10]}</time>' if when else ""
        return (f'<div class="post"><div class="postbody"><p class="author">by <span class="username">'
                f'{author}</span> {stamp}</p><div class="content">{text}</div></div></div>')  # fmt: skip

    return (
        "<html><head><title>Japan sanctions Peru - World Forum</title></head><body>"
        "<h2>Japan sanctions Peru</h2>"
        + post("alice", ARTICLE, opening_time)
        + post("bob", COMMENT, "2024-03-06T11:00:00+00:00")
        + "</body></html>"
    )


@pytest.mark.parametrize(
    "html",
    [HN, REDDIT_NEW, DISQUS, phpbb()],
    ids=["hacker-news", "reddit", "disqus", "phpbb"],
)
def test_a_comment_timestamp_never_dates_the_page(html: str) -> None:
    page = extract_page(html, "forum.html")
    assert page.published is None
    comments = [b for b in page.blocks if b.hint == "comment"]
    assert comments and comments[0].posted == datetime(2024, 3, 6, 11, tzinfo=UTC)


def test_a_forum_threads_opening_post_dates_the_page_not_its_replies() -> None:
    page = extract_page(phpbb(opening_time="2024-03-01T08:00:00+00:00"), "forum.html")
    assert page.published == datetime(2024, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "html", [HN, REDDIT_NEW, DISQUS, phpbb(), THREAD], ids=["hn", "reddit", "disqus", "phpbb", "wp"]
)
def test_page_date_and_thread_extraction_agree_on_the_comments(html: str) -> None:
    root = parse_html(html, "page.html")
    assert len(comment_nodes(root)) == len(extract_thread(root).comments) >= 1


# ---- 7. a posted date that cannot be read says why ----------------------------------------


@pytest.fixture(scope="module")
def server(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`detente serve` for real over a copy of the store, with a shift flagged between Chile and
    Bolivia (writes are open on loopback)."""
    folder = tmp_path_factory.mktemp("serve")
    served = folder / "s.duckdb"
    shutil.copy(db, served)
    with Store.open(served) as store:
        store.con.execute(
            "INSERT INTO shifts (a, b, period, measure, value, baseline, z, kind, events)"
            " SELECT 'BOL', 'CHL', DATE '2023-12-04', 'conflict', 1, 0, 3.5,"
            " 'conflict_rise', to_json(list(event_id)) FROM corroborated"
            " WHERE source = 'CHL' AND target = 'BOL'"
        )
    yield from serve_store(served, token=False)


def test_web_pages_write_event_dates_to_their_precision(db: Path, server: str) -> None:
    target = doc_id(db, "Chile and Bolivia at odds")
    with Store.open(db, read_only=True) as store:
        story = store.query("SELECT story_id FROM story_members WHERE doc_id = ?", [target])[0][0]
    document = httpx.get(f"{server}/doc/{target}", timeout=30)
    assert document.status_code == 200
    for shown in ("2023-12<", "2021<", "week of 2024-03-04", "2024-03-04", "undated"):
        assert shown in document.text, shown
    for page in ("/actor/CHL", f"/story/{story}", "/dyad/BOL/CHL"):
        answer = httpx.get(f"{server}{page}", timeout=30, follow_redirects=True)
        assert answer.status_code == 200, page
        assert "2023-12<" in answer.text and "2023-12-01" not in answer.text, page


def test_dyad_page_lists_a_shifts_events_with_their_dates(server: str) -> None:
    page = httpx.get(f"{server}/dyad/BOL/CHL", timeout=30)
    assert page.status_code == 200
    assert "conflict rise" in page.text and "<li>2023-12 " in page.text
    listed = page.text.split("<li>2023-12 ", 1)[1].split("</li>", 1)[0]
    assert "161" in listed and "/actor/CHL" in listed  # the event: its date, actors and code
    shifts = httpx.get(f"{server}/api/dyads/BOL/CHL", timeout=30).json()["shifts"]
    assert shifts[0]["event_list"][0]["date_precision"] == "month"
    assert isinstance(shifts[0]["events"][0], str)  # the ids, as before


def post(server: str, **body: str) -> httpx.Response:
    return httpx.post(f"{server}/api/documents", json=body, timeout=120)


@pytest.mark.parametrize("written", ["12/04/2024", "04-12-24", "3/4/2024"])
def test_posted_ambiguous_date_is_refused_saying_why_and_how(server: str, written: str) -> None:
    answer = post(server, text=ARTICLE, published=written)
    assert answer.status_code == 422
    message = answer.json()["error"]["message"]
    assert "ambiguous" in message and "ISO date" in message and "locale" in message


@pytest.mark.parametrize(
    ("locale", "day"), [("en-GB", "2024-04-12"), ("en-US", "2024-12-04"), ("fr", "2024-04-12")]
)
def test_posted_date_is_read_in_the_posted_locale(server: str, locale: str, day: str) -> None:
    text = f"{ARTICLE} Filed in {locale}."  # a distinct document for each locale
    answer = post(server, text=text, published="12/04/2024", locale=locale)
    assert answer.status_code in (200, 201), answer.text
    assert answer.json()["published"].startswith(day)


@pytest.mark.parametrize(
    ("written", "locale", "reason"),
    [
        ("2024", None, "a year or a month alone is not a day"),
        ("sometime soon", None, "cannot read"),
        ("12/04/2024", "xx", "locale 'xx' gives no date order"),
    ],
)
def test_unreadable_posted_date_says_what_is_wrong(
    server: str, written: str, locale: str | None, reason: str
) -> None:
    body = {"text": ARTICLE, "published": written, **({"locale": locale} if locale else {})}
    answer = httpx.post(f"{server}/api/documents", json=body, timeout=120)
    assert answer.status_code == 422
    assert reason in answer.json()["error"]["message"]
