"""The analyst's views (issue 19): the events explorer, attention over time and tone over time,
in a real headless Chromium against `detente serve`, at 1280 and 390 px, on a store with a
flagged shift, undated documents, a story told by several outlets and hostile markup.

Screenshots go under the test's tmp_path, to test-artifacts/screenshots/views-*.png.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import httpx
import pytest
from playwright.sync_api import Page

from detente.corpus.dyads import dyad_series
from detente.query import actor_reads, event_reads, explorer, periods, reads, tone
from detente.query import attention as attention_reads
from detente.query.lookup import NotFound
from detente.query.paging import BadQuery
from detente.search import build_index
from detente.store import Store
from detente.web import charts
from detente.web.pages import counted
from tests.conftest import run_cli, serve_store
from tests.test_web import CHROMIUM, _unexpected, browser, shot  # noqa: F401 (a fixture)
from tests.test_workbench import with_shift

WIDTHS = (1280, 390)
HOSTILE_TITLE = "<script>alert(1)</script> Prisoner swap completed"
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (.ci/run installs Debian's chromium)"
)

# Our own writing: one prisoner exchange told by three outlets (one of them with a hostile
# title), later clashes weeks apart (gaps on the time line) and an undated report.
ARTICLES = [
    ("Russia and Ukraine exchange prisoners in deal brokered by the UAE", "Kyiv Courier",
     "2024-03-15T08:00:00Z",
     "Russia and Ukraine exchanged 230 prisoners of war on Friday in a deal brokered by the "
     "United Arab Emirates. Ukrainian President Volodymyr Zelensky thanked the Emirati "
     "mediators and said more exchanges would follow."),
    ("Moscow and Kyiv swap hundreds of prisoners", "Northern Telegraph", "2024-03-15T11:30:00Z",
     "Russia and Ukraine swapped 230 prisoners of war on Friday in a deal mediated by the "
     "United Arab Emirates. Ukraine's president thanked the mediators, and Russia's defence "
     "ministry said 115 Russian soldiers had returned home."),
    (HOSTILE_TITLE, "Hostile <b>Desk</b>", "2024-03-16T09:00:00Z",
     "Russia and Ukraine exchanged 64 prisoners of war on Saturday, the United Arab Emirates "
     "said. <img src=x onerror=alert(2)> Both sides praised the mediators."),
    ("Ukraine condemns Russian strikes on Kharkiv", "Kyiv Courier", "2024-05-06T07:00:00Z",
     "Ukraine condemned Russia on Monday after missiles struck residential districts of "
     "Kharkiv. The Ukrainian foreign ministry accused Moscow of deliberately targeting "
     "civilians and called for more air defence from its partners."),
    ("Russia accuses Ukraine of drone attack on Belgorod", "Northern Telegraph",
     "2024-05-08T10:00:00Z",
     "Russia accused Ukraine on Wednesday of launching a drone attack on the city of Belgorod. "
     "The Russian defence ministry said air defences destroyed twelve drones overnight."),
    ("Ukraine and Russia trade prisoners again", "Steppe Herald", "2024-08-12T09:00:00Z",
     "Ukraine and Russia traded 90 prisoners each on Monday, their first exchange in months, "
     "after talks mediated by the United Arab Emirates."),
    ("Russia and Ukraine hold talks on a new prisoner exchange", "Kyiv Courier", None,
     "Russian and Ukrainian officials held talks on a new prisoner exchange, Ukraine's "
     "ombudsman said. Ukraine praised the mediators from the United Arab Emirates."),
]  # fmt: skip

# Many short pieces (ingested, not analysed: stored documents all the same) so that a search
# has more than one page of matches; sentences mixed so that no two are near-duplicates.
POOL = [
    "The grain corridor through the Black Sea carried {n} ships this month.",
    "Insurers raised premiums for vessels bound for Odesa.",
    "Farmers in the south reported a record wheat harvest.",
    "Port officials in Constanta said rail links were congested.",
    "Traders in Geneva expected prices to fall before the winter.",
    "A bulk carrier left Chornomorsk with maize for Egypt.",
    "Analysts said demining the shipping lanes would take years.",
    "The harbour master counted {n} tugs on duty overnight.",
    "Exporters asked for faster inspections at the Bosporus.",
    "Barley shipments to Spain rose for a third week.",
    "A storm closed the Danube ports for two days.",
    "Freight rates from Izmail doubled over the summer.",
    "Customs officers tested new scanners at the border crossing.",
    "The agriculture ministry published planting figures for sunflower.",
    "Silo operators near Mykolaiv repaired damaged roofs.",
    "A convoy of lorries queued for {n} hours at the Polish border.",
]


def _grain_piece(i: int) -> dict[str, Any]:
    picks = [POOL[(i * k + k) % len(POOL)] for k in (1, 3, 5, 7)]
    text = " ".join(dict.fromkeys(p.format(n=10 + i) for p in picks))
    text += (
        f" Grain corridor bulletin number {i} listed {20 + i * 3} departures and {i % 7} delays."
    )
    day = None if i % 11 == 0 else f"2024-{1 + i % 9:02d}-{1 + (i * 5) % 27:02d}T12:00:00Z"
    return {"title": f"Grain corridor bulletin {i}", "source": ["Black Sea Shipping",
            "Harbour Notes", "Danube Daily"][i % 3], "published": day, "text": text}  # fmt: skip


@pytest.fixture(scope="module")
def views_db(served_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("views")
    staging = folder / "staging.duckdb"
    shutil.copy(served_db, staging)
    articles = folder / "articles.jsonl"
    with articles.open("w", encoding="utf-8") as out:
        for title, source, published, text in ARTICLES:
            record = {"title": title, "source": source, "published": published, "text": text}
            out.write(json.dumps(record) + "\n")
    grain = folder / "grain.jsonl"
    grain.write_text("".join(json.dumps(_grain_piece(i)) + "\n" for i in range(60)))
    for args in (("analyze", str(articles)), ("corpus",), ("ingest", str(grain))):
        result = run_cli(*args, "--db", str(staging))
        assert result.returncode == 0, result.stderr
    db = with_shift(staging, folder / "views.duckdb")  # after `corpus`, which redoes shifts
    with Store.open(db) as writable:
        build_index(writable)  # what the server does after its writes
    return db


@pytest.fixture
def store(views_db: Path) -> Iterator[Store]:
    """The views' store, read-only (as the server reads it), closed after each test so that
    `detente serve` can take the file."""
    opened = Store.open(views_db, read_only=True)
    yield opened
    opened.close()


# ---- the reads, without a browser ----------------------------------------------------------


def test_the_store_has_what_the_views_must_cope_with(store: Store) -> None:
    outlets = store.query(
        "SELECT max(len(sources)) FROM stories WHERE headline ILIKE '%prisoner%'"
    )[0][0]
    assert outlets >= 2, "a prisoner exchange told by several outlets is one story"
    assert store.query("SELECT count(*) FROM shifts")[0][0] >= 1
    assert store.query("SELECT count(*) FROM documents WHERE published IS NULL")[0][0] >= 5
    assert store.query("SELECT count(*) FROM documents WHERE title = ?", [HOSTILE_TITLE])[0][0]


@pytest.mark.parametrize(
    ("params", "error", "said"),
    [
        ({"root": "99"}, BadQuery, "no CAMEO root '99'"),
        ({"root": "123"}, BadQuery, "its root is 12"),
        ({"quad": "5"}, BadQuery, "1 verbal cooperation"),
        ({"since": "2024-13-01"}, BadQuery, "is not a date"),
        ({"since": "2024-05-01", "until": "2024-03-01"}, BadQuery, "swap them"),
        ({"a": "RUS"}, BadQuery, "needs both actors"),
        ({"a": "RUS", "b": "RUSGOV"}, BadQuery, "dyad is between two"),
        ({"modality": "maybe"}, BadQuery, "choose factual"),
        ({"polarity": "denied"}, BadQuery, "asserted, negated"),
        ({"outlet": "Kyiv Curier"}, BadQuery, "did you mean Kyiv Courier"),
        ({"actor": "XYZQ"}, NotFound, "no actor 'XYZQ'"),
    ],
)
def test_unusable_filters_are_refused_with_the_reason(
    store: Store, params: dict[str, str], error: type[Exception], said: str
) -> None:
    with pytest.raises(error, match=said.replace("(", r"\(")):
        explorer.read_filters(store, params)


def test_usable_filters_are_normalised(store: Store) -> None:
    found = explorer.read_filters(
        store, {"actor": " ukr ", "root": "5", "outlet": "kyiv courier", "quad": "1"}
    )
    assert (found.actor, found.root, found.outlet, found.quad_class) == (
        "UKR", "05", "Kyiv Courier", 1)  # fmt: skip


def test_the_outlet_filter_keeps_only_that_outlets_events(store: Store) -> None:
    every = explorer.explore(store, explorer.EventFilters(actor="UKR"), limit=200).items
    kept = explorer.explore(store, explorer.EventFilters(actor="UKR", outlet="Kyiv Courier"), limit=200).items  # fmt: skip
    assert kept and len(kept) < len(every)
    assert {e["outlet"] for e in kept} == {"Kyiv Courier"}


def test_every_event_pages_through_all_of_them(store: Store) -> None:
    filters = explorer.EventFilters()
    total = store.query("SELECT count(*) FROM events")[0][0]
    rows = list(explorer.every_event(store, filters))
    assert len(rows) == total
    assert len({(r["doc_id"], r["idx"]) for r in rows}) == total


def test_attention_is_a_share_of_what_is_stored_with_gaps_apart_from_zeros(store: Store) -> None:
    data = attention_reads.attention(store, "prisoners")
    series = data["series"]
    assert data["period"] in ("week", "month")
    assert any(r["share"] is None for r in series), "a period with nothing stored is a gap"
    assert any(r["share"] == 0 for r in series), "a period with stored but no matches is 0"
    for r in series:
        assert r["matches"] <= r["total"]
        if r["total"]:
            assert r["share"] == pytest.approx(r["matches"] / r["total"])
    assert data["undated"]["matches"] >= 1  # the undated report, counted apart
    stored = store.query("SELECT count(*) FROM documents WHERE status <> 'duplicate'")[0][0]
    assert data["total"] == stored
    codes = [a["code"] for a in data["actors"]]
    assert "UKR" in codes and "RUS" in codes
    terms = [t["term"] for t in data["terms"]]
    assert "exchange" in terms and "prisoners" not in terms and "the" not in terms


def test_attention_with_a_date_range_leaves_the_undated_out(store: Store) -> None:
    from datetime import date

    data = attention_reads.attention(store, "prisoners", date(2024, 3, 1), date(2024, 3, 31))
    assert data["undated"] == {"matches": 0, "total": 0}
    assert data["period"] == "week"  # a few stored days in March: per day would read 0 or 100%
    found = attention_reads.matching_documents(
        store, "prisoners", date(2024, 3, 1), date(2024, 3, 31)
    )
    titles = {d["title"] for d in found["items"]}
    assert {a[0] for a in ARTICLES[:3]} <= titles  # the three outlets' reports of the exchange
    assert data["matches"] == found["total"] == len(titles)
    assert all(d["published"].month == 3 for d in found["items"])


def test_snippets_show_the_first_hit_with_its_words_around() -> None:
    text = "Opening words. " * 20 + "The grain corridor reopened on Monday after talks."
    cut = attention_reads.snippet(text, ["corridor"], width=30)
    assert cut["hit"] == "corridor"
    assert cut["before"].startswith("…") and cut["before"].endswith("grain ")
    assert cut["after"].startswith(" reopened")
    assert attention_reads.snippet("No match here.", ["corridor"])["hit"] == ""


@pytest.mark.parametrize(
    ("text", "words", "hit"),
    [
        ("A Prisoner exchange was agreed.", ["prisoners"], "Prisoner"),  # the search stems
        ("Officials exchanged lists.", ["exchange"], "exchanged"),
        ("The talks resumed.", ["talks"], "talks"),
        ("The imprisoned men were freed.", ["prisoners"], ""),  # inside a word: no hit
        ("Grain prices fell.", ["grainy"], "Grain"),
        ("Talks on grain.", ["ta"], ""),  # too short to stand for a word: no stem under 4
    ],
)
def test_a_snippet_marks_a_word_that_starts_like_a_searched_one(
    text: str, words: list[str], hit: str
) -> None:
    assert attention_reads.snippet(text, words)["hit"] == hit


def test_tone_toward_an_actor_counts_documents_and_keeps_the_undated_apart(store: Store) -> None:
    data = tone.tone_over_time(store, actor="UKR")
    (series,) = data["series"]
    dated = [p for p in series["points"] if p["documents"]]
    assert len(dated) >= 3 and all(-1 <= p["tone"] <= 1 for p in dated)
    assert any(not p["documents"] and p["tone"] is None for p in series["points"]), "gaps"
    assert series["undated"]["documents"] >= 1
    assert series["documents"] == sum(p["documents"] for p in dated) + series["undated"]["documents"]  # fmt: skip


def test_tone_of_a_dyad_has_one_series_per_side_over_the_same_documents(store: Store) -> None:
    data = tone.tone_over_time(store, pair=("RUS", "UKR"))
    assert [(s["code"], s["other"]) for s in data["series"]] == [("RUS", "UKR"), ("UKR", "RUS")]
    assert data["series"][0]["documents"] == data["series"][1]["documents"] > 0


def test_tone_of_an_outlet_is_its_documents_tone(store: Store) -> None:
    data = tone.tone_over_time(store, outlet="Kyiv Courier")
    (series,) = data["series"]
    assert series["code"] == "" and series["undated"]["documents"] == 1
    analysed = store.query(
        "SELECT count(*) FROM documents JOIN signals USING (doc_id)"
        " WHERE source = 'Kyiv Courier' AND tone IS NOT NULL"
    )[0][0]
    assert series["documents"] == analysed


def test_tone_is_refused_without_a_subject_or_by_the_day(store: Store) -> None:
    with pytest.raises(BadQuery, match="choose an actor"):
        tone.tone_over_time(store)
    with pytest.raises(BadQuery, match="per week or per month"):
        tone.read_subject(store, {"actor": "UKR", "period": "day"})
    with pytest.raises(BadQuery, match="analysed documents"):
        tone.read_subject(store, {"outlet": "Nobody's Gazette"})


def test_the_tone_line_never_crosses_a_gap(store: Store) -> None:
    points = tone.tone_over_time(store, actor="UKR")["series"][0]["points"]
    svg = str(charts.tone_chart(points, "tone"))
    drawn = sum(len(line.split('points="')[1].split('"')[0].split()) for line in svg.split("<polyline")[1:])  # fmt: skip
    joined = sum(
        1
        for i, p in enumerate(points)
        if p["documents"]
        and any(0 <= j < len(points) and points[j]["documents"] for j in (i - 1, i + 1))
    )
    assert drawn == joined  # only points with a dated neighbour are on a line


# ---- the pages, in Chromium ----------------------------------------------------------------


@pytest.fixture(scope="module")
def site(views_db: Path) -> Iterator[str]:
    yield from serve_store(views_db)


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def page(request: pytest.FixtureRequest, browser: Any, site: str) -> Iterator[Any]:  # noqa: F811
    """A page at 1280 or 390 px that fails the test on a script error, a dialog (an injected
    alert), a console error or a request that leaves the server."""
    context = browser.new_context(viewport={"width": request.param, "height": 900}, base_url=site)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    tab.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on("console", lambda m: problems.append(m.text) if _refused(m) else None)
    tab.on("request", lambda r: None if r.url.startswith((site, "data:")) else problems.append(
        f"request off the server: {r.url}"))  # fmt: skip
    yield tab
    context.close()
    assert not problems, problems


def _refused(message: Any) -> bool:
    """Console errors, less the 400/404 of the refusals these tests ask for on purpose."""
    return _unexpected(message) and not any(f"status of {c}" in message.text for c in (400, 404))


def _look(page: Page, view: str, tmp_path: Path) -> None:
    width = page.viewport_size["width"]  # type: ignore[index]
    name = f"{view}-{width}.png"
    page.screenshot(path=str(tmp_path / name), full_page=True)
    shot(page, f"views-{view}-{width}")


def _fits(page: Page) -> None:
    """Nothing wider than the screen but what scrolls inside its card (charts, wide tables)."""
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 1, f"the page is {wide} px wider than the screen"


@needs_chromium
def test_events_explorer_filters_with_names_evidence_links_and_hostile_titles_as_text(
    page: Page, site: str, tmp_path: Path
) -> None:
    response = page.goto("/events")
    assert response is not None and response.status == 200
    page.fill("input[name=actor]", "ukr")
    page.select_option("select[name=outlet]", "Kyiv Courier")
    page.locator("form.explore button").click()
    page.wait_for_url("**/events?*")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 2
    for i in range(rows.count()):
        assert "Kyiv Courier" in rows.nth(i).locator(".source-line").inner_text()
    first = rows.first
    assert first.locator(".aname").count() >= 1 and first.locator(".cname").inner_text().strip()
    link = first.locator("a.evidence-link")
    assert link.inner_text().strip() and link.get_attribute("href", timeout=2000).startswith(
        "/doc/"
    )  # type: ignore[union-attr]
    assert page.locator("table.events td .undated").count() >= 1  # the undated report
    _fits(page)
    _look(page, "events", tmp_path)
    page.goto("/events?" + urlencode({"outlet": "Hostile <b>Desk</b>"}))
    assert HOSTILE_TITLE in page.locator("table.events").inner_text()
    assert page.locator("table.events script").count() == 0


@needs_chromium
def test_events_explorer_pages_and_downloads_exactly_what_it_shows(page: Page, site: str) -> None:
    page.goto("/events?limit=7")
    first_page = _shown(page)
    assert len(first_page) == 7
    page.locator(".pager a.next").click()
    page.wait_for_url("**cursor=*")
    second_page = _shown(page)
    assert second_page and not set(second_page) & set(first_page)
    assert page.locator(".pager a", has_text="first page").count() == 1
    for fmt in ("csv", "jsonl"):
        href = page.locator(".downloads a", has_text=f"{fmt} of this page").get_attribute("href")
        assert href is not None and "cursor=" in href and "limit=7" in href
        body = httpx.get(site + href, timeout=30)
        assert body.status_code == 200
        assert _downloaded(body.text, fmt) == second_page
    every = page.locator(".downloads a", has_text="csv of every page").get_attribute("href")
    assert every is not None and "cursor" not in every
    rows = _downloaded(httpx.get(site + every, timeout=30).text, "csv")
    assert rows[:7] == first_page and rows[7:14] == second_page


def _shown(page: Page) -> list[str]:
    """The events on the page, in order, as 'doc_id:idx'."""
    rows = page.locator("table.events tbody tr")
    return [str(rows.nth(i).get_attribute("data-event")) for i in range(rows.count())]


def _downloaded(text: str, fmt: str) -> list[str]:
    if fmt == "csv":
        return [f"{r['doc_id']}:{r['idx']}" for r in csv.DictReader(io.StringIO(text))]
    return [f"{r['doc_id']}:{r['idx']}" for r in map(json.loads, text.splitlines()) if r]


@needs_chromium
@pytest.mark.parametrize(
    ("query", "status", "said"),
    [
        ("root=99", 400, "no CAMEO root '99'"),
        ("since=2024-13-01", 400, "is not a date"),
        ("actor=XYZQ", 404, "no actor 'XYZQ'"),
        ("a=RUS", 400, "needs both actors"),
        ("outlet=Nobody", 400, "no outlet 'Nobody'"),
    ],
)
def test_events_explorer_says_why_a_filter_is_refused(
    page: Page, site: str, query: str, status: int, said: str
) -> None:
    response = page.goto(f"/events?{query}")
    assert response is not None and response.status == status
    assert said in page.locator(".card.error").inner_text()
    assert page.locator("form.explore").count() == 1  # the form stays, to fix the filter
    api = httpx.get(f"{site}/api/explore/events.csv?{query}", timeout=30)
    assert api.status_code == status and said in api.json()["error"]["message"]


@needs_chromium
def test_attention_shows_shares_counts_actors_terms_and_snippets(
    page: Page, site: str, tmp_path: Path
) -> None:
    response = page.goto("/attention?q=prisoners")
    assert response is not None and response.status == 200
    assert page.locator("svg.chart").count() == 1
    counts = page.locator("table.counts tbody tr")
    assert counts.count() >= 3
    heading = page.locator("section.card h2").first.inner_text()
    assert "prisoners" in heading and " of " in heading
    assert "undated" in page.locator("p.legend").first.inner_text()
    actors = page.locator("section.card", has_text="Top actors")
    assert actors.locator("a.code").get_by_text("UKR", exact=True).count() == 1
    assert page.locator(".terms a").get_by_text("exchange", exact=True).count() == 1
    marks = page.locator("ol.results .snippet mark")
    assert marks.count() >= 3 and marks.first.inner_text().lower().startswith("prisoner")
    assert HOSTILE_TITLE in page.locator("ol.results").inner_text()
    _fits(page)
    _look(page, "attention", tmp_path)
    href = page.locator("a", has_text="series CSV").get_attribute("href")
    rows = list(csv.DictReader(io.StringIO(httpx.get(site + str(href), timeout=30).text)))
    assert rows[-1]["period"] == "undated"
    for r in rows:
        if r["share"]:
            assert float(r["share"]) == pytest.approx(int(r["matches"]) / int(r["total"]), abs=1e-6)  # fmt: skip
        else:
            assert r["total"] == "0"


@needs_chromium
def test_attention_results_page_past_fifty(page: Page, site: str) -> None:
    page.goto("/search?q=grain+corridor")  # the search page stops at 50 and links here
    page.locator("a", has_text="Every match, page by page").click()
    page.wait_for_url("**/attention?q=grain*")
    items = page.locator("ol.results > li")
    assert items.count() == 50
    heading = page.locator("section.card:has(ol.results) > h2").inner_text()
    total = int(heading.split()[2])  # "Matching documents 57 · page 1 of 2"
    assert total > 50 and "page 1 of 2" in heading
    first = {items.nth(i).locator("a.title").inner_text() for i in range(items.count())}
    page.locator(".pager a.next").click()
    page.wait_for_url("**page=2*")
    assert page.locator("ol.results").get_attribute("start") == "51"
    second = {items.nth(i).locator("a.title").inner_text() for i in range(items.count())}
    assert len(second) == total - 50 and not first & second
    assert page.locator(".pager a", has_text="previous").count() == 1
    page.goto("/attention?q=grain+corridor&since=2024-13-40")
    assert "is not a date" in page.locator(".card.error").inner_text()


@needs_chromium
def test_tone_for_an_actor_a_dyad_and_an_outlet(page: Page, site: str, tmp_path: Path) -> None:
    page.goto("/actor/UKR")
    page.locator("p.meta a", has_text="tone over time").click()
    page.wait_for_url("**/tone?actor=UKR")
    page.goto("/dyad/RUS/UKR")
    page.locator("form.filters a", has_text="tone over time").click()
    page.wait_for_url("**/tone?a=RUS&b=UKR")
    assert page.locator("section.tone-series").count() == 2
    response = page.goto("/actor/ukr/tone")
    assert response is not None and response.status == 200
    assert parse_qs(urlparse(page.url).query) == {"actor": ["UKR"]}
    section = page.locator("section.tone-series")
    assert section.count() == 1 and "Ukraine" in section.inner_text()
    assert section.locator("svg.chart").count() == 1
    assert "undated" in section.locator("p.legend").inner_text()
    table = section.locator("table.counts tbody tr")
    assert table.count() >= 3 and "undated" in table.last.inner_text()
    _fits(page)
    _look(page, "tone-actor", tmp_path)
    page.goto("/tone?a=RUS&b=UKR")
    assert page.locator("section.tone-series").count() == 2
    assert "where" in page.locator("section.tone-series h2").first.inner_text()
    _look(page, "tone-dyad", tmp_path)
    page.goto("/tone")
    page.select_option("select[name=outlet]", "Hostile <b>Desk</b>")
    page.locator("form.explore button").click()
    page.wait_for_url("**outlet=*")
    assert "Hostile <b>Desk</b>" in page.locator("section.tone-series h2").inner_text()
    _look(page, "tone-outlet", tmp_path)
    for query, status, said in (("a=RUS", 400, "needs both actors"),
                                ("actor=XYZQ", 404, "no actor 'XYZQ'")):  # fmt: skip
        response = page.goto(f"/tone?{query}")
        assert response is not None and response.status == status
        assert said in page.locator(".card.error").inner_text()
    data = httpx.get(f"{site}/api/explore/tone", params={"actor": "UKR"}, timeout=30).json()
    assert data["series"][0]["undated"]["documents"] >= 1


# ---- what a fresh analyst found (issue 19, second round) -------------------------------------


@pytest.fixture
def composed_db(views_db: Path, tmp_path: Path) -> Path:
    """The views' store with two events re-coded to a party code the knowledge base does not
    list (UKROPPCON: composed from Ukraine, opposition, conservative) and one to a code that
    only starts like Ukraine's (UKRAINEX is not composed of role codes): a copy, no new run."""
    db = tmp_path / "composed.duckdb"
    shutil.copy(views_db, db)
    with Store.open(db) as writable:
        rows = writable.query(
            "SELECT doc_id, idx FROM events WHERE source = 'UKR' ORDER BY doc_id, idx LIMIT 3"
        )
        assert len(rows) == 3, rows
        for (doc_id, idx), code in zip(rows, ("UKROPPCON", "UKROPP", "UKRAINEX"), strict=True):
            writable.query(
                "UPDATE events SET source = ? WHERE doc_id = ? AND idx = ?", [code, doc_id, idx]
            )
    return db


