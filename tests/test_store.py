"""The store: migrations, all-or-nothing batches, idempotent re-ingest, locks, interrupted runs."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from detente.config import Settings
from detente.errors import StoreError, StoreLockedError
from detente.pipeline import run
from detente.store import SCHEMA_VERSION, Store


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    countries = ["Chile", "Kenya", "Norway", "Vietnam", "Egypt", "Peru", "Ghana", "Poland"]
    for i in range(n):
        a, b = countries[i % 8], countries[(i * 3 + 1) % 8]
        (folder / f"doc{i:04d}.txt").write_text(
            f"{a} and {b} discuss item {i}\n\n"
            f"The foreign ministers of {a} and {b} met on day {i} to discuss issue number {i * 7}. "
            f"They agreed to meet again after {i % 5 + 2} weeks, officials said."
        )
    return folder


def counts(db: Path) -> dict[str, int]:
    with Store.open(db, read_only=True) as store:
        return {
            t: store.query(f"SELECT count(*) FROM {t}")[0][0]
            for t in ("documents", "segments", "sentences", "doc_bands")
        }


def test_new_database_gets_the_current_schema_version(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        assert store.schema_version() == SCHEMA_VERSION
    with Store.open(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_reading_a_missing_database_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `detente analyze"):
        Store.open(tmp_path / "absent.duckdb", read_only=True)


def test_reingesting_is_a_no_op(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", 6)
    settings = Settings(db=tmp_path / "r.duckdb")
    first = run([str(corpus)], settings)
    before = counts(settings.db)
    second = run([str(corpus)], settings)
    assert first.stored == 6 and second.stored == 0 and second.already_stored == 6
    assert counts(settings.db) == before


def test_a_failing_batch_leaves_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "c", 4)
    settings = Settings(db=tmp_path / "f.duckdb", batch_size=2)
    run([str(corpus / "doc0000.txt"), str(corpus / "doc0001.txt")], settings)
    before = counts(settings.db)

    insert = Store._insert_rows

    def explode(self: Store, table: str, rows: object) -> None:
        if table == "quotes":  # after the documents, segments, sentences... of the batch
            raise RuntimeError("disk full")
        insert(self, table, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_insert_rows", explode)
    with pytest.raises(RuntimeError):
        run([str(corpus)], settings)
    monkeypatch.undo()
    assert counts(settings.db) == before  # the failed batch rolled back whole
    with Store.open(settings.db, read_only=True) as store:
        assert store.query("SELECT status FROM runs ORDER BY started_at")[-1][0] == "failed"
    assert run([str(corpus)], settings).stored == 2


KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from detente.config import Settings
    from detente.pipeline import run
    def progress(report):
        if report.stored >= 12:
            os.kill(os.getpid(), signal.SIGKILL)  # a hard stop right after a committed batch
    run([sys.argv[1]], Settings(db=Path(sys.argv[2]), batch_size=4), progress=progress)
""")


def test_a_killed_run_keeps_whole_batches_and_a_rerun_completes_it(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", 40)
    db = tmp_path / "k.duckdb"
    killed = subprocess.run([sys.executable, "-c", KILLER, str(corpus), str(db)], check=False)
    assert killed.returncode == -9
    partial = counts(db)
    assert 12 <= partial["documents"] < 40
    with Store.open(db, read_only=True) as store:  # every stored document is whole
        orphans = store.query(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM sentences s WHERE s.doc_id = d.doc_id)"
        )[0][0]
    assert orphans == 0
    report = run([str(corpus)], Settings(db=db, batch_size=4))
    assert (
        report.already_stored == partial["documents"] and report.stored == 40 - partial["documents"]
    )
    assert counts(db)["documents"] == 40
    with Store.open(db, read_only=True) as store:
        statuses = [r[0] for r in store.query("SELECT status FROM runs ORDER BY started_at")]
    assert statuses == ["interrupted", "ok"]


def test_a_second_writer_is_told_who_holds_the_file(tmp_path: Path) -> None:
    db = tmp_path / "l.duckdb"
    Store.open(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import time, duckdb
        con = duckdb.connect({str(db)!r})
        print("ready", flush=True)
        time.sleep(60)
    """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError, match=rf"open for writing by process {holder.pid}"):
            Store.open(db)
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    Store.open(db).close()


def test_rewriting_the_same_kb_leaves_open_readers_alone(tmp_path: Path) -> None:
    """A server's reader may hold a snapshot while a posted document is analysed: an unchanged
    knowledge base is not deleted and reinserted under it (DuckDB would refuse the keys)."""
    from detente.actors.kb import load_kb

    kb = load_kb()
    with Store.open(tmp_path / "kb.duckdb") as store:
        store.write_kb(kb)
        before = store.query("SELECT count(*) FROM actors")[0][0]
        reader = store.con.cursor()
        reader.execute("BEGIN TRANSACTION")
        reader.execute("SELECT count(*) FROM people").fetchall()
        store.write_kb(kb)
        reader.execute("COMMIT")
        assert store.query("SELECT count(*) FROM actors")[0][0] == before > 1000
        store.con.execute("DELETE FROM people WHERE person = 'vladimir-putin'")
        store.write_kb(kb)  # a changed snapshot is written again
        assert store.query("SELECT count(*) FROM people WHERE person = 'vladimir-putin'") == [(1,)]
