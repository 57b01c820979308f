"""The workbench from the command line, for real, beside a real `detente serve` on the same store
(issue 19, "Broken today"): reads and writes work while the server runs, inputs are
normalised or refused with a suggestion, empty results say why, layouts fit 80 columns, ids
can be copied and prefixed, and codes come with names."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest

from tests.conftest import API_TOKEN, CLI, run_cli, serve_store

AUTH = {"Authorization": f"Bearer {API_TOKEN}"}


def cli(*args: str, columns: int = 200, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The CLI at a given terminal width (run_cli's is 200)."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", COLUMNS=str(columns))
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env,
                          timeout=timeout, check=False)  # fmt: skip


def with_shift(source: Path, target: Path) -> Path:
    """A copy of `source` with one flagged shift between North Korea and Russia, whose events
    are the pair's real merged events (the shape `detente corpus` writes)."""
    shutil.copy(source, target)
    con = duckdb.connect(str(target))
    ids = [r[0] for r in con.execute(
        "SELECT event_id FROM corroborated WHERE source IN ('PRK', 'RUS', 'RUSGOV')"
        " AND target IN ('PRK', 'RUS', 'RUSGOV')").fetchall()]  # fmt: skip
    assert ids, "the examples have merged events between North Korea and Russia"
    con.execute(
        "INSERT INTO shifts (a, b, period, measure, value, baseline, z, kind, events)"
        " VALUES ('PRK', 'RUS', DATE '2024-11-25', 'net_goldstein', 5.0, 0.5, 3.2, 'warming', ?)",
        [json.dumps(ids)],
    )
    con.close()
    return target