def test_an_actor_takes_its_composed_party_codes_in_the_explorer_and_its_count(
    composed_db: Path,
) -> None:
    with Store.open(composed_db, read_only=True) as store:
        codes = {e["source"] for e in explorer.explore(store, explorer.EventFilters(actor="UKR"),
                                                        limit=200).items}  # fmt: skip
        assert {"UKROPPCON", "UKROPP", "UKRGOV"} & codes >= {"UKROPPCON", "UKROPP"}
        assert "UKRAINEX" not in codes  # not composed of three-letter role codes
        party = {e["source"] for e in explorer.explore(store, explorer.EventFilters(actor="UKROPP"),
                                                        limit=200).items}  # fmt: skip
        assert party == {"UKROPPCON", "UKROPP"}  # and not Ukraine itself or its government
        assert explorer.count(store, explorer.EventFilters(actor="UKROPP")) == 2


def test_the_api_takes_codes_in_any_case_and_filters_by_outlet(site: str) -> None:
    upper = httpx.get(f"{site}/api/events", params={"actor": "UKR", "limit": 200}).json()
    lower = httpx.get(f"{site}/api/events", params={"actor": "ukr", "limit": 200})
    assert lower.status_code == 200, lower.text
    assert lower.json()["items"] == upper["items"]
    dyad = httpx.get(f"{site}/api/events", params={"a": "rus", "b": "ukr"})
    assert dyad.status_code == 200 and dyad.json()["items"]
    kept = httpx.get(f"{site}/api/events", params={"outlet": "kyiv courier", "limit": 200})
    assert kept.status_code == 200 and kept.json()["items"]
    assert {e["outlet"] for e in kept.json()["items"]} == {"Kyiv Courier"}
    unknown = httpx.get(f"{site}/api/events", params={"outlet": "Kyiv Curier"})
    assert unknown.status_code == 400 and "Kyiv Courier" in unknown.json()["error"]["message"]


