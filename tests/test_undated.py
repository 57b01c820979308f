"""The rule for undated documents: unknown stays unknown (NULL, null, "undated"), listed after
dated ones, never "latest", out of every time series, and stories dated by dated members only."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from detente.store import Store
from detente.web.charts import dyad_chart

JAPAN = (
    "Japan imposed new sanctions on Peru on Monday over the seizure of a Japanese fishing fleet,"
    " the foreign ministry in Tokyo said. Peru's government condemned the sanctions."
)
JAPAN_AGAIN = (
    "Tokyo imposed fresh sanctions on Peru after Lima seized a fleet of Japanese fishing boats,"
    " Japan's foreign ministry said. Peru condemned the measures as unjustified."
)
BRAZIL = (
    "Brazil and Argentina signed a trade agreement in Buenos Aires, lowering tariffs on wheat"
    " and cars, the two governments said in a joint statement."
)
CHILE = (
    "Chile recalled its ambassador from Bolivia after a dispute over water rights in the"
    " Silala basin, the Chilean foreign ministry said in Santiago."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("undated")
    records = [
        {"title": "Japan sanctions Peru", "text": JAPAN, "published": "2024-03-04",
         "source": "Wire A"},
        {"title": "Japan sanctions Peru over fishing fleet", "text": JAPAN_AGAIN, "source": "B"},
        {"title": "Brazil and Argentina sign trade deal", "text": BRAZIL, "published": "2024",
         "source": "C"},
        {"title": "Chile recalls envoy", "text": CHILE, "published": "2021-06-01", "source": "D"},
    ]  # fmt: skip
    path = folder / "docs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    db = folder / "u.duckdb"
    import detente

    detente.analyze([str(path)], db=db)
    detente.corpus_stages(db=db)
    return db


def test_undated_documents_are_stored_without_a_date(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        rows = dict(store.query("SELECT title, published IS NULL FROM documents"))
        froms = dict(store.query("SELECT title, published_from FROM documents"))
    assert (
        rows["Brazil and Argentina sign trade deal"]
        and rows["Japan sanctions Peru over fishing fleet"]
    )
    assert not rows["Japan sanctions Peru"]
    assert froms["Japan sanctions Peru"] == "source"
    assert froms["Brazil and Argentina sign trade deal"] is None


def test_stories_are_dated_by_their_dated_members_only(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        stories = store.query(
            "SELECT s.headline, s.first_seen, s.last_seen, s.n_docs FROM stories s ORDER BY 1"
        )
        brazil = store.query(
            "SELECT s.first_seen, s.last_seen FROM stories s JOIN story_members m USING"
            " (story_id) JOIN documents d USING (doc_id) WHERE d.title LIKE 'Brazil%'"
        )
    assert brazil == [(None, None)]
    for _, first, last, _ in stories:
        assert first is None or first.year in (2021, 2024)  # never the day of the run
        assert last is None or last <= date(2024, 3, 4)


def test_an_undated_document_joins_its_story_by_content(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        rows = store.query(
            "SELECT d.title, m.story_id, s.first_seen FROM documents d JOIN story_members m"
            " USING (doc_id) JOIN stories s USING (story_id) WHERE d.title LIKE 'Japan%'"
        )
    assert len({story for _, story, _ in rows}) == 1, rows
    assert {first for _, _, first in rows} == {date(2024, 3, 4)}


def test_undated_documents_and_stories_are_listed_after_dated_ones(db: Path) -> None:
    from detente.query import reads as queries

    with Store.open(db, read_only=True) as store:
        docs = queries.list_documents(store).items
        stories = queries.list_stories(store).items
        page = queries.list_documents(store, limit=1)
        rest = queries.list_documents(store, cursor=page.next_cursor, limit=10).items
        stats = queries.stats(store)
    assert [d["published"] is None for d in docs] == [False, False, True, True]
    assert stories[-1]["last_seen"] is None and stories[0]["last_seen"] is not None
    assert [d["doc_id"] for d in page.items + rest] == [d["doc_id"] for d in docs]
    assert stats["undated"] == 2


def test_undated_documents_are_null_in_the_export(db: Path, tmp_path: Path) -> None:
    from .conftest import run_cli

    result = run_cli("export", "--format", "jsonl", "--out", str(tmp_path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    docs = [json.loads(x) for x in (tmp_path / "documents.jsonl").read_text().splitlines()]
    published = {d["title"]: d["published"] for d in docs}
    assert published["Brazil and Argentina sign trade deal"] is None
    assert published["Japan sanctions Peru"].startswith("2024-03-04")
    events = [e for d in docs if d["published"] is None for e in d["events"]]
    assert all(e["date"] is None or e["date_precision"] for e in events)


def test_the_home_page_shows_no_undated_story_or_document_as_latest(db: Path) -> None:
    from fastapi.testclient import TestClient

    from detente.api.app import ServeConfig, create_app

    app = create_app(ServeConfig(db=db, read_only=True))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        home = client.get("/").text
        undated_doc = client.get("/api/documents", params={"limit": 10}).json()["items"][-1]
        page = client.get(f"/doc/{undated_doc['doc_id']}").text
    latest = home.split("Latest stories", 1)[1].split("</section>", 1)[0]
    assert "Brazil" not in latest and "Chile" in latest
    documents = home.split("Latest documents", 1)[1]
    assert "Brazil" not in documents and "Chile" in documents
    assert "2 undated" in home
    assert "undated" in page


def _row(period: date, events: int = 1) -> dict[str, object]:
    return {"period": period, "events": events, "cooperation": 1.0, "conflict": 0.5}


@pytest.mark.parametrize(
    ("periods", "segments"),
    [
        ([date(2024, 1, 1), date(2024, 1, 8), date(2024, 1, 15)], 1),
        ([date(2024, 1, 1), date(2024, 1, 8), date(2024, 3, 4), date(2024, 3, 11)], 2),
        ([date(2010, 1, 4), date(2010, 1, 11), date(2024, 3, 4)], 1),  # a lone week: no line
        ([date(2010, 1, 4), date(2010, 1, 11), date(2024, 3, 4), date(2024, 3, 11)], 2),
        ([date(2024, 1, 1), date(2024, 3, 1), date(2024, 4, 1)], 1),  # months
    ],
)
def test_charts_draw_no_line_across_empty_periods(periods: list[date], segments: int) -> None:
    svg = str(dyad_chart([_row(p) for p in periods], []))
    assert svg.count("<polyline") == segments
    assert svg.count('class="up"') == len(periods)


def test_brief_lines_break_at_empty_weeks() -> None:
    import math

    from detente.report import _line_with_gaps

    weeks, sums = _line_with_gaps(
        [{"period": d, "goldstein": 2.0} for d in (date(2010, 1, 4), date(2024, 3, 4))]
    )
    assert len(weeks) == 3 and math.isnan(sums[1])


def test_the_list_command_shows_the_day_and_lists_newest_published_first(db: Path) -> None:
    from .conftest import run_cli

    listed = run_cli("list", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    cells = [line.split("│") for line in listed.stdout.splitlines() if "│" in line]
    days = [row[3].strip() for row in cells if len(row) > 3 and row[3].strip() != "published"]
    assert days == ["2024-03-04", "2021-06-01", "undated", "undated"], listed.stdout
    assert "newest published first" in run_cli("list", "--help").stdout


def test_the_stories_command_prints_no_none_for_a_story_without_actors(
    db: Path, tmp_path: Path
) -> None:
    import shutil

    from .conftest import run_cli

    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    with Store.open(copy) as store:
        store.query("UPDATE stories SET key_actors = NULL")
    listed = run_cli("stories", "--db", str(copy))
    assert listed.returncode == 0, listed.stderr
    assert "None" not in listed.stdout and "│ -" in listed.stdout, listed.stdout
