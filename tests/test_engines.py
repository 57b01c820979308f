"""The Ray engine against the local engine: same input, same stored records.

A real local Ray instance (`ray.init(num_cpus=2)`: one analysis actor, one CPU for reading and
writing) analyses a 500-document generated corpus plus broken inputs."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.make_corpus import write as make_corpus
from detente import analyze, ingest_inputs
from detente.config import Settings
from detente.engines.local import LocalExecutor
from detente.errors import InputError
from detente.export import document_records
from detente.model import Document
from detente.pipeline import RunReport, execute, steps
from detente.run.blocks import Block, Map, RunContext
from detente.run.steps import Analyse
from detente.store import Store

ray = pytest.importorskip("ray", reason="the Ray engine needs `pip install 'detente[ray]'`")

from detente.engines.ray import RayExecutor  # noqa: E402  (needs Ray)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """500 generated articles in two JSONL shards and an HTML page, plus two unusable files."""
    folder = tmp_path_factory.mktemp("engines")
    lines = make_corpus(folder / "gen", 500, seed=11).read_text().splitlines()
    inputs = folder / "inputs"
    inputs.mkdir()
    (inputs / "a.jsonl").write_text("\n".join(lines[:260]) + "\n")
    (inputs / "b.jsonl").write_text("\n".join(lines[260:]) + "\n{not json\n")
    (inputs / "page.html").write_text(
        "<html><head><title>Talks in Vienna</title></head><body><article>"
        "<p>Iran and the IAEA held talks in Vienna on Monday, diplomats said.</p>"
        "<p>The agency's chief said inspectors would return next month.</p></article></body></html>"
    )
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    return inputs


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def _records(db: Path) -> dict[str, dict[str, Any]]:
    with Store.open(db, read_only=True) as store:
        return {
            r["doc_id"]: json.loads(json.dumps(r, default=str)) for r in document_records(store)
        }


def _counts(report: RunReport) -> dict[str, Any]:
    counts = report.counts()
    counts.pop("seconds", None)
    counts.pop("inputs_per_s", None)
    return {**counts, "errors": sorted(report.errors)}


@pytest.mark.slow
def test_ray_and_local_engines_store_the_same_records(
    corpus: Path, tmp_path: Path, ray_cluster: None
) -> None:
    local = analyze([str(corpus)], db=tmp_path / "local.duckdb", workers=1)
    on_ray = analyze([str(corpus)], db=tmp_path / "ray.duckdb", workers=1, engine="ray")

    assert _counts(on_ray) == _counts(local)
    assert local.read == 503 and local.stored + local.already_stored == 501
    assert local.analysed > 400
    # syndicated copies (exact: known already; edited: near-duplicates), the same original kept
    assert local.already_stored + local.duplicates > 10
    reasons = dict(local.errors)
    assert any(o.endswith("b.jsonl:241") and "malformed JSON" in r for o, r in reasons.items())
    assert any(o.endswith("binary.txt") for o in reasons)

    ours, theirs = _records(tmp_path / "local.duckdb"), _records(tmp_path / "ray.duckdb")
    assert ours.keys() == theirs.keys() and len(ours) == local.stored
    differing = [doc_id for doc_id in ours if ours[doc_id] != theirs[doc_id]]
    assert not differing, f"{len(differing)} records differ, e.g. {differing[0]}"
    assert sum(len(r["events"]) for r in ours.values()) > 300

    again = analyze([str(corpus)], db=tmp_path / "ray.duckdb", workers=1, engine="ray")
    assert again.stored == 0 and again.already_stored == 501
    assert _records(tmp_path / "ray.duckdb") == theirs


def test_ray_engine_refuses_urls_and_stdin(tmp_path: Path) -> None:
    from detente.errors import DetenteError

    for given in ("-", "https://example.org/news"):
        with pytest.raises(DetenteError, match="files and directories only"):
            analyze([given], db=tmp_path / "x.duckdb", engine="ray")


# ---- the run as a list of blocks, handed to either executor -----------------------------------


class Stamp(Map):
    """A planted stage: marks every document's outlet. A map, so it runs in the workers."""

    def apply(self, batch: list[Any], ctx: RunContext) -> list[Any]:
        for item in batch:
            if isinstance(item, Document):
                item.source = f"stamped:{item.source or ''}:{ctx.run_id[:4]}"
        return batch