REVERSED = {"since": "2024-05-01", "until": "2024-03-01"}


@pytest.mark.parametrize(
    ("path", "extra"),
    [("/events", {}), ("/attention", {"q": "prisoners"}), ("/network", {}),
     ("/tone", {"actor": "UKR"})],
)  # fmt: skip
def test_a_reversed_date_range_is_refused_alike_on_every_view(
    site: str, path: str, extra: dict[str, str]
) -> None:
    answer = httpx.get(f"{site}{path}", params={**extra, **REVERSED})
    assert answer.status_code == 400
    assert "since 2024-05-01 is after until 2024-03-01: swap them" in answer.text
    assert "<form" in answer.text  # the view and its form, not a bare error page


@pytest.mark.parametrize(
    ("path", "extra"),
    [("/api/events", {}), ("/api/explore/attention", {"q": "prisoners"}),
     ("/api/explore/tone", {"actor": "UKR"})],
)  # fmt: skip
def test_a_reversed_date_range_is_refused_alike_by_the_api(
    site: str, path: str, extra: dict[str, str]
) -> None:
    answer = httpx.get(f"{site}{path}", params={**extra, **REVERSED})
    assert answer.status_code == 400
    assert answer.json()["error"]["message"].endswith("swap them")


@pytest.mark.parametrize(
    ("path", "said"),
    [("/network?since=bad", "'bad' is not a date"),
     ("/events?limit=100000", "a page shows 1 to 200 events"),
     ("/events?limit=ten", "a page shows 1 to 200 events"),
     ("/events?actor=XYZQ", "no actor 'XYZQ'")],
)  # fmt: skip
def test_refused_input_keeps_the_page_and_its_form_and_hides_the_store_path(
    site: str, views_db: Path, path: str, said: str
) -> None:
    answer = httpx.get(f"{site}{path}")
    assert answer.status_code in (400, 404)
    assert said in answer.text.replace("&#39;", "'")
    assert "<form" in answer.text and "query.limit" not in answer.text
    assert str(views_db.parent) not in answer.text


