"""Outlets (issue 19): the registry kept as data, its owner groups in the independent-sources
count, coverage across outlets on the story page, the outlet pages, and watch and alerts in the
UI — pages checked in a real headless Chromium against `detente serve`, at 1280 and 390 px, on a
store of our own articles with several outlets per story, an undated one, a flagged shift and
hostile markup.

Screenshots go to test-artifacts/screenshots/outlets-*.png (or under $DETENTE_ARTIFACTS).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Our own writing: one summit told by seven outlets (two of one owner group, two of another, a
# state agency, a wire, a blog with hostile markup in its title; one article undated), and a
# second happening so that outlets have more than one story and a gap between months.
LEAD = (
    "Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a mutual defence"
    " treaty in Pyongyang on Wednesday"
)
SUMMIT = [
    ("Putin and Kim sign defence treaty in Pyongyang", "Reuters",
     "https://www.reuters.com/world/putin-kim-treaty", "2024-06-19T10:00:00Z",
     f"{LEAD}, pledging to help each other if either is attacked. South Korea condemned the"
     " agreement and said it would review its ban on supplying weapons to Ukraine. China"
     " declined to comment on the treaty."),
    ("Russia and North Korea sign comprehensive strategic partnership", "TASS",
     "https://tass.com/politics/1805000", "2024-06-19T11:00:00Z",
     f"{LEAD}, a document Moscow described as a new stage of friendship. Putin praised North"
     " Korea for its firm support and thanked Kim for his hospitality."),
    ("Putin and Kim seal pact in Pyongyang", "RIA Novosti", "https://ria.ru/20240619/pact.html",
     "2024-06-19T12:00:00Z",
     f"{LEAD}. The Kremlin said the treaty opens a new era in relations between the two"
     " neighbours."),
    ("Putin, Kim sign treaty in Pyongyang", "Sputnik",
     "https://sputnikglobe.com/20240619/treaty.html", "2024-06-19T13:00:00Z",
     f"{LEAD}. Putin thanked Kim for the warm welcome in the North Korean capital."),
    ("Kim and Putin agree to defend each other", "NK News",
     "https://www.nknews.org/2024/06/kim-putin-treaty/", "2024-06-20T02:00:00Z",
     f"{LEAD}. Analysts said the pact could let Russia send advanced military technology to"
     " North Korea. Japan and South Korea criticised the agreement."),
    ("Putin and Kim treaty alarms Seoul", "The Guardian",
     "https://www.theguardian.com/world/2024/jun/19/putin-kim-treaty", "2024-06-19T18:00:00Z",
     f"{LEAD}. South Korea condemned the pact as a threat to its security. The United States"
     " said the treaty should worry anyone who wants peace on the Korean peninsula."),
    ("What the Putin and Kim treaty means", "The Observer",
     "https://observer.co.uk/news/putin-kim-treaty", None,
     f"{LEAD}. South Korea condemned the treaty and the United States criticised Russia for"
     " arming North Korea."),
    ("<script>alert(1)</script> SHOCKING: Putin and Kim sign treaty!!!",
     "<b>Pyongyang</b> Watch <img src=x onerror=alert(2)>",
     "https://pyongyangwatch.substack.com/p/treaty", "2024-06-21T08:00:00Z",
     f"{LEAD}. You won't believe what happened next! The two leaders hugged at the airport."),
]  # fmt: skip
OTHER = [
    ("Chile and Peru sign fisheries accord", "Reuters",
     "https://www.reuters.com/world/americas/chile-peru-fisheries", "2024-09-10T09:00:00Z",
     "Chile and Peru signed a fisheries agreement in Lima on Tuesday, ending a long dispute over"
     " anchovy stocks. Chilean Foreign Minister Alberto van Klaveren praised Peru for its"
     " flexibility."),
    ("Japan and Australia agree to share radar data", "Reuters",
     "https://www.reuters.com/world/asia-pacific/japan-australia-radar", "2024-04-03T09:00:00Z",
     "Japan and Australia agreed on Wednesday to share radar data from their air defence"
     " systems, officials in Tokyo said. Australia praised Japan for its cooperation."),
]  # fmt: skip


def articles_jsonl(path: Path) -> Path:
    """Our articles as one JSONL file, the shape `detente analyze` reads."""
    with path.open("w", encoding="utf-8") as fh:
        for title, source, url, published, text in [*SUMMIT, *OTHER]:
            record = {"title": title, "source": source, "url": url, "text": text}
            if published:
                record["published"] = published
            fh.write(json.dumps(record) + "\n")
    return path


FEED_ITEM = (
    "Russia and North Korea held new talks on military cooperation in Moscow on Friday. Russian"
    " Foreign Minister Sergei Lavrov met North Korean Foreign Minister Choe Son Hui and praised"
    " North Korea for its support."
)
RULES = """
web: http://127.0.0.1:9
rules:
  - {name: prk-rus, when: {dyad: [PRK, RUS]}, to: [{jsonl: alerts.jsonl}]}
  - {name: big-story, when: {story_size: 3}, to: [{jsonl: alerts.jsonl}]}
  - {name: turns, when: {shift: true}, to: [{jsonl: alerts.jsonl}]}
  - {name: quiet-rule, when: {root: "20"}, to: [{jsonl: alerts.jsonl}]}