def _stamped_steps(corpus: Path) -> list[Block]:
    """The ingest list with one stage added: one block and one line."""
    blocks = steps([str(corpus)], analyse=False)
    return [*blocks[:2], Stamp(), *blocks[2:]]


def _outlets(db: Path) -> set[str]:
    with Store.open(db, read_only=True) as store:
        return {r[0] for r in store.query("SELECT DISTINCT source FROM documents")}


def test_the_run_is_one_visible_list_of_blocks() -> None:
    assert [repr(b) for b in steps(["x.jsonl"])] == [
        "Read", "Prepare", "SelectNew", "Analyse", "Write"
    ]  # fmt: skip
    assert [repr(b) for b in steps([])] == ["ReadStored", "AnalyseStored", "Update"]
    assert [b.analyse for b in steps(["x"], analyse=False) if isinstance(b, Analyse)] == [False]
    maps = [type(b).__name__ for b in steps(["x"]) if isinstance(b, Map)]
    assert maps == ["Prepare", "Analyse"]  # the blocks an executor may run anywhere


def test_the_context_leaves_the_store_and_the_report_in_the_main_process(tmp_path: Path) -> None:
    settings = Settings(db=tmp_path / "x.duckdb")
    with Store.open(settings.db) as store:
        ctx = RunContext(settings, "run-1", store, RunReport(read=3))
        shipped = pickle.loads(pickle.dumps(ctx))
        assert ctx.db() is store
    assert shipped.run_id == "run-1" and shipped.settings == settings
    assert shipped.store is None and shipped.report.read == 0
    with pytest.raises(RuntimeError, match="main process"):
        shipped.db()
    assert pickle.loads(pickle.dumps(InputError("a.txt:3", "malformed"))).reason == "malformed"


def test_a_stage_added_to_the_list_runs_in_the_local_workers(corpus: Path, tmp_path: Path) -> None:
    settings = Settings(db=tmp_path / "local.duckdb", workers=2, batch_size=64)
    report = execute(_stamped_steps(corpus), settings, LocalExecutor(2), command="ingest",
                     snapshot=False)  # fmt: skip
    assert report.stored > 400 and report.read == 503 and report.failed == 2
    with Store.open(settings.db, read_only=True) as store:
        ((run_id, command, counts),) = store.query("SELECT run_id, command, counts FROM runs")
    assert command == "ingest" and json.loads(counts)["stored"] == report.stored
    outlets = _outlets(settings.db)  # stamped in the workers, with the run's id they were given
    assert len(outlets) > 3 and all(o.startswith("stamped:") for o in outlets)
    assert all(o.endswith(f":{run_id[:4]}") for o in outlets)


def test_ray_runs_the_same_list_with_the_added_stage(
    corpus: Path, tmp_path: Path, ray_cluster: None
) -> None:
    local = Settings(db=tmp_path / "local.duckdb", batch_size=64)
    on_ray = Settings(db=tmp_path / "ray.duckdb", batch_size=64)
    ours = execute(_stamped_steps(corpus), local, LocalExecutor(1), command="ingest")
    theirs = execute(_stamped_steps(corpus), on_ray, RayExecutor(1), command="ingest")
    assert _counts(theirs) == _counts(ours)
    assert {o.rsplit(":", 1)[0] for o in _outlets(on_ray.db)} == {
        o.rsplit(":", 1)[0] for o in _outlets(local.db)
    }  # the same stamps, each with its own run's id
    with Store.open(on_ray.db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM documents WHERE status = 'pending'")[0][0] > 400


def test_ray_analyses_what_an_ingest_only_run_stored(tmp_path: Path, ray_cluster: None) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    lines = make_corpus(tmp_path / "gen", 12, seed=5).read_text().splitlines()
    (inputs / "a.jsonl").write_text("\n".join(lines) + "\n")
    db = tmp_path / "x.duckdb"
    ingested = ingest_inputs([str(inputs)], db=db)
    analysed = analyze([], db=db, engine="ray")
    assert analysed.read == ingested.stored > 5
    assert analysed.analysed + analysed.duplicates + analysed.not_analysed == ingested.stored
    with Store.open(db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM documents WHERE status = 'pending'")[0][0] == 0
        assert store.query("SELECT count(*) FROM events")[0][0] > 0
        (command,) = store.query("SELECT command FROM runs ORDER BY started_at DESC LIMIT 1")[0]
    assert command == "analyze --engine ray"