def test_an_actor_given_by_name_is_suggested_by_the_codes_bearing_that_name(store: Store) -> None:
    for name in ("Zelensky", "zelensky", "Ukraine"):
        wanted = [a["code"] for a in actor_reads.search_actors(store, name, 5) if a["mentions"]]
        assert wanted, name
        with pytest.raises(NotFound) as refused:
            explorer.read_filters(store, {"actor": name})
        message = str(refused.value)
        suggested = message.split("did you mean ", 1)[1]
        assert suggested.startswith(wanted[0]), message  # the named actor first
    assert explorer.read_filters(store, {"actor": "ukr"}).actor == "UKR"  # a code stays a code


def test_the_events_header_counts_every_page_and_echoes_every_filter(site: str) -> None:
    filters = {"actor": "UKR", "polarity": "asserted", "modality": "factual"}
    every = httpx.get(f"{site}/api/explore/events.jsonl", params={**filters, "all": 1})
    total = len(every.text.splitlines())
    assert total > 2
    answer = httpx.get(f"{site}/events", params={**filters, "limit": 2})
    assert answer.status_code == 200
    assert f"2 shown of {total}" in answer.text
    assert "factual only" in answer.text and "asserted only" in answer.text


def test_counterparts_count_a_happening_once_as_the_network_does(store: Store) -> None:
    network = reads.network(store)
    edges = {(e["a"], e["b"]): e["events"] for e in network["edges"]}
    mine = {c["code"]: c["events"] for c in actor_reads.counterparts(store, "UKR")}
    assert mine.get("RUS") == edges[("RUS", "UKR")]
    per_document = store.query(
        "SELECT count(*) FROM events WHERE source LIKE 'RUS%' AND target LIKE 'UKR%'"
        " OR source LIKE 'UKR%' AND target LIKE 'RUS%'"
    )[0][0]
    assert per_document > mine["RUS"]  # the same exchange told by several outlets counts once


