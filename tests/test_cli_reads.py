"""The reads behind the command line (`query/overview.py`, `query/listings.py`) on a store the
real pipeline built: one count behind `detente stats` and the API, filters that do what the
options say, totals that agree with the lists they count."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from detente.query.listings import (
    count_events,
    count_quotes,
    document_facts,
    document_mentions,
    events_in_order,
    latest_documents,
    quotes_in_order,
    top_actors,
)
from detente.query.overview import stats
from detente.store import Store

from .conftest import run_cli

ALL = 100_000  # a limit no example store reaches


@pytest.fixture(scope="module")
def store(examples_db: Path) -> Iterator[Store]:
    with Store.open(examples_db, read_only=True) as opened:
        yield opened


def test_stats_totals_agree_with_their_breakdowns(store: Store) -> None:
    counts = stats(store)
    assert sum(counts["by_status"].values()) == counts["documents"] > 0
    assert sum(counts["by_language"].values()) == counts["documents"]
    assert counts["analysed"] == counts["by_status"]["analysed"]
    assert counts["duplicates"] == counts["by_status"].get("duplicate", 0)
    assert counts["not_analysed"] == counts["by_status"].get("not_analysed", 0)
    assert 0 < counts["linked_mentions"] <= counts["mentions"]
    assert counts["events"] == count_events(store)
    assert counts["quotes"] == count_quotes(store, scare=True)
    assert list(counts["top_sources"].values()) == sorted(
        counts["top_sources"].values(), reverse=True
    )


def test_detente_stats_prints_the_counts_the_api_serves(store: Store, examples_db: Path) -> None:
    counts = stats(store)
    printed = run_cli("stats", "--db", str(examples_db))
    assert printed.returncode == 0, printed.stderr
    rows = dict(re.findall(r"│\s*(?:[a-z ]+?)?\s*│ ([^│]+?)\s+│ ([\d,]+)\s+│", printed.stdout))
    for label, key in (("sentences", "sentences"), ("mentions", "mentions"),
                       ("linked mentions", "linked_mentions"), ("entities", "entities")):  # fmt: skip
        assert int(rows[label].replace(",", "")) == counts[key], label
    for status, n in counts["by_status"].items():
        assert int(rows[status].replace(",", "")) == n


def test_an_actor_filter_is_a_code_prefix_on_either_side(store: Store) -> None:
    every = events_in_order(store, limit=ALL)
    prefix = next(e["source"][:3] for e in every if len(e["source"]) > 3)
    found = events_in_order(store, actor=prefix, limit=ALL)
    assert found and all(
        e["source"].startswith(prefix) or e["target"].startswith(prefix) for e in found
    )
    expected = [
        e for e in every if e["source"].startswith(prefix) or e["target"].startswith(prefix)
    ]
    assert found == expected
    assert count_events(store, actor=prefix) == len(found)
    assert events_in_order(store, actor=prefix, limit=2) == found[:2]


def test_background_events_can_be_left_out_and_are_counted_alike(store: Store) -> None:
    every = events_in_order(store, limit=ALL)
    foreground = events_in_order(store, background=False, limit=ALL)
    assert any(e["background"] for e in every), "the examples hold background events"
    assert foreground == [e for e in every if not e["background"]]
    assert count_events(store, background=False) == len(foreground)


def test_events_come_in_reading_order_and_a_root_filter_keeps_one_root(store: Store) -> None:
    every = events_in_order(store, limit=ALL)
    assert [e["doc_id"] for e in every] == sorted(e["doc_id"] for e in every)
    root = every[0]["cameo"][:2]
    rooted = events_in_order(store, root=root, limit=ALL)
    assert rooted and all(e["cameo"].startswith(root) for e in rooted)
    one_doc = events_in_order(store, doc_id=every[-1]["doc_id"], limit=ALL)
    assert {e["doc_id"] for e in one_doc} == {every[-1]["doc_id"]}


def test_a_speaker_filter_takes_any_case_and_scare_quotes_stay_out(store: Store) -> None:
    coded = [q for q in quotes_in_order(store, limit=ALL) if q["speaker_code"]]
    assert coded, "the examples quote known speakers"
    code = coded[0]["speaker_code"]
    upper = quotes_in_order(store, speaker=code, limit=ALL)
    assert upper == quotes_in_order(store, speaker=f" {code.lower()} ", limit=ALL)
    assert all(q["speaker_code"].startswith(code) for q in upper)
    assert count_quotes(store, speaker=code) == len(upper)
    assert all(q["kind"] != "scare" for q in quotes_in_order(store, limit=ALL))
    assert count_quotes(store, scare=True) >= count_quotes(store)


def test_documents_newest_first_with_undated_last(store: Store) -> None:
    rows = latest_documents(store, limit=ALL)
    days = [r["day"] for r in rows]
    dated = [d for d in days if d != "undated"]
    assert dated == sorted(dated, reverse=True)
    assert days == dated + ["undated"] * (len(days) - len(dated))
    analysed = latest_documents(store, status="analysed", limit=ALL)
    assert analysed and {r["status"] for r in analysed} == {"analysed"}
    assert len(latest_documents(store, limit=2)) == 2


def test_a_documents_facts_and_mentions_are_its_own(store: Store) -> None:
    doc_id = latest_documents(store, status="analysed", limit=1)[0]["doc_id"]
    facts = document_facts(store, doc_id)
    assert facts is not None and facts.document.doc_id == doc_id
    assert facts.sentences > 0 and facts.signals is not None
    linked = [(m["mention"], m["code"]) for m in document_mentions(store, doc_id) if m["code"]]
    assert facts.mentions == linked
    assert len(facts.events) == count_events(store, doc_id=doc_id)
    assert document_facts(store, "no-such-document") is None


def test_top_actors_are_counted_most_first(store: Store) -> None:
    rows = top_actors(store, limit=5)
    assert 0 < len(rows) <= 5
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)
    assert all(r["documents"] <= r["mentions"] and r["code"] for r in rows)