@pytest.fixture(scope="module")
def bench_db(served_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return with_shift(served_db, tmp_path_factory.mktemp("bench") / "bench.duckdb")


@pytest.fixture(scope="module")
def bench_server(bench_db: Path) -> Iterator[str]:
    """`detente serve` on bench_db, with a token; its base URL."""
    yield from serve_store(bench_db)


# ---- 3. reads beside a running server; writes say what to do ----------------------------------


def test_reads_work_while_the_server_holds_the_store(bench_server: str, bench_db: Path) -> None:
    db = ("--db", str(bench_db))
    doc = httpx.get(f"{bench_server}/api/documents", params={"q": "Pyongyang"}, timeout=30)
    prefix = doc.json()["items"][0]["doc_id"][:10]
    for args in (("stats",), ("events", "-n", "5"), ("show", prefix), ("list",), ("shifts",),
                 ("dyads", "PRK", "RUS"), ("search", "Lavrov")):  # fmt: skip
        result = cli(*args, *db)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stdout.strip(), args
        if args[0] == "search":
            assert "Lavrov and Choe" in result.stdout


def test_a_write_while_serving_waits_for_the_server_and_is_then_served(
    bench_server: str, bench_db: Path, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Chile and Peru signed a fisheries accord in Lima on Monday.\n")
    result = cli("ingest", str(article), "--db", str(bench_db))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    listed = httpx.get(f"{bench_server}/api/documents", params={"status": "pending"}, timeout=60)
    assert listed.status_code == 200, listed.text
    assert any(d["origin"] == str(article) for d in listed.json()["items"])  # no restart


def test_a_document_posted_to_the_server_is_read_by_the_cli(
    bench_server: str, bench_db: Path
) -> None:
    posted = httpx.post(f"{bench_server}/api/documents", headers=AUTH, timeout=180, json={
        "title": "Norway and Iceland sign a fisheries accord",
        "text": "Norway and Iceland signed a fisheries accord in Oslo on Tuesday.",
        "source": "Workbench Wire", "published": "2024-05-07"})  # fmt: skip
    assert posted.status_code in (200, 201), posted.text
    doc_id = posted.json()["doc_id"]
    listed = cli("list", "-n", "200", "--db", str(bench_db))
    assert listed.returncode == 0, listed.stderr
    assert doc_id[:10] in listed.stdout
    shown = cli("show", doc_id[:8], "--db", str(bench_db))
    assert shown.returncode == 0 and "Norway and Iceland" in shown.stdout, shown.stderr
    found = httpx.get(f"{bench_server}/api/documents", params={"q": "Iceland"}, timeout=30)
    assert doc_id in [d["doc_id"] for d in found.json()["items"]]  # the index follows writes


# ---- 4. normalise, refuse with a suggestion, say why it is empty ------------------------------


def test_a_cameo_root_is_normalised_and_a_wrong_one_refused(served_db: Path) -> None:
    db = ("--db", str(served_db))
    short, full = cli("events", "--root", "5", *db), cli("events", "--root", "05", *db)
    assert short.returncode == full.returncode == 0, short.stderr
    assert short.stdout == full.stdout and "Engage in diplomatic cooperation" in short.stdout
    for wrong in ("99", "0", "x"):
        refused = cli("events", "--root", wrong, *db)
        assert refused.returncode == 2, wrong
        assert f"no CAMEO root '{wrong}'" in refused.stderr and "01" in refused.stderr
    full_code = cli("events", "--root", "057", *db)
    assert full_code.returncode == 2 and "its root is 05" in " ".join(full_code.stderr.split())


def test_an_actor_code_in_lower_case_is_read_as_upper_case(served_db: Path) -> None:
    lower, upper = (cli("events", "--actor", c, "--db", str(served_db)) for c in ("rus", "RUS"))
    assert lower.returncode == 0 and lower.stdout == upper.stdout
    assert "RUS" in upper.stdout


def test_empty_results_say_what_was_searched(served_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "no-shifts.duckdb"
    shutil.copy(served_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM shifts")
    dyad = cli("dyads", "RUS", "BRA", "--db", str(db))
    assert dyad.returncode == 0
    said = " ".join(dyad.stderr.split())
    assert "no events between RUS and BRA" in said and "merged events" in said
    assert "┃" not in dyad.stdout  # no empty table
    shifts = cli("shifts", "--db", str(db))
    said = " ".join(shifts.stderr.split())
    assert shifts.returncode == 0 and "no shifts flagged" in said and "pairs" in said
    events = cli("events", "--actor", "ZZZ", "--root", "19", "--db", str(db))
    assert events.returncode == 0 and "no events with actor ZZZ, root 19" in events.stderr


def test_empty_store_says_to_run_the_corpus_stages(examples_db: Path) -> None:
    for args in (("shifts",), ("dyads", "RUS", "PRK"), ("stories",)):
        result = cli(*args, "--db", str(examples_db))
        assert result.returncode == 0, result.stderr
        assert "detente corpus" in result.stderr, args


def test_an_unknown_actor_is_refused_with_close_codes(served_db: Path, tmp_path: Path) -> None:
    out = ("--out", str(tmp_path), "--db", str(served_db))
    typo = cli("report", "--actor", "RSU", *out)
    assert typo.returncode == 2
    said = " ".join(typo.stderr.split())
    assert "no actor 'RSU'" in said and "RUS (Russia)" in said and "detente corpus" not in said
    unknown = cli("report", "--actor", "XYZQ", *out)
    assert unknown.returncode == 2 and "no actor 'XYZQ'" in unknown.stderr
    lower = cli("report", "--actor", "rus", *out)
    assert lower.returncode == 0, lower.stderr
    same = cli("report", "--dyad", "RUS", "RUSGOV", *out)
    assert same.returncode == 2 and "between two actors" in " ".join(same.stderr.split())


def test_a_self_dyad_is_refused_by_the_api(bench_server: str) -> None:
    for a, b in (("RUS", "RUS"), ("RUSGOV", "RUS"), ("PRK", "PRK")):
        answer = httpx.get(f"{bench_server}/api/dyads/{a}/{b}", timeout=30)
        assert answer.status_code == 400, (a, b, answer.text)
        assert "between two actors" in answer.json()["error"]["message"]
    assert httpx.get(f"{bench_server}/api/dyads/PRK/RUS", timeout=30).status_code == 200
    five = httpx.get(f"{bench_server}/api/events", params={"root": "5"}, timeout=30).json()
    assert five["items"] and {e["root"] for e in five["items"]} == {"05"}
    wrong = httpx.get(f"{bench_server}/api/events", params={"root": "99"}, timeout=30)
    assert wrong.status_code == 400 and "no CAMEO root" in wrong.text


def test_watch_once_fails_when_every_source_failed(tmp_path: Path) -> None:
    listing = tmp_path / "sources.yaml"
    listing.write_text(  # loopback addresses are refused without --allow-private
        "sources:\n  - {name: one, url: 'http://127.0.0.1:9/feed.xml'}\n"
        "  - {name: two, url: 'http://127.0.0.1:9/other.xml'}\n"
    )
    result = run_cli("watch", str(listing), "--once", "--db", str(tmp_path / "w.duckdb"))
    assert result.returncode == 1, result.stderr
    assert "every source failed (2)" in result.stderr


def test_files_a_folder_holds_but_cannot_read_are_counted(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "note.txt").write_text("Chile and Peru signed a fisheries accord.\n")
    for name in ("report.pdf", "sub/annex.PDF", "map.png", "bundle.tar.gz", ".hidden.pdf"):
        (folder / name).write_bytes(b"\x00binary")
    result = cli("ingest", str(folder), "--db", str(tmp_path / "f.duckdb"))
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert "skipped 4 files: 2 PDF, 1 archive, 1 image — not supported" in said
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.txt").write_text("Chile and Peru signed a fisheries accord.\n")
    assert "skipped" not in cli("ingest", str(plain), "--db", str(tmp_path / "g.duckdb")).stderr


# ---- 5. 80 columns; ids that can be copied, prefixes accepted --------------------------------


def test_events_fit_80_columns_in_a_few_lines_each(served_db: Path) -> None:
    result = cli("events", "-n", "200", "--db", str(served_db), columns=80)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    with duckdb.connect(str(served_db), read_only=True) as con:
        count = con.execute("SELECT count(*) FROM events").fetchone()[0]
    # who → whom, what and when (wrapping once at most), evidence to 3 lines: 6 at most each
    assert count >= 20 and len(lines) <= 6 * count + 3


def test_story_ids_are_whole_at_80_columns_and_prefixes_work(
    served_db: Path, tmp_path: Path
) -> None:
    listed = cli("stories", "-n", "100", "--db", str(served_db), columns=80)
    assert listed.returncode == 0, listed.stderr
    assert max(len(line) for line in listed.stdout.splitlines()) <= 80
    with duckdb.connect(str(served_db), read_only=True) as con:
        ids = [r[0] for r in con.execute("SELECT story_id FROM stories").fetchall()]
    for story_id in ids:
        assert story_id in listed.stdout
    unique = next(i[:6] for i in ids if sum(j.startswith(i[:6]) for j in ids) == 1)
    brief = cli("report", "--story", unique, "--out", str(tmp_path), "--db", str(served_db))
    assert brief.returncode == 0, brief.stderr
    ambiguous = cli("report", "--story", "s-", "--out", str(tmp_path), "--db", str(served_db))
    assert ambiguous.returncode == 2
    said = " ".join(ambiguous.stderr.split())
    assert "matches several stories" in said and sorted(ids)[0] in said


def test_an_ambiguous_document_prefix_lists_the_candidates(served_db: Path) -> None:
    with duckdb.connect(str(served_db), read_only=True) as con:
        ids = [r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()]
    shared = next(i[0] for i in ids if sum(j.startswith(i[0]) for j in ids) > 1)
    result = cli("show", shared, "--db", str(served_db))
    assert result.returncode == 2
    said = " ".join(result.stderr.split())
    assert "matches several documents" in said
    assert all(i in said for i in ids if i.startswith(shared))


# ---- 6. names beside codes; negation marked --------------------------------------------------


def test_codes_come_with_names_and_negation_is_marked(served_db: Path) -> None:
    for columns in (80, 200):
        result = cli("events", "--actor", "IRN", "--db", str(served_db), columns=columns)
        text = " ".join(result.stdout.split())
        assert "IRN (Iran)" in text and "Provide military aid" in text
        assert "¬033" in text  # 'Beijing has never promised to come to Tehran's aid'
    with duckdb.connect(str(served_db), read_only=True) as con:
        doc = con.execute(
            "SELECT doc_id FROM events WHERE polarity = 'negated' AND target = 'IRN'"
        ).fetchone()[0]
    shown = " ".join(cli("show", doc[:10], "--db", str(served_db)).stdout.split())
    assert "¬033" in shown and "(negated)" in shown and "Iran" in shown
    dyads = cli("dyads", "PRK", "RUS", "--db", str(served_db), columns=80).stdout
    assert "PRK North Korea" in dyads and "RUS Russia" in dyads