def test_dyad_list_holds_exactly_the_events_its_chart_counts(site: str) -> None:
    series = httpx.get(f"{site}/api/dyads/RUS/UKR").json()["series"]
    html = httpx.get(f"{site}/dyad/RUS/UKR").text
    charted = html.count('class="merged-event"')  # an uncharted one is "merged-event uncharted"
    assert sum(row["events"] for row in series) == charted > 0
    listed = html.count('class="merged-event')
    assert html.count('<ul class="reports"><li>') == listed  # each with the reports telling it


def test_dyad_events_are_the_merged_events_between_the_two_countries(store: Store) -> None:
    listed = event_reads.dyad_events(store, "RUS", "UKR")
    ids = {i for row in dyad_series(store, "RUS", "UKR", "week") for i in row["event_ids"]}
    assert {e["event_id"] for e in listed if e["charted"]} == ids
    assert all(e["reports"] and e["n_sources"] >= 1 for e in listed)


def test_attention_charts_counts_or_shares_and_prefers_weeks_when_days_are_sparse(
    site: str,
) -> None:
    first, last = date(2024, 3, 1), date(2024, 3, 31)
    assert periods.choose_period(first, last) == "day"
    assert periods.choose_period(first, last, stored_days=25) == "day"
    assert periods.choose_period(first, last, stored_days=6) == "week"
    counts = httpx.get(f"{site}/attention", params={"q": "prisoners", "measure": "count"}).text
    shares = httpx.get(f"{site}/attention", params={"q": "prisoners"}).text
    assert 'aria-label="matching documents per period"' in counts
    assert 'aria-label="share of stored documents matching (%)"' in shares


def test_counts_take_their_noun_in_the_right_number() -> None:
    assert (counted(1, "document"), counted(0, "source"), counted(4, "source")) == (
        "1 document", "0 sources", "4 sources")  # fmt: skip


@needs_chromium
@pytest.mark.parametrize("path", ["/dyad/RUS/UKR", "/network", "/attention?q=prisoners"])
def test_charts_fit_the_screen_with_readable_labels(page: Page, path: str, tmp_path: Path) -> None:
    page.goto(path)
    width = page.viewport_size["width"]  # type: ignore[index]
    _fits(page)
    boxes = page.eval_on_selector_all(
        "svg.chart", "els => els.map(e => e.getBoundingClientRect().right)"
    )
    assert boxes and max(boxes) <= width, boxes  # inside the screen, no sideways scroller
    smallest = page.eval_on_selector_all(
        "svg.chart text", "els => Math.min(...els.map(e => e.getBoundingClientRect().height))"
    )
    assert smallest >= 9, f"labels {smallest:.1f} px high"
    view = path.strip("/").split("?")[0].replace("/", "-")
    _look(page, f"fit-{view}", tmp_path)
