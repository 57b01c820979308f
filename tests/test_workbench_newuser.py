"""What a new user found broken or misleading in the workbench, on a store of our own undated
articles (a party in government and two in opposition, people acting under codes, a pair whose
events are all undated, files with no outlet): the real CLI at 80 columns, and the pages through
`detente serve` in headless Chromium.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import run_cli, serve_store
from tests.test_web import CHROMIUM, _unexpected, browser, shot  # noqa: F401 (a fixture)
from tests.test_workbench import cli

# Our own writing, undated on purpose: parties act as government or opposition on the knowledge
# base's day (Labour governs from 2024-07-05), and undated events have no place on a time line.
ARTICLES = {
    "energy.txt": (
        "Venezuela and China sign oil accord\n\n"
        "Venezuela and China signed an energy agreement in Caracas. Venezuela's foreign minister "
        "said his country would sell more oil to China and invited Chinese firms to invest in its "
        "oil fields. China promised to help Venezuela build new refineries. Venezuela praised "
        "China for its support.\n"
    ),
    "parties.txt": (
        "Opposition attacks government over arms sales\n\n"
        "The Conservative Party accused the Labour government of misleading parliament over arms "
        "sales to Saudi Arabia. The Liberal Democrats criticised the Labour Party for refusing to "
        'publish the export licences. Labour rejected the accusations. "We will not apologise '
        'for defending British jobs," Keir Starmer said in London.\n'
    ),
    "summit.txt": (
        "Putin and Xi meet in Beijing\n\n"
        "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing to discuss "
        "trade. Putin praised China as a reliable partner. Xi said China and Russia would deepen "
        "their cooperation. Russia and China signed a trade agreement.\n"
    ),
}
PARTIES = {
    "GBRGOVLAB": "Labour Party (United Kingdom, in government)",
    "GBROPPCON": "Conservative Party (United Kingdom, in opposition)",
    "GBROPPLDM": "Liberal Democrats (United Kingdom, in opposition)",
}


@pytest.fixture(scope="module")
def own_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("newuser")
    articles = folder / "in"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    db = folder / "own.duckdb"
    for args in (("analyze", str(articles)), ("corpus",)):
        result = run_cli(*args, "--db", str(db))
        assert result.returncode == 0, result.stderr
        (folder / f"{args[0]}.stderr").write_text(result.stderr, encoding="utf-8")
    return db


def said(result: Any) -> str:
    """stdout and stderr as one line of words (rich wraps messages at the terminal's width)."""
    return " ".join((result.stdout + " " + result.stderr).split())


# ---- 1. composed codes (a party in government or opposition) have pages and names ------------


def test_party_codes_are_named_in_the_cli(own_db: Path) -> None:
    result = cli("events", "--db", str(own_db), columns=80)
    assert result.returncode == 0, result.stderr
    for code, name in PARTIES.items():
        assert f"{code} ({name})" in said(result), code


# ---- 3. empty states say what is missing ------------------------------------------------------


def test_an_undated_pair_is_said_to_exist_and_counted(own_db: Path) -> None:
    result = cli("dyads", "VEN", "CHN", "--db", str(own_db))
    assert result.returncode == 0, result.stderr
    text = said(result)
    assert "no dated events between VEN and CHN" in text
    merged = re.search(r"(\d+) merged events? between them (?:are|is) undated", text)
    assert merged and int(merged.group(1)) >= 2, text
    assert "run `detente corpus`" not in text


def test_reports_include_undated_events_instead_of_asking_for_corpus(
    own_db: Path, tmp_path: Path
) -> None:
    for args, stem in (
        (("--dyad", "VEN", "CHN"), "dyad-CHN-VEN"),
        (("--actor", "CHN"), "actor-CHN"),
    ):
        result = cli("report", *args, "--db", str(own_db), "-o", str(tmp_path))
        assert result.returncode == 0, said(result)
        assert "detente corpus" not in said(result)
        brief = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
        assert "undated: " in brief and "→" in brief


def test_a_dyad_with_no_events_at_all_still_says_so(own_db: Path) -> None:
    result = cli("dyads", "VEN", "GBR", "--db", str(own_db))
    assert result.returncode == 0
    assert "no events between VEN and GBR" in said(result)


# ---- 2 and 6. dyads within one country, unknown codes, case, names, empty search ----------------


def test_a_same_country_dyad_is_refused_in_plain_words(own_db: Path) -> None:
    result = cli("dyads", "GBRGOV", "GBR", "--db", str(own_db))
    assert result.returncode != 0
    text = said(result)
    assert "GBRGOV and GBR are both part of GBR (United Kingdom)" in text
    assert "with itself" not in text and "detente dyads GBR" in text


def test_unknown_codes_are_refused_with_a_suggestion(own_db: Path) -> None:
    result = cli("dyads", "XXX", "CHN", "--db", str(own_db))
    assert result.returncode != 0
    assert "no actor 'XXX'" in said(result) and "did you mean" in said(result)


@pytest.mark.parametrize("who", ["gbr", "GBRGOV", "Keir Starmer", "keir-starmer"])
def test_quotes_by_code_in_any_case_or_by_person(own_db: Path, who: str) -> None:
    result = cli("quotes", "--actor", who, "--db", str(own_db))
    assert result.returncode == 0, result.stderr
    assert "British jobs" in said(result), who


def test_quotes_by_nobody_say_so(own_db: Path) -> None:
    result = cli("quotes", "--actor", "Nobody Atall", "--db", str(own_db))
    assert "no quotes by Nobody Atall" in said(result)


def test_an_empty_search_is_refused(own_db: Path) -> None:
    result = cli("search", "  ", "--db", str(own_db))
    assert result.returncode != 0 and "give words to search for" in said(result)


# ---- 4 and 5. 80 columns: blocks, whole words, people's names, "showing n of m" ---------------


def _evidence(db: Path) -> list[str]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return [
            str(r[0]) for r in con.execute("SELECT DISTINCT evidence_text FROM events").fetchall()
        ]


def test_quotes_at_80_columns_are_blocks_with_speaker_and_document(own_db: Path) -> None:
    result = cli("quotes", "--db", str(own_db), columns=80)
    assert result.returncode == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "Keir Starmer · GBRGOV" in result.stdout
    assert re.search(r"doc [0-9a-f]{10}", result.stdout)
    assert "“We will not apologise for defending British jobs,”" in " ".join(result.stdout.split())


def test_events_at_80_columns_show_people_and_whole_evidence(own_db: Path) -> None:
    result = cli("events", "--db", str(own_db), columns=80)
    assert result.returncode == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "Vladimir Putin · RUSGOV → Xi Jinping · CHNGOV" in result.stdout
    joined = " ".join(result.stdout.split())
    assert "The Conservative Party accused the Labour government of misleading parliament over arms sales to Saudi Arabia." in joined  # fmt: skip
    for sentence in _evidence(own_db):  # every one whole, wrapped at spaces, never cut
        assert f"“{' '.join(sentence.split())}”" in joined, sentence


def test_a_list_cut_short_says_how_much_is_left(own_db: Path) -> None:
    result = cli("events", "-n", "3", "--db", str(own_db), columns=80)
    assert re.search(r"showing 3 of \d+ \(use --limit\)", said(result))
    whole = cli("events", "-n", "500", "--db", str(own_db), columns=80)
    assert "showing" not in said(whole)


# ---- 8. local files have no outlet ----------------------------------------------------------


def test_files_are_not_counted_as_outlets(own_db: Path, tmp_path: Path) -> None:
    stories = cli("stories", "--db", str(own_db), columns=80)
    assert "outlet unknown" in stories.stdout and "0 outlets" not in stories.stdout
    assert "1 docs" not in stories.stdout
    sid = re.search(r"s-[0-9a-f]{6,}", stories.stdout)
    assert sid
    cli("report", "--dyad", "VEN", "CHN", "--db", str(own_db), "-o", str(tmp_path))
    brief = (tmp_path / "dyad-CHN-VEN.md").read_text(encoding="utf-8")
    assert "outlet unknown" in brief and str(own_db.parent) not in brief


# ---- 9. briefs name what happened and list a quote once ---------------------------------------


def test_briefs_name_codes_and_list_quotes_once(own_db: Path, tmp_path: Path) -> None:
    result = cli("report", "--actor", "GBR", "--db", str(own_db), "-o", str(tmp_path))
    assert result.returncode == 0, said(result)
    brief = (tmp_path / "actor-GBR.md").read_text(encoding="utf-8")
    happened = brief.split("## What happened")[1].split("##")[0]
    assert re.search(r"CAMEO \d{3} [A-Z][a-z]+", happened), happened
    assert "(United Kingdom" in happened or "(British" in happened
    quotes = [line for line in brief.splitlines() if line.startswith("- **")]
    assert len(quotes) == len(set(quotes))


# ---- the pages --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def own_site(own_db: Path) -> Iterator[str]:
    yield from serve_store(own_db)


@pytest.mark.parametrize(("code", "name"), sorted(PARTIES.items()))
def test_party_pages_answer_with_a_name(own_site: str, code: str, name: str) -> None:
    page = httpx.get(f"{own_site}/actor/{code}", timeout=30)
    assert page.status_code == 200
    assert f"<h1>{name} " in page.text


def test_lower_case_codes_redirect_and_unknown_ones_are_refused(own_site: str) -> None:
    for path, target in (("/actor/chn", "/actor/CHN"), ("/dyad/chn/ven", "/dyad/CHN/VEN")):
        answer = httpx.get(f"{own_site}{path}", timeout=30)
        assert answer.status_code in (301, 307, 308) and answer.headers["location"].endswith(target)
    unknown = httpx.get(f"{own_site}/dyad/CHN/XXX", timeout=30)
    assert unknown.status_code == 404 and "did you mean" in unknown.text
    same = httpx.get(f"{own_site}/dyad/GBRGOV/GBR", timeout=30)
    assert same.status_code == 400 and "both part of GBR (United Kingdom)" in same.text


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed")
@pytest.mark.parametrize("width", [1280, 390])
def test_pages_link_only_to_pages_that_load(
    browser: Any,  # noqa: F811
    own_site: str,
    width: int,
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=own_site)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if _unexpected(m) else None)
    page.goto("/")
    assert "run detente corpus" not in page.locator("main").inner_text()
    assert page.locator("ul.stories li").count() >= 3  # undated stories shown, marked undated
    assert "undated" in page.locator("ul.stories").inner_text()
    links = {a.get_attribute("href") for a in page.locator("a[href^='/actor/']").all()}
    for code in ("GBRGOV", "GBROPPCON", "CHNGOV"):
        page.goto(f"/actor/{code}")
        links |= {a.get_attribute("href") for a in page.locator("a[href^='/dyad/']").all()}
        links |= {a.get_attribute("href") for a in page.locator("a[href^='/actor/']").all()}
    assert any("GBROPPCON" in str(link) for link in links)
    for link in sorted(str(x) for x in links):
        answer = httpx.get(f"{own_site}{link}", timeout=30, follow_redirects=True)
        assert answer.status_code == 200, (link, answer.status_code)
    page.goto("/actor/GBR")
    assert "Keir Starmer" in page.locator("table.events").inner_text()
    shot(page, f"newuser-actor-GBR-{width}")
    context.close()
    assert not problems, problems


