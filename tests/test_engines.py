"""The Ray engine against the local engine: same input, same stored records.

A real local Ray instance (`ray.init(num_cpus=2)`: one analysis actor, one CPU for reading and
writing) analyses a 500-document generated corpus plus broken inputs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.make_corpus import write as make_corpus
from detente import analyze
from detente.export import document_records
from detente.pipeline import RunReport
from detente.store import Store

ray = pytest.importorskip("ray", reason="the Ray engine needs `pip install 'detente[ray]'`")


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
