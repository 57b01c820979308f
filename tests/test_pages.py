"""Pages as they really come: site furniture, comment markup of many kinds, removed markers,
WARC status and charset, titles, and the page-shape evaluation."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.clean import prepare_document
from detente.clean.segment import segment_document
from detente.config import Settings
from detente.errors import InputError
from detente.evaluation.pages import Example, judge, load_examples, segment_page
from detente.ingest import read_inputs
from detente.ingest.decode import decode_bytes
from detente.model import Document, RawDocument, SegmentKind

from .conftest import ROOT, run_cli

PAGES = ROOT / "eval" / "pages"
ARTICLE = [
    "Kenya and Ethiopia signed a border security agreement in Nairobi on Tuesday.",
    "The two foreign ministers said joint patrols would begin next month along the frontier.",
    "Somalia's government welcomed the deal and asked to join the talks at a later stage.",
]


def page(article_extra: str = "", before: str = "", after: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return (
        "<html><head><meta charset='utf-8'><title>Border pact signed</title></head><body>"
        f"{before}<article><h1>Border pact signed</h1>{paragraphs}{article_extra}</article>"
        f"{after}</body></html>"
    )


def doc_of(html: str) -> Document:
    return prepare_document(RawDocument(origin="t.html", html=html), Settings())


def texts(doc: Document, kind: SegmentKind) -> list[str]:
    return [doc.segment_text(s) for s in doc.segments if s.kind is kind]


def analysed_text(doc: Document) -> str:
    return " ".join(texts(doc, SegmentKind.BODY) + texts(doc, SegmentKind.COMMENT))


# ---- furniture by markup ----------------------------------------------------------------------

FURNITURE_MARKUP = [
    '<div class="cookie-banner"><p>{t}</p><button>Accept</button></div>',
    '<div id="onetrust-banner-sdk" role="dialog"><p>{t}</p></div>',
    '<section aria-label="Cookie consent"><p>{t}</p></section>',
    '<div class="gdpr-notice"><span>{t}</span></div>',
    '<div class="paywall__prompt"><h3>{t}</h3></div>',
    '<aside class="newsletter-signup"><p>{t}</p></aside>',
    '<div data-component="subscribe-box"><p>{t}</p></div>',
    '<div class="promo-box"><p>{t}</p></div>',
    '<section class="related-articles"><ul><li>{t}</li></ul></section>',
    '<div class="social-share"><span>{t}</span></div>',
]
# Text that no line pattern knows: only the markup can tell it is furniture.
UNKNOWN_WORDS = "Morning tea with our editors every weekday at nine"


@pytest.mark.parametrize("markup", FURNITURE_MARKUP)
def test_furniture_markup_is_kept_as_boilerplate_not_body(markup: str) -> None:
    doc = doc_of(page(before=markup.format(t=UNKNOWN_WORDS)))
    assert UNKNOWN_WORDS not in analysed_text(doc)
    assert any(UNKNOWN_WORDS in t for t in texts(doc, SegmentKind.BOILERPLATE))
    assert texts(doc, SegmentKind.BODY) == ARTICLE


@pytest.mark.parametrize(
    "wrapper",
    [
        '<div class="paywall-content">{a}</div>',  # some sites wrap the article itself
        '<main class="subscriber-only related">{a}</main>',
        '<div id="share-root">{a}</div>',
    ],
)
def test_furniture_words_on_a_wrapper_of_the_article_do_not_remove_it(wrapper: str) -> None:
    html = page().replace("<article>", wrapper.split("{a}")[0] + "<article>")
    html = html.replace("</article>", "</article>" + wrapper.split("{a}")[1])
    assert texts(doc_of(html), SegmentKind.BODY) == ARTICLE


def test_a_consent_banner_does_not_change_what_is_analysed() -> None:
    banner = (
        '<div class="consent"><p>We use cookies to give you the best experience. You can '
        "change your settings at any time. Your privacy matters to you and to us!</p></div>"
    )
    plain, with_banner = doc_of(page()), doc_of(page(before=banner))
    assert with_banner.doc_id == plain.doc_id  # same analysed text: same signals, same id


# ---- furniture by text (HTML without telling markup, plain text, JSONL) -------------------------

FURNITURE_LINES = [
    "We use cookies to improve your experience on our site.",
    "This website uses cookies. By continuing to browse you agree to our use of cookies.",
    "We and our partners store and/or access information on a device, such as cookies.",
    "Accept all cookies",
    "Manage preferences",
    "Subscribe to continue reading",
    "You have reached your limit of free articles.",
    "You've reached your limit of free articles this month.",
    "This article is for subscribers only.",
    "Already a subscriber? Log in",
    "Sign up for our daily briefing",
    "Get our Europe newsletter in your inbox every Friday.",
    "Enter your email address",
    "Read more: Talks resume in Doha",
    "Related: Ministers meet in Geneva",
    "You might also like",
    "Share this article",
    "Facebook · Twitter · WhatsApp · Email",
    "Advertisement",
    "Story continues below advertisement",
    "Photo: Reuters/Thomas Mukoya",
    "Image credit: Getty Images",
    "Update 10:42 GMT",
    "Last updated: 6 March 2024, 09:15 GMT",
    "14:05 BST",
]


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_furniture_lines_are_boilerplate_in_html_and_plain_text(line: str) -> None:
    html_doc = doc_of(page(article_extra=f"<p>{line}</p>"))
    assert line not in analysed_text(html_doc)
    text = "Border pact signed\n\n" + "\n\n".join([*ARTICLE[:2], line, ARTICLE[2]])
    out, segments = segment_document(RawDocument(origin="t.txt", text=text))
    kinds = {out[s.start : s.end]: s.kind for s in segments}
    assert kinds[line] is SegmentKind.BOILERPLATE
    assert all(kinds[p] is SegmentKind.BODY for p in ARTICLE)


PASSING_MENTIONS = [
    "Regulators said the company's website used cookies to track visitors without consent.",
    "Newspaper subscriptions fell by a tenth, the ministry said, and it would subsidise titles.",
    "Officials urged citizens to sign up for the daily briefing on evacuation routes.",
    "The ambassador said he would read more of the report before commenting on it.",
    "Share prices in Nairobi rose after the announcement of the agreement.",
    "Advertisements for the bond issue appeared in several newspapers on Monday.",
    "The talks, which began at 10:42 GMT, ended without a joint statement.",
    "He said the page of the treaty on water was not found in the draft text.",
]


@pytest.mark.parametrize("sentence", PASSING_MENTIONS)
def test_news_sentences_that_mention_furniture_words_stay_body(sentence: str) -> None:
    html_doc = doc_of(page(article_extra=f"<p>{sentence}</p>"))
    assert sentence in texts(html_doc, SegmentKind.BODY)
    text = "Border pact signed\n\n" + "\n\n".join([*ARTICLE, sentence])
    out, segments = segment_document(RawDocument(origin="t.txt", text=text))
    assert (SegmentKind.BODY, sentence) in [(s.kind, out[s.start : s.end]) for s in segments]


def test_jsonl_records_have_their_banners_marked(tmp_path: Path) -> None:
    text = "\n\n".join([*ARTICLE, "Subscribe to continue reading", "Sign up for our newsletter"])
    batch = tmp_path / "b.jsonl"
    batch.write_text(json.dumps({"title": "Border pact", "text": text}) + "\n")
    raw = next(i for i in read_inputs([str(batch)], Settings()) if isinstance(i, RawDocument))
    doc = prepare_document(raw, Settings())
    assert texts(doc, SegmentKind.BODY) == ARTICLE
    assert len(texts(doc, SegmentKind.BOILERPLATE)) == 2


# ---- comment markup -----------------------------------------------------------------------------


def test_wordpress_comment_author_and_time_go_to_their_fields() -> None:
    comment = (
        '<li class="comment" id="comment-5"><article class="comment-body">'
        '<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">jsmith</b>'
        ' <span class="says">says:</span></div><div class="comment-metadata"><a href="#">'
        '<time datetime="2024-03-06T10:00:00+00:00">March 6, 2024 at 10:00 am</time></a></div>'
        '</footer><div class="comment-content"><p>Great article, thanks.</p></div>'
        '<div class="reply"><a class="comment-reply-link">Reply</a></div></article></li>'
    )
    doc = doc_of(page(after=f'<ol class="comment-list">{comment}</ol>'))
    [seg] = [s for s in doc.segments if s.kind is SegmentKind.COMMENT]
    assert doc.segment_text(seg) == "Great article, thanks."
    assert seg.author == "jsmith" and seg.posted and seg.posted.isoformat().startswith("2024-03-06")


@pytest.mark.parametrize(
    "markup",
    [
        '<div class="comment"><span class="author">jsmith</span> <span class="timestamp">3 hours '
        'ago</span> <p>Great article</p> <a class="reply-link">Reply</a> <span class="likes">12 '
        "likes</span></div>",
        '<div class="comment"><div class="comment-header"><a class="username">jsmith</a>'
        '<span class="ago">3 hours ago</span></div><div class="comment-text">Great article</div>'
        '<div class="comment-actions"><a>Like</a><a>Reply</a><a>Report</a></div></div>',
        '<li class="comment-item"><div class="meta"><span class="user">jsmith</span> · '
        "<time>3 hours ago</time></div><p>Great article</p><button>Reply</button></li>",
    ],
)
def test_generic_comment_bylines_times_and_buttons_do_not_leak_into_text(markup: str) -> None:
    doc = doc_of(page(after=f"<div id='comments'>{markup}</div>"))
    [seg] = [s for s in doc.segments if s.kind is SegmentKind.COMMENT]
    assert doc.segment_text(seg) == "Great article"
    assert seg.author == "jsmith"
    assert seg.posted is None  # "3 hours ago" has no base time: unknown, not today


SOFTWARE_PAGES = [
    "wordpress-thread",
    "wordpress-moderation",
    "disqus-rendered",
    "disqus-export",
    "discourse-crawler",
    "discourse-app",
    "phpbb-thread",
    "vbulletin-thread",
    "xenforo-thread",
    "reddit-old",
    "reddit-new",
    "hn-thread",
    "generic-comments",
    "nested-replies",
    "inline-comments",
]


def gold_pages() -> dict[str, Example]:
    return {e.id: e for e in load_examples(PAGES)}


@pytest.mark.parametrize("name", SOFTWARE_PAGES)
def test_forum_and_comment_software_gives_counts_authors_and_clean_text(name: str) -> None:
    example = gold_pages()[name]
    assert judge(example, segment_page(example)) == []
    doc = doc_of(example.html)
    comments = [s for s in doc.segments if s.kind is SegmentKind.COMMENT]
    assert all(s.author for s in comments), [(s.author, doc.segment_text(s)) for s in comments]
    assert all(
        not re.search(r"\b(Reply|Report|permalink)\b", doc.segment_text(s)) for s in comments
    )


@pytest.mark.parametrize("name", ["reddit-old", "reddit-new", "hn-thread", "wordpress-thread"])
def test_threaded_markup_keeps_reply_parents_and_timestamps(name: str) -> None:
    doc = doc_of(gold_pages()[name].html)
    threaded = [s for s in doc.segments if s.kind is SegmentKind.COMMENT or s.parent is not None]
    assert any(s.parent is not None for s in threaded)
    assert all(
        doc.segments[s.parent].kind in (SegmentKind.COMMENT, SegmentKind.REMOVED_COMMENT)
        for s in threaded
        if s.parent is not None
    )
    posted = [s.posted for s in doc.segments if s.kind is SegmentKind.COMMENT]
    assert all(p is not None and p.year == 2024 for p in posted)


def test_forum_opening_post_is_the_article_and_replies_are_comments() -> None:
    doc = doc_of(gold_pages()["xenforo-thread"].html)
    body = texts(doc, SegmentKind.BODY)
    assert len(body) == 1 and body[0].startswith("The African Union suspended Niger")
    assert len(texts(doc, SegmentKind.COMMENT)) == 2


# ---- removed markers ----------------------------------------------------------------------------

REMOVED = [
    "[deleted]",
    "[Deleted]",
    "[removed]",
    "[ Removed by Reddit ]",
    "(removed)",
    "deleted",
    "Comment deleted.",
    "Comment deleted by user",
    "This comment was removed by a moderator.",
    "This comment has been deleted",
    "Comment removed by moderator",
    "Post removed by moderator.",
    "[flagged]",
    "Your comment is awaiting moderation.",
]


@pytest.mark.parametrize("marker", REMOVED)
def test_removed_markers_count_in_markup_and_in_plain_text(marker: str) -> None:
    comment = (
        '<div class="comment"><span class="author">x</span><div class="comment-text">'
        f"{marker}</div></div><div class='comment'><span class='author'>y</span>"
        "<div class='comment-text'>I agree with the analysis.</div></div>"
    )
    doc = doc_of(page(after=f"<section id='comments'>{comment}</section>"))
    assert len(texts(doc, SegmentKind.REMOVED_COMMENT)) == 1
    assert texts(doc, SegmentKind.COMMENT) == ["I agree with the analysis."]
    thread = "\n\n".join(["Border pact signed", *ARTICLE, "Comments (2)", marker, "Agreed."])
    _, segments = segment_document(RawDocument(origin="t.txt", text=thread))
    assert [s.kind for s in segments].count(SegmentKind.REMOVED_COMMENT) == 1


def test_prose_starting_with_a_removal_word_is_not_a_removed_comment() -> None:
    text = "\n\n".join(
        ["Border pact signed", *ARTICLE, "Deleted by the author in an early draft, the clause "
         "on grazing rights returned in the final text."]
    )  # fmt: skip
    _, segments = segment_document(RawDocument(origin="t.txt", text=text))
    assert SegmentKind.REMOVED_COMMENT not in [s.kind for s in segments]


# ---- WARC status and charset -------------------------------------------------------------------


def write_records(path: Path, records: list[tuple[str, str, str, bytes]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, status, ctype, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )


def read_items(*inputs: str) -> list[RawDocument | InputError]:
    return list(read_inputs(list(inputs), Settings()))


@pytest.mark.parametrize(
    "status", ["404 Not Found", "410 Gone", "500 Internal Server Error", "301 Moved Permanently"]
)
def test_warc_records_that_are_not_2xx_are_refused_and_the_run_goes_on(
    tmp_path: Path, status: str
) -> None:
    warc = tmp_path / "crawl.warc.gz"
    missing = b"<html><body><h1>Page not found</h1><p>Sorry.</p></body></html>"
    write_records(
        warc,
        [
            ("https://a.example/gone", status, "text/html", missing),
            ("https://a.example/ok", "200 OK", "text/html; charset=utf-8", page().encode()),
        ],
    )
    items = read_items(str(warc))
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.url for d in docs] == ["https://a.example/ok"]
    [error] = errors
    code = status.split()[0]
    assert "urn:uuid:" in str(error) and code in str(error) and "a.example/gone" in str(error)


@pytest.mark.parametrize(
    ("ctype", "encoding"),
    [
        ("text/html; charset=windows-1252", "cp1252"),
        ("text/html; charset=ISO-8859-1", "cp1252"),
        ('text/html; charset="iso-8859-2"', "iso-8859-2"),
        ("text/html;charset=koi8-r", "koi8-r"),
    ],
)
def test_warc_http_charset_is_respected(tmp_path: Path, ctype: str, encoding: str) -> None:
    words = "Привет" if encoding == "koi8-r" else "Łódź" if encoding == "iso-8859-2" else "Zürich"
    sentence = f"Ministers met in {words} on Tuesday and agreed to resume the talks next month."
    html = f"<html><body><article><h1>{words} talks</h1><p>{sentence}</p></article></body></html>"
    warc = tmp_path / "c.warc.gz"
    write_records(warc, [("https://a.example/x", "200 OK", ctype, html.encode(encoding))])
    [raw] = read_items(str(warc))
    assert isinstance(raw, RawDocument)
    doc = prepare_document(raw, Settings())
    assert sentence in texts(doc, SegmentKind.BODY) and doc.title == f"{words} talks"


def test_meta_charset_is_used_when_the_transport_says_nothing() -> None:
    html = (
        "<html><head><meta charset='windows-1252'></head><body><p>Café in Zürich</p></body></html>"
    )
    assert "Café in Zürich" in decode_bytes(html.encode("cp1252"), "t.html")
    http_equiv = html.replace(
        "<meta charset='windows-1252'>",
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">',
    )
    assert "Café in Zürich" in decode_bytes(http_equiv.encode("iso-8859-15"), "t.html")


def test_utf8_bytes_declared_latin1_stay_utf8() -> None:
    data = "Ministers met in Zürich.".encode()
    assert decode_bytes(data, "t", declared="iso-8859-1") == "Ministers met in Zürich."


def test_cli_reports_a_404_record_and_stores_the_rest(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_records(
        warc,
        [
            ("https://a.example/gone", "404 Not Found", "text/html", b"<h1>Not found</h1>"),
            ("https://a.example/ok", "200 OK", "text/html", page().encode()),
        ],
    )
    result = run_cli("ingest", str(warc), "--db", str(tmp_path / "w.duckdb"))
    assert (
        "404" in result.stdout + result.stderr and "a.example/gone" in result.stdout + result.stderr
    )
    shown = run_cli("export", "--format", "jsonl", "--out", str(tmp_path / "x"), "--db",
                    str(tmp_path / "w.duckdb"))  # fmt: skip
    exported = (tmp_path / "x" / "documents.jsonl").read_text().splitlines()
    assert shown.returncode == 0 and len(exported) == 1
    assert json.loads(exported[0])["url"] == "https://a.example/ok"


# ---- titles -------------------------------------------------------------------------------------

MOJIBAKE_TITLES = [
    ("CafÃ© diplomacy in ZÃ¼rich", "Café diplomacy in Zürich"),
    ("Talks  in\n  Ankara", "Talks in Ankara"),
    ("Lavrovâ€™s visit to Pyongyang", "Lavrov’s visit to Pyongyang"),
]


@pytest.mark.parametrize(("broken", "fixed"), MOJIBAKE_TITLES)
def test_titles_are_repaired_like_text_from_jsonl_and_html(
    tmp_path: Path, broken: str, fixed: str
) -> None:
    text = "\n\n".join(ARTICLE)
    raw = RawDocument(origin="b.jsonl:1", text=text, title=broken)
    assert prepare_document(raw, Settings()).title == fixed
    html = page().replace("<title>Border pact signed</title>", f"<title>{broken}</title>")
    html = html.replace("<h1>Border pact signed</h1>", "")
    assert doc_of(html).title == fixed


# ---- the evaluation -----------------------------------------------------------------------------


def test_not_found_pages_are_refused_not_analysed() -> None:
    for name in ("notfound-404", "notfound-oops", "notfound-soft"):
        with pytest.raises(InputError, match=r"not found|no text to analyse"):
            doc_of(gold_pages()[name].html)


def test_eval_pages_prints_documents_segmented_right() -> None:
    result = run_cli("eval", "pages", cwd=ROOT)
    found = re.search(r"(\d+) of (\d+) documents segmented right", result.stdout)
    assert result.returncode == 0 and found, result.stdout + result.stderr
    right, total = int(found.group(1)), int(found.group(2))
    assert total >= 30 and right >= total - 2
    f1 = re.search(r"F1 (\d\.\d{3})", result.stdout)
    assert f1 and float(f1.group(1)) >= 0.96


# ---- soft 404 pages -----------------------------------------------------------------------------


def error_page(title: str, heading: str, lines: list[str]) -> str:
    paragraphs = "".join(f"<p>{t}</p>" for t in lines)
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<header><nav><a href='/'>Home</a></nav></header><main><h1>{heading}</h1>{paragraphs}"
        "</main><footer><p>© 2024 Example News</p></footer></body></html>"
    )


SOFT_404 = [
    (
        "Page not found | Example News",
        "Oops! We can't find that page.",
        [
            "The article you were looking for may have been moved or deleted.",
            "Try searching for it, or browse our latest world news.",
        ],
    ),
    ("404 - Example News", "Sorry, this page is no longer available", ["Go back to the homepage"]),
    (
        "Example News",
        "Page not found",
        ["The page you are looking for does not exist or has been moved."],
    ),
    (
        "Error 404 | Example News",
        "Something went wrong",
        ["We're sorry, we couldn't find the story you asked for."],
    ),
]


@pytest.mark.parametrize(("title", "heading", "lines"), SOFT_404)
def test_a_page_that_answered_but_says_not_found_is_refused(
    title: str, heading: str, lines: list[str]
) -> None:
    with pytest.raises(InputError, match="not found"):
        doc_of(error_page(title, heading, lines))


MISSING_STORIES = [
    # an article about a missing page: title and heading say it, the article says much more
    ("Page not found: Kyrgyz court archive vanishes | Example News", "Page not found"),
    # an article about a missing person
    ("Missing activist not found | Example News", "Missing activist not found"),
    ("Not found: the diplomats Moscow says never existed", "Not found"),
]


@pytest.mark.parametrize(("title", "heading"), MISSING_STORIES)
def test_an_article_about_a_missing_page_or_person_is_kept(title: str, heading: str) -> None:
    html = error_page(title, heading, ["Not found after a week of searching.", *ARTICLE])
    doc = doc_of(html)
    assert texts(doc, SegmentKind.BODY)[-3:] == ARTICLE


def test_a_short_page_with_one_not_found_line_only_is_kept() -> None:
    # one signal (a body line) is not enough: a brief that quotes an error message stays
    html = error_page(
        "Court archive offline | Example News",
        "Court archive offline",
        ["Page not found", "Kyrgyzstan's supreme court took its archive of rulings offline."],
    )
    assert "Kyrgyzstan" in analysed_text(doc_of(html))


# ---- bylines, credits and dates standing alone ------------------------------------------------

CREDIT_LINES = [
    "By Jane Smith | April 18, 2024",
    "By Jane Smith",
    "By J. Smith and Ali Khan",
    "Thu 18 Apr 2024 09.30 BST",
    "April 18, 2024",
    "Last Modified: 18 April 2024 10:02",
    "Key events",
    "Reporting by Nailia Bagirova; Editing by Andrew Heavens",
    "Writing by Mark Trevelyan; Editing by Kevin Liffey",
    "(Reporting by Tom Balmforth; Editing by Alex Richardson)",
    "Additional reporting by Felix Light in Tbilisi",
    "Editing by Andrew Heavens",
    "submitted 5 hours ago by Newsbot3000 to r/worldnews",
    "123 points by dang 5 hours ago | hide | past | favorite | 45 comments",
    "Posted by u/Newsbot3000 5 hours ago",
    "by starter » Wed Mar 06, 2024 10:00 am",
]

PROSE_LIKE_CREDITS = [
    "By Friday, the troops of both countries had pulled back from four villages.",
    "By Friday, Russian troops had pulled back",
    "By then, Moscow had agreed to the terms.",
    "By 2024, the alliance had grown to 32 members.",
    "By April 18, 2024, the deadline had passed.",
    "Reporting by state media said residents protested near the road to Georgia.",
    "Additional reporting by the Guardian found that the ministry had lied.",
    "Edited by the ministry, the report was released on Monday.",
    "Key events in the war were never reported.",
    "The deal was signed on 18 April 2024.",
    "Posted by the embassy on its website, the statement denied the claims.",
]


@pytest.mark.parametrize("line", CREDIT_LINES)
def test_credit_byline_and_date_lines_standing_alone_are_boilerplate(line: str) -> None:
    doc = doc_of(page(before=f"<p>{line}</p>", article_extra=f"<p>{line}</p>"))
    assert line not in analysed_text(doc)
    assert texts(doc, SegmentKind.BODY)[-3:] == ARTICLE


@pytest.mark.parametrize("line", PROSE_LIKE_CREDITS)
def test_prose_that_starts_like_a_credit_stays_body(line: str) -> None:
    doc = doc_of(page(article_extra=f"<p>{line}</p>"))
    assert line in texts(doc, SegmentKind.BODY)


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Smith | April 18, 2024",
        "Thu 18 Apr 2024 09.30 BST",
        "Last Modified: 18 April 2024 10:02",
    ],
)
def test_a_date_line_made_boilerplate_still_dates_the_page(line: str) -> None:
    html = page().replace(
        "<h1>Border pact signed</h1>", f"<h1>Border pact signed</h1><p>{line}</p>"
    )
    doc = doc_of(html)
    assert line not in analysed_text(doc)
    assert doc.published is not None and (doc.published.year, doc.published.month) == (2024, 4)
    assert doc.published_from == "dateline"


# ---- forum and aggregator threads: titles, taglines, quoted posts -----------------------------


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("phpbb-quote", "Turkey and Sweden NATO deal"),
        ("phpbb-thread", "Essequibo mediation"),
        ("xenforo-quote", "Shared gas field starts exports"),
        ("vbulletin-quote", "Border crossings to reopen"),
        ("reddit-old-tagline", "Serbia and Kosovo agree to resume EU-brokered talks"),
        ("hn-byline", "North Sea cable patrols"),
    ],
)
def test_a_forum_thread_is_titled_by_its_topic_not_its_board(name: str, title: str) -> None:
    doc = doc_of(gold_pages()[name].html)
    assert doc.title == title
    assert texts(doc, SegmentKind.HEADLINE) == [title]


@pytest.mark.parametrize(
    ("name", "byline"),
    [
        ("reddit-old-tagline", "Newsbot3000"),
        ("reddit-old-linkpost", "Newsbot3000"),
        ("hn-byline", "cablewatch"),
        ("xenforo-quote", "Thread starter"),
    ],
)
def test_the_opening_posts_tagline_is_not_article_text(name: str, byline: str) -> None:
    doc = doc_of(gold_pages()[name].html)
    assert byline not in analysed_text(doc)
    assert not any(t.startswith("|") or t.endswith("|") for t in texts(doc, SegmentKind.BODY))


def test_a_new_reddit_posts_credit_bar_is_not_article_text() -> None:
    html = (
        "<html><head><title>Talks resume : worldnews</title></head><body>"
        "<shreddit-post post-title='Serbia and Kosovo resume talks' author='Newsbot3000'>"
        "<div slot='credit-bar'>Posted by <a>u/Newsbot3000</a> <time>5 hr. ago</time></div>"
        f"<div slot='text-body'><p>{ARTICLE[0]}</p><p>{ARTICLE[1]}</p></div></shreddit-post>"
        "<shreddit-comment author='balkan_watch' depth='0'><div slot='comment'>"
        "<p>Third time this year they have promised to resume talks.</p></div></shreddit-comment>"
        "</body></html>"
    )
    doc = doc_of(html)
    assert doc.title == "Serbia and Kosovo resume talks"
    assert "Newsbot3000" not in analysed_text(doc)
    assert len(texts(doc, SegmentKind.COMMENT)) == 1


@pytest.mark.parametrize(
    ("name", "quoted", "own"),
    [
        (
            "phpbb-quote",
            "Baltic_Analyst wrote:",
            "The jets were always the real price of the vote.",
        ),
        (
            "xenforo-quote",
            "dakar_desk said:",
            "The costs were always going to be the sticking point",
        ),
        (
            "vbulletin-quote",
            "Originally Posted by",
            "Trade through Huaquillas has been cut in half",
        ),
        ("discourse-quote", "chisinau_c:", "That dependence is exactly what Moscow has used"),
    ],
)
def test_a_post_quoted_in_a_reply_is_not_the_repliers_words(
    name: str, quoted: str, own: str
) -> None:
    doc = doc_of(gold_pages()[name].html)
    comments = texts(doc, SegmentKind.COMMENT)
    assert any(c.startswith(own) for c in comments)
    assert not any(quoted in c for c in comments)
    # the quoted text appears once, in the opening post it came from
    opening = texts(doc, SegmentKind.BODY)
    assert opening and not any(opening[-1][-40:] in c for c in comments)


def test_an_opening_post_keeps_the_news_it_quotes() -> None:
    html = gold_pages()["phpbb-quote"].html.replace(
        '<div class="content">Turkey',
        '<div class="content"><blockquote><cite>Reuters wrote:</cite>Hungary said it would vote '
        "on the matter in the spring.</blockquote>Turkey",
        1,
    )
    body = " ".join(texts(doc_of(html), SegmentKind.BODY))
    assert "Hungary said it would vote on the matter in the spring." in body