# ---- 10 and 11. the brief's time axis, stray marks, progress bars -------------------------------


def test_the_weekly_chart_is_labelled_by_week_over_the_whole_span() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    from detente.report import MAX_TICKS, _week_axis

    for weeks in ([date(2005, 1, 3), date(2005, 1, 17)],
                  [date(2024, 1, 1) + timedelta(weeks=n) for n in (0, 5, 30, 60)]):  # fmt: skip
        fig, ax = plt.subplots()
        ax.bar(weeks, [1.0] * len(weeks), width=6, align="edge")
        _week_axis(ax, weeks)
        fig.canvas.draw()
        ticks = [mdates.num2date(t).date() for t in ax.get_xticks()]
        plt.close(fig)
        assert ticks and all(t.weekday() == 0 for t in ticks), ticks  # Mondays, not every day
        assert len(ticks) <= MAX_TICKS + 2
        left, right = (mdates.num2date(x).date() for x in ax.get_xlim())
        assert left <= weeks[0] and right >= weeks[-1] + timedelta(days=7)


def test_help_has_no_stray_marks_and_corpus_no_progress_bars(own_db: Path) -> None:
    result = cli("stats", "--help", columns=100)
    assert "DuckDB file ." not in result.stdout and "DETENTE_DB" in result.stdout
    corpus_err = (own_db.parent / "corpus.stderr").read_text(encoding="utf-8")
    assert "Loading weights" not in corpus_err and "it/s]" not in corpus_err
