"""Corpus stages on a generated corpus: stories (incremental), corroboration, dyads, shifts,
exports and briefs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.make_corpus import write as make_corpus
from detente.config import Settings
from detente.corpus import run_corpus
from detente.corpus.dyads import dyad_series
from detente.evaluation.corpus import score_corpus
from detente.pipeline import run
from detente.store import Store

from .conftest import run_cli


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """700 generated articles, analysed and clustered in two halves (the second joins the first's
    stories incrementally)."""
    folder = tmp_path_factory.mktemp("generated")
    articles = make_corpus(folder, 700, seed=3)
    lines = articles.read_text().splitlines()
    middle = next(
        i for i, line in enumerate(lines) if json.loads(line)["published"] >= "2024-07-03"
    )
    (folder / "first.jsonl").write_text("\n".join(lines[:middle]) + "\n")
    (folder / "second.jsonl").write_text("\n".join(lines[middle:]) + "\n")
    db = folder / "g.duckdb"
    for half in ("first", "second"):
        report = run([str(folder / f"{half}.jsonl")], Settings(db=db, workers=2))
        assert not report.errors
        run_corpus(Settings(db=db))
    return db, folder / "truth.json"


def test_stories_are_pure_and_complete_across_two_runs(generated: tuple[Path, Path]) -> None:
    db, truth = generated
    with Store.open(db, read_only=True) as store:
        scores = score_corpus(store, truth)
        spanning = store.query(
            "SELECT count(*) FROM stories WHERE first_seen < DATE '2024-07-03'"
            " AND last_seen >= DATE '2024-07-03'"
        )[0][0]
        unplaced = store.query(
            "SELECT count(*) FROM documents d LEFT JOIN story_members m USING (doc_id)"
            " WHERE m.doc_id IS NULL AND d.status IN ('analysed', 'duplicate')"
        )[0][0]
    assert scores.purity >= 0.9 and scores.completeness >= 0.9, scores
    assert unplaced == 0
    assert spanning >= 1  # stories open at the end of the first run took documents of the second


def test_planted_shifts_are_flagged_with_their_events(generated: tuple[Path, Path]) -> None:
    db, truth = generated
    with Store.open(db, read_only=True) as store:
        scores = score_corpus(store, truth)
        flags = store.query("SELECT kind, events FROM shifts")
    assert len(scores.shifts_found) >= 3, scores
    assert len(scores.false_alarms) <= 3, scores.false_alarms
    assert all(json.loads(events) for _, events in flags)  # every flag shows its events


def test_corroboration_counts_outlets_and_dyads_roll_up(generated: tuple[Path, Path]) -> None:
    db, _ = generated
    with Store.open(db, read_only=True) as store:
        multi = store.query("SELECT max(n_sources), bool_or(wire) FROM corroborated")[0]
        series = dyad_series(store, period="month")
        raw = store.query("SELECT count(*) FROM events WHERE NOT background")[0][0]
        merged = store.query("SELECT count(*) FROM corroborated")[0][0]
    assert multi[0] >= 3 and multi[1] is True
    assert merged < raw  # the same event told by several outlets counts once
    assert all(len(r["a"]) == 3 and r["a"] < r["b"] for r in series)  # countries, unordered pairs
    assert sum(r["events"] for r in series) > 0


def test_exports_and_briefs(generated: tuple[Path, Path], tmp_path: Path) -> None:
    db, _ = generated
    result = run_cli("export", "--out", str(tmp_path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    stories = [json.loads(x) for x in (tmp_path / "stories.jsonl").read_text().splitlines()]
    assert {"story_id", "headline", "doc_ids", "first_seen", "last_seen", "sources"} <= set(
        stories[0]
    )
    docs = [json.loads(x) for x in (tmp_path / "documents.jsonl").read_text().splitlines()]
    assert all(d["story_id"] for d in docs)
    shifts = [json.loads(x) for x in (tmp_path / "shifts.jsonl").read_text().splitlines()]
    assert {"a", "b", "period", "direction", "score", "event_ids"} <= set(shifts[0])
    dyads = [json.loads(x) for x in (tmp_path / "dyads.jsonl").read_text().splitlines()]
    assert {"a", "b", "period", "events", "cooperation", "conflict", "goldstein_sum"} <= set(
        dyads[0]
    )
    a, b = shifts[0]["a"], shifts[0]["b"]
    brief = run_cli("report", "--dyad", a, b, "--out", str(tmp_path / "r"), "--db", str(db))
    assert brief.returncode == 0, brief.stderr
    text = (tmp_path / "r" / f"dyad-{a}-{b}.md").read_text()
    assert "## What happened" in text and "## Shifts" in text and "outlet" in text
    assert (tmp_path / "r" / f"dyad-{a}-{b}.png").stat().st_size > 5000
    story = run_cli("report", "--story", stories[0]["story_id"], "--out", str(tmp_path / "r"),
                    "--db", str(db))  # fmt: skip
    assert story.returncode == 0, story.stderr


def test_brief_html_escapes_document_text(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.jsonl"
    hostile.write_text(
        json.dumps({"title": "<script>alert(1)</script> Japan imposes sanctions on Peru",
                    "text": "Japan imposed new sanctions on Peru on Monday, officials said. "
                            "“<img src=x onerror=alert(2)>,” a Peruvian official said.",
                    "published": "2024-03-04", "source": "<b>Outlet</b>"}) + "\n"
    )  # fmt: skip
    db = tmp_path / "h.duckdb"
    import detente

    detente.analyze([str(hostile)], db=db)
    assert detente.corpus_stages(db=db).stories == 1
    from detente.report import dyad_brief, write_brief

    with Store.open(db, read_only=True) as store:
        written = write_brief(dyad_brief(store, "JPN", "PER"), tmp_path / "r")
    page = next(p for p in written if p.suffix == ".html").read_text()
    assert "<script>" not in page
    assert "<img src=x" not in page and "<b>Outlet" not in page
    assert "&lt;b&gt;Outlet&lt;/b&gt;" in page


def test_open_stories_use_an_hnsw_index_when_many_are_open() -> None:
    from datetime import date, timedelta

    import numpy as np

    from detente.corpus.stories import DIMENSIONS, OpenStories, StoryParams, StoryState

    rng = np.random.default_rng(1)
    day = date(2024, 3, 1)
    open_stories = OpenStories(StoryParams(ann_above=20, ann_candidates=5))
    vectors = rng.normal(size=(60, DIMENSIONS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    for i, v in enumerate(vectors):
        open_stories.put(
            StoryState(f"s{i}", v, 1, day, day if i >= 10 else day - timedelta(days=9))
        )
    assert open_stories.index is not None
    open_stories.evict(day)  # the first ten are out of the window
    assert len(open_stories.open) == 50
    query = vectors[42] + 0.05 * rng.normal(size=DIMENSIONS).astype(np.float32)
    found = open_stories.candidates(query / np.linalg.norm(query), day)
    assert len(found) <= 5 and found[0].story_id == "s42"
    assert all(int(s.story_id[1:]) >= 10 for s in found)