"""


def _feed_server() -> tuple[Any, str]:
    """A real HTTP server on 127.0.0.1 serving one RSS feed of our own writing."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from tests.conftest import free_port

    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local Desk</title><item>'
        "<title>Lavrov and Choe hold talks in Moscow</title>"
        "<link>https://localdesk.example/lavrov-choe</link>"
        "<pubDate>Fri, 21 Jun 2024 09:00:00 GMT</pubDate>"
        f"<description>{FEED_ITEM}</description></item></channel></rss>"
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/feed.xml"


@pytest.fixture(scope="module")
def outlets_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Our articles analysed and grouped into stories, a flagged shift, then one real watch
    round (a working feed and a source that refuses connections) with alert rules; returns the
    store and the rules file."""
    from detente.config import Settings
    from detente.corpus import run_corpus
    from detente.monitor.alerts import load_rules
    from detente.monitor.run import watch
    from detente.monitor.sources import Source
    from detente.pipeline import run
    from tests.conftest import free_port
    from tests.test_workbench import with_shift

    folder = tmp_path_factory.mktemp("outlets")
    first = folder / "first.duckdb"
    run([str(articles_jsonl(folder / "articles.jsonl"))], Settings(db=first))
    run_corpus(Settings(db=first))
    db = with_shift(first, folder / "outlets.duckdb")
    rules = folder / "rules.yaml"
    rules.write_text(RULES.replace("alerts.jsonl", str(folder / "alerts.jsonl")), "utf-8")
    server, feed = _feed_server()
    sources = [Source("local-desk", feed),
               Source("dead-feed", f"http://127.0.0.1:{free_port()}/rss")]  # fmt: skip
    try:
        watch(sources, Settings(db=db, allow_private=True), load_rules(rules), once=True,
              terminal=lambda alert: None)  # fmt: skip
    finally:
        server.shutdown()
    return db, rules


# ---- owner groups in the independent-sources count ------------------------------------------


def _summit_event(db: Path) -> dict[str, Any]:
    from detente.store import Store

    with Store.open(db, read_only=True) as store:
        rows = store.records(
            "SELECT n_sources, sources, wire FROM corroborated WHERE cameo = '057'"
            " AND source IN ('RUS', 'PRK') AND target IN ('RUS', 'PRK')"
        )
    assert len(rows) == 1, rows
    return rows[0]


def test_outlets_of_one_owner_group_count_once(outlets_db: tuple[Path, Path]) -> None:
    event = _summit_event(outlets_db[0])
    assert {"RIA Novosti", "Sputnik", "The Guardian", "The Observer"} <= set(event["sources"])
    # eight outlets, two pairs of one owner each (Rossiya Segodnya, Guardian Media Group)
    assert len(event["sources"]) == 8 and event["n_sources"] == 6
    assert event["wire"] is True  # Reuters (wire) and TASS (state media) are among them


def test_without_a_shared_owner_every_outlet_counts(
    outlets_db: tuple[Path, Path], tmp_path: Path
) -> None:
    import shutil

    from detente.corpus.corroborate import corroborate
    from detente.outlets import registry_for
    from detente.store import Store

    mine = tmp_path / "apart.yaml"
    mine.write_text("outlets:\n  - {name: Sputnik, group: ''}\n", "utf-8")
    db = tmp_path / "apart.duckdb"
    shutil.copy(outlets_db[0], db)
    with Store.open(db) as store:
        corroborate(store, registry=registry_for(mine))
    assert _summit_event(db)["n_sources"] == 7  # Sputnik is its own voice; the Guardian's two not


def test_wire_is_marked_by_kind_not_by_name() -> None:
    from detente.corpus.corroborate import is_wire

    assert is_wire("Xinhua") and is_wire("KCNA") and is_wire("", "https://tass.ru/politika/1")
    assert is_wire("Anadolu Agency") and is_wire("US Department of State")
    assert not is_wire("The Guardian") and not is_wire("BBC News") and not is_wire("NK News")


# ---- the reads behind the pages ---------------------------------------------------------------


def test_the_outlets_index_counts_documents_stories_and_undated(
    outlets_db: tuple[Path, Path],
) -> None:
    from detente.outlets import load_registry
    from detente.query.outlets import list_outlets
    from detente.store import Store

    with Store.open(outlets_db[0], read_only=True) as store:
        found = list_outlets(store, load_registry())
    by_name = {o["name"]: o for o in found["outlets"]}
    reuters, observer = by_name["Reuters"], by_name["The Observer"]
    assert (reuters["documents"], reuters["stories"], reuters["undated"]) == (3, 3, 0)
    assert str(reuters["first"]) == "2024-04-03" and str(reuters["last"]) == "2024-09-10"
    assert observer["undated"] == 1 and observer["first"] is None  # never placed on a date
    assert by_name["Local Desk"]["listed"] is False  # the watched feed's own title
    hostile = next(o for o in found["outlets"] if "Pyongyang" in o["name"])
    assert hostile["kind"] == "blog" and hostile["sensationalism"] > 0.5
    assert found["outlets"][0]["name"] == "Reuters"  # most documents first


def test_an_outlets_coverage_over_time_leaves_empty_months_empty(
    outlets_db: tuple[Path, Path],
) -> None:
    from detente.outlets import load_registry
    from detente.query.outlets import outlet_profile
    from detente.store import Store
    from detente.web.charts import period_chart

    with Store.open(outlets_db[0], read_only=True) as store:
        profile = outlet_profile(store, load_registry(), "reuters")
        weekly = outlet_profile(store, load_registry(), "Reuters", period="week")
        unknown = outlet_profile(store, load_registry(), "No Such Outlet")
        listed_idle = outlet_profile(store, load_registry(), "Xinhua")
    assert profile is not None and weekly is not None and unknown is None
    assert [str(r["period"]) for r in profile["timeline"]] == ["2024-04-01", "2024-06-01",
                                                               "2024-09-01"]  # fmt: skip
    chart = str(period_chart(profile["timeline"], "documents", "month", "documents"))
    assert chart.count('class="up"') == 3  # April, June, September; May, July, August empty
    assert "2024-07-01" in chart or "2024-07-01: none" in chart
    assert len(weekly["timeline"]) == 3
    assert listed_idle is not None and listed_idle["documents"] == 0  # listed, nothing stored


def test_story_coverage_says_what_each_article_reports_or_leaves_out(
    outlets_db: tuple[Path, Path],
) -> None:
    from detente.outlets import load_registry
    from detente.query.outlets import story_coverage
    from detente.store import Store

    with Store.open(outlets_db[0], read_only=True) as store:
        story = store.query("SELECT story_id FROM stories WHERE n_docs >= 8")[0][0]
        coverage = story_coverage(store, load_registry(), story)
    articles = {a["outlet"]["name"]: a for a in coverage["articles"]}
    assert len(articles) == 8 and coverage["voices"] == 6
    assert {"PRK", "RUS", "KOR"} <= set(coverage["key_actors"])
    tass, reuters, guardian = articles["TASS"], articles["Reuters"], articles["The Guardian"]
    assert "KOR" in tass["left_out"] and not tass["mentions"]["KOR"]  # Seoul's view left out
    assert reuters["mentions"]["KOR"] and "KOR" not in reuters["left_out"]
    assert guardian["tones"]["KOR"] is not None and tass["tones"]["KOR"] is None
    assert tass["tones"]["PRK"] > 0.2  # "praised North Korea for its firm support"
    for article in articles.values():
        assert article["reported"] == sum(article["reports"].values()) >= 1
    assert articles["The Observer"]["published"] is None
    assert articles["The Observer"]["outlet"]["group"] == "Guardian Media Group"


def test_watched_sources_and_alerts_are_read_with_their_evidence(
    outlets_db: tuple[Path, Path],
) -> None:
    from detente.query.watching import alert_rules, raised_alerts, watched_sources
    from detente.store import Store

    db, rules_file = outlets_db
    with Store.open(db, read_only=True) as store:
        sources = {s["name"]: s for s in watched_sources(store)}
        rules = {r["name"]: r for r in alert_rules(store, rules_file)}
        alerts = raised_alerts(store)
        only = raised_alerts(store, rule="big-story")
    assert sources["local-desk"]["health"] == "ok" and sources["local-desk"]["items"] == 1
    dead = sources["dead-feed"]
    assert dead["health"] == "never succeeded" and dead["failures"] == 1 and dead["last_error"]
    assert next(iter(sources)) == "dead-feed"  # failing first
    assert rules["quiet-rule"]["alerts"] == 0 and rules["quiet-rule"]["when"] == "root 20"
    assert rules["prk-rus"]["when"] == "dyad PRK–RUS" and rules["prk-rus"]["to"] == ["jsonl"]
    assert rules["turns"]["when"] == "shift" and rules["turns"]["kind"] == "shift"
    kinds = {a["kind"] for a in alerts}
    assert {"event", "story", "shift"} <= kinds
    for alert in alerts:
        assert alert["evidence"] and all(e["href"].startswith("/") for e in alert["evidence"])
        assert alert["deliveries"] == {"jsonl": "ok"}
    event = next(a for a in alerts if a["kind"] == "event")
    assert [e["href"].split("/")[1] for e in event["evidence"]] == ["doc", "dyad"]
    assert only and {a["rule"] for a in only} == {"big-story"}


# ---- the pages in a real browser --------------------------------------------------------------

WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def site(outlets_db: tuple[Path, Path]) -> Iterator[str]:
    from tests.conftest import serve_store

    db, rules = outlets_db
    yield from serve_store(db, "--rules", str(rules))


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from tests.test_web import CHROMIUM

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (.ci/run installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def page(request: pytest.FixtureRequest, chromium: Any, site: str) -> Iterator[Any]:
    """A page at 1280 or 390 px that fails the test on a script error, a dialog (an injected
    alert()), a console error (a Content-Security-Policy refusal is one) or a request that
    leaves the server."""
    from tests.test_web import _unexpected

    context = chromium.new_context(viewport={"width": request.param, "height": 900},
                                   base_url=site)  # fmt: skip
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    tab.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on("console", lambda m: problems.append(m.text) if _unexpected(m) else None)
    tab.on("request", lambda r: None if r.url.startswith((site, "data:")) else problems.append(
        f"request off the server: {r.url}"))  # fmt: skip
    yield tab
    context.close()
    assert not problems, problems


def snap(page: Any, view: str, tmp_path: Path) -> None:
    """A full-page screenshot kept under tmp_path, in test-artifacts."""

    from tests.test_web import shot

    width = page.viewport_size["width"]
    path = tmp_path / f"{view}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    shot(page, f"outlets-{view}-{width}")


def _fits(page: Any) -> None:
    """Nothing but a scrolling card is wider than the screen."""
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


def test_the_outlets_index_lists_outlets_with_kind_and_hostile_names_as_text(
    page: Any, tmp_path: Path
) -> None:
    response = page.goto("/outlets")
    assert response is not None and response.status == 200
    rows = page.locator("table.outlets tbody tr")
    assert rows.count() >= 9
    first = rows.first.inner_text()
    assert "Reuters" in first and "wire" in first and "GBR" in first
    hostile = page.locator("table.outlets a.outlet", has_text="Pyongyang")
    assert "<b>Pyongyang</b> Watch <img src=x onerror=alert(2)>" in hostile.inner_text()
    assert page.locator("table.outlets img, table.outlets b").count() == 0
    assert "1 undated" in page.locator("tr", has_text="The Observer").inner_text()
    _fits(page)
    snap(page, "outlets", tmp_path)
    hostile.click()
    page.wait_for_url("**/outlet/**")
    assert "Pyongyang" in page.locator("h1").inner_text()


def test_an_outlet_page_shows_coverage_over_time_with_gaps_and_its_stories(
    page: Any, site: str, tmp_path: Path
) -> None:
    import httpx

    page.goto("/outlets")
    page.locator("table.outlets a.outlet", has_text="Reuters").first.click()
    page.wait_for_url("**/outlet/Reuters")
    assert page.locator("svg.chart rect.up").count() == 3  # April, June, September
    assert page.locator("svg.chart polyline").count() == 0  # no line across empty months
    assert page.locator("ul.stories").first.locator("li").count() == 3
    assert "wire" in page.locator("p.meta").inner_text()
    _fits(page)
    snap(page, "outlet", tmp_path)
    page.goto("/outlet/The%20Observer")
    said = page.locator("main").inner_text()
    assert "1 undated document" in said and "The Guardian" in said  # its owner group's other
    assert page.locator("svg.chart rect.up").count() == 0
    assert "undated" in page.locator("ul.outlet-docs").inner_text()
    snap(page, "outlet-undated", tmp_path)
    missing = httpx.get(f"{site}/outlet/No%20Such%20Outlet", timeout=30)
    assert missing.status_code == 404 and "/outlets" in missing.text


def test_the_story_page_sets_outlets_headlines_side_by_side(page: Any, tmp_path: Path) -> None:
    page.goto("/outlet/TASS")
    page.locator("ul.stories a").first.click()
    page.wait_for_url("**/story/**")
    cards = page.locator("section.coverage article.article-card")
    assert cards.count() == 8
    assert "6 independent voices" in page.locator("section.coverage h2").first.inner_text()
    tass = cards.filter(has_text="TASS")
    assert "state media" in tass.inner_text() and "leaves out" in tass.inner_text()
    assert "South Korea" in tass.locator(".told").inner_text()
    hostile = cards.filter(has_text="SHOCKING")
    assert "<script>alert(1)</script>" in hostile.locator("h3").inner_text()
    assert "sensational" in hostile.inner_text()
    assert "undated" in cards.filter(has_text="The Observer").inner_text()
    matrix = page.locator("table.matrix")
    assert matrix.locator("thead th").count() == 9
    assert matrix.locator("span.yes").count() >= 8 and matrix.locator("span.no").count() >= 1
    assert "Sign formal agreement" in matrix.inner_text()  # CAMEO names beside codes
    _fits(page)
    snap(page, "story-coverage", tmp_path)


def test_watch_shows_source_health_rules_and_alerts_with_evidence(
    page: Any, tmp_path: Path
) -> None:
    response = page.goto("/watch")
    assert response is not None and response.status == 200
    sources = page.locator("table.sources tbody tr")
    assert sources.count() == 2
    assert "never succeeded" in sources.first.inner_text()
    desk = page.locator("tr", has_text="local-desk")
    assert "ok" in desk.inner_text() and desk.locator("td").last.inner_text().startswith("1")
    assert "stories" in page.locator("tr", has_text="big-story").inner_text()
    rules = page.locator("table.rules tbody tr")
    assert rules.count() == 4 and "dyad PRK–RUS" in rules.first.inner_text()
    alerts = page.locator("ul.alerts li")
    assert alerts.count() >= 3
    _fits(page)
    snap(page, "watch", tmp_path)
    page.locator("table.rules a", has_text="big-story").click()
    page.wait_for_url("**/watch?rule=big-story*")
    assert page.locator("ul.alerts li").count() >= 1
    assert all("big-story" in t for t in page.locator("ul.alerts li").all_inner_texts())
    page.locator("ul.alerts .evidence-links a", has_text="story").first.click()
    page.wait_for_url("**/story/**")
    assert page.locator("section.coverage").count() == 1
    page.goto("/watch")
    event = page.locator("ul.alerts li.kind-event").first
    event.locator("a[href^='/dyad/']").click()
    page.wait_for_url("**/dyad/**")
    assert page.locator("svg.chart").count() == 1
    page.goto("/watch")
    page.locator("ul.alerts li.kind-event a[href^='/doc/']").first.click()
    page.wait_for_url("**/doc/**")
    assert "Lavrov" in page.locator("main").inner_text()


# ---- what a fresh analyst found (issue 19, second round) -------------------------------------


@pytest.mark.parametrize("name", ["Thomson Reuters", "reuters news", "reuters.com", "REUTERS"])
def test_an_outlet_is_found_by_any_name_alias_or_domain(
    outlets_db: tuple[Path, Path], name: str
) -> None:
    from detente.outlets import load_registry
    from detente.query import outlets as outlet_reads
    from detente.store import Store

    with Store.open(outlets_db[0], read_only=True) as store:
        canonical = outlet_reads.outlet_profile(store, load_registry(), "Reuters")
        found = outlet_reads.outlet_profile(store, load_registry(), name)
    assert canonical is not None and canonical["documents"] == 3
    assert found is not None and (found["name"], found["documents"]) == ("Reuters", 3)


def test_an_outlet_alias_redirects_to_its_page_and_the_api_answers_for_outlets(site: str) -> None:
    import httpx

    moved = httpx.get(f"{site}/outlet/Thomson%20Reuters?period=week")
    assert moved.status_code == 308
    assert moved.headers["location"] == "/outlet/Reuters?period=week"
    followed = httpx.get(f"{site}/outlet/RIA", follow_redirects=True)
    assert followed.status_code == 200 and followed.url.path == "/outlet/RIA Novosti"
    assert "<h1>RIA Novosti</h1>" in followed.text
    listed = httpx.get(f"{site}/api/outlets")
    assert listed.status_code == 200
    by_name = {o["name"]: o for o in listed.json()["outlets"]}
    assert by_name["Reuters"]["documents"] == 3 and by_name["Reuters"]["kind"] == "wire"
    one = httpx.get(f"{site}/api/outlets/ria.ru", params={"period": "week"})
    assert one.status_code == 200 and one.json()["name"] == "RIA Novosti"
    assert one.json()["documents"] == by_name["RIA Novosti"]["documents"] >= 1
    missing = httpx.get(f"{site}/api/outlets/No%20Such%20Outlet")
    assert missing.status_code == 404 and "/api/outlets" in missing.json()["error"]["message"]
    events = httpx.get(f"{site}/api/events", params={"outlet": "reuters", "limit": 200})
    assert events.status_code == 200
    assert {e["outlet"] for e in events.json()["items"]} == {"Reuters"}


def test_an_outlet_page_with_a_bad_period_keeps_the_page_and_says_why(site: str) -> None:
    import httpx

    answer = httpx.get(f"{site}/outlet/Reuters", params={"period": "day"})
    assert answer.status_code == 400
    assert "choose week or month" in answer.text and "<h1>Reuters</h1>" in answer.text
    assert "svg" in answer.text  # the months are still charted


@pytest.mark.parametrize("width", WIDTHS)
def test_the_story_tables_are_readable_on_a_phone(chromium: Any, site: str, width: int,
                                                  tmp_path: Path) -> None:  # fmt: skip

    context = chromium.new_context(viewport={"width": width, "height": 900}, base_url=site)
    page = context.new_page()
    page.goto("/outlet/TASS")
    page.locator("ul.stories a").first.click()
    page.wait_for_url("**/story/**")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    for table in ("table.story-events", "table.matrix"):
        right = page.eval_on_selector(table, "t => t.getBoundingClientRect().right")
        assert right <= width, f"{table} ends at {right:.0f} px on a {width} px screen"
    marks = page.locator("table.matrix td.mark").first
    if width < 640:  # stacked: each mark says whose it is
        assert (
            page.evaluate("e => getComputedStyle(e, '::before').content", marks.element_handle())
            != "none"
        )
    assert "1 documents" not in page.locator("main").inner_text()
    path = tmp_path / f"story-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    context.close()
