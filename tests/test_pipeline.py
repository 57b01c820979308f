"""End to end through the real CLI: analyse, show, stats, export, workers, the export contract."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from detente.config import Settings
from detente.pipeline import run
from detente.store import Store

from .conftest import EXAMPLES, ROOT, SAMPLES, run_cli
from .test_store import write_corpus


def test_examples_are_analysed_with_duplicates_and_languages_kept_apart(examples_db: Path) -> None:
    with Store.open(examples_db, read_only=True) as store:
        status = dict(store.query("SELECT status, count(*) FROM documents GROUP BY 1"))
        dup = store.query("SELECT origin, duplicate_of FROM documents WHERE status = 'duplicate'")
        french = store.query("SELECT language, status_reason FROM documents WHERE language = 'fr'")
        not_analysed_parsed = store.query(
            "SELECT count(*) FROM sentences JOIN documents USING (doc_id) WHERE status <> 'analysed'"
        )
    assert status == {"analysed": 12, "duplicate": 1, "not_analysed": 1}
    assert "sco-summit-astana-syndicated" in dup[0][0] and dup[0][1]
    assert french and "not analysed" in french[0][1]
    assert not_analysed_parsed[0][0] == 0


def test_forum_sample_article_is_six_lines_with_every_sentence_inside(
    samples: Path, tmp_path: Path
) -> None:
    # The article is six lines ("sentences" as a reader counts them); the fourth holds two quoted
    # sentences ("...forces," he told reporters. "North Korea supports..."), which spaCy splits.
    db = tmp_path / "s.duckdb"
    run([str(samples / "putin-kim-forum-thread.txt")], Settings(db=db))
    with Store.open(db, read_only=True) as store:
        per_line = store.query(
            "SELECT s.idx, count(t.idx) FROM segments s LEFT JOIN sentences t "
            "ON s.doc_id = t.doc_id AND s.idx = t.segment WHERE s.kind = 'body' "
            "GROUP BY 1 ORDER BY 1"
        )
        comments = dict(
            store.query("SELECT kind, count(*) FROM segments WHERE kind LIKE '%comment' GROUP BY 1")
        )
    assert [n for _, n in per_line] == [1, 1, 1, 2, 1, 1]
    assert comments == {"comment": 9, "removed_comment": 3}


def test_show_prints_segments_and_stats_counts(examples_db: Path) -> None:
    with Store.open(examples_db, read_only=True) as store:
        doc_id = store.query("SELECT doc_id FROM documents WHERE origin LIKE '%deterrence%'")[0][0]
    shown = run_cli("show", doc_id[:8], "--db", str(examples_db))
    assert shown.returncode == 0, shown.stderr
    assert "removed_comment · ferrytales" in shown.stdout and "[deleted]" in shown.stdout
    assert "Japan weighs longer-range missiles" in shown.stdout
    missing = run_cli("show", "ffffffff", "--db", str(examples_db))
    assert missing.returncode == 2 and "no document 'ffffffff'" in missing.stderr
    stats = run_cli("stats", "--db", str(examples_db))
    assert "removed_comment" in stats.stdout and "analysed" in stats.stdout


def test_jsonl_export_has_contract_fields_and_matching_offsets(
    examples_db: Path, tmp_path: Path
) -> None:
    result = run_cli(
        "export", "--format", "jsonl", "--out", str(tmp_path), "--db", str(examples_db)
    )
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in (tmp_path / "documents.jsonl").read_text().splitlines()]
    assert len(docs) == 14
    for doc in docs:
        for key in (
            "doc_id",
            "origin",
            "url",
            "source",
            "title",
            "published",
            "language",
            "text",
            "duplicate_of",
            "segments",
            "mentions",
            "events",
            "quotes",
            "signals",
            "story_id",
        ):
            assert key in doc
        for seg in doc["segments"]:
            assert doc["text"][seg["start"] : seg["end"]] == seg["text"]
    forum = next(d for d in docs if "deterrence" in d["origin"])
    thread = forum["signals"]["thread"]
    assert (thread["comments"], thread["removed"]) == (9, 3)
    assert {"stances", "topics", "main_actors"} <= set(thread)
    assert 0 <= forum["signals"]["sensationalism"]["score"] <= 1


def test_parquet_export_writes_one_file_per_table(examples_db: Path, tmp_path: Path) -> None:
    result = run_cli(
        "export", "--format", "parquet", "--out", str(tmp_path), "--db", str(examples_db)
    )
    assert result.returncode == 0, result.stderr
    rows = duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'documents.parquet'}'").fetchone()
    assert rows == (14,)
    assert (tmp_path / "segments.parquet").exists() and (tmp_path / "runs.parquet").exists()


def test_two_workers_store_the_same_as_one(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", 24)
    tables = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        report = run([str(corpus), str(EXAMPLES)], Settings(db=db, workers=workers, batch_size=5))
        assert report.stored == 38 and not report.errors
        with Store.open(db, read_only=True) as store:
            tables[workers] = [
                store.query(
                    "SELECT doc_id, status, duplicate_of, text FROM documents ORDER BY doc_id"
                ),
                store.query("SELECT * FROM segments ORDER BY doc_id, idx"),
                store.query("SELECT * FROM sentences ORDER BY doc_id, idx"),
                store.query("SELECT * FROM entities ORDER BY doc_id, start_char, label"),
                store.query("SELECT * FROM mentions ORDER BY doc_id, idx"),
            ]
    assert tables[1] == tables[2]


def test_ingest_then_analyze_pending(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", 5)
    db = tmp_path / "p.duckdb"
    assert run_cli("ingest", str(corpus), "--db", str(db)).returncode == 0
    with Store.open(db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM documents WHERE status = 'pending'")[0][0] == 5
    result = run_cli("analyze", "--db", str(db))
    assert result.returncode == 0, result.stderr
    with Store.open(db, read_only=True) as store:
        assert store.query("SELECT count(DISTINCT doc_id) FROM sentences")[0][0] == 5
        assert store.query("SELECT count(*) FROM documents WHERE status = 'analysed'")[0][0] == 5


@pytest.mark.skipif(
    not (SAMPLES.parent / "checks" / "contract.py").exists(), reason="no shared contract check"
)
def test_shared_contract_check_passes() -> None:
    if not (ROOT / ".venv" / "bin" / "detente").exists():
        pytest.skip("contract.py runs .venv/bin/detente, made by `make run` / `make test`")
    result = subprocess.run(
        [sys.executable, str(SAMPLES.parent / "checks" / "contract.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 contract problems" in result.stdout


def test_list_shows_ids_that_show_accepts(examples_db: Path) -> None:
    listed = run_cli("list", "--status", "not_analysed", "--db", str(examples_db))
    assert listed.returncode == 0, listed.stderr
    assert "sommet-kiev-fr.txt" in listed.stdout and "│ analysed " not in listed.stdout
    doc_id = re.findall(r"\b[0-9a-f]{10}\b", listed.stdout)[0]
    assert run_cli("show", doc_id, "--db", str(examples_db)).returncode == 0


def test_python_api_matches_the_cli(tmp_path: Path) -> None:
    import detente

    corpus = write_corpus(tmp_path / "c", 3)
    report = detente.ingest_inputs([str(corpus)], db=tmp_path / "api.duckdb", batch_size=2)
    assert report.stored == 3 and report.analysed == 0
    report = detente.analyze(db=tmp_path / "api.duckdb")
    assert report.analysed == 3
