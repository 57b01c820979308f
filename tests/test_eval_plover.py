"""The PLOVER scorer: span → actor matching, coverage rules, and its report's arithmetic on the
third-party set (read from ../shared/data, never copied here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from detente.actors.link import link_text
from detente.errors import InputError
from detente.evaluation import plover
from detente.model import Event, Evidence
from tests.conftest import ROOT, run_cli

PLV = ROOT.parent / "shared" / "data" / "events" / "plv_train.jsonl"


def _event(source: str, target: str, cameo: str, plover_type: str | None, conf: float) -> Event:
    text = "A sentence we made up."
    return Event(source=source, target=target, cameo=cameo, root=cameo[:2], quad_class=1,
                 goldstein=0.0, plover_type=plover_type, polarity="asserted",
                 modality="factual", trigger="made", evidence=Evidence(start=0, end=len(text),
                 text=text), confidence=conf, segment=0)  # fmt: skip


def test_span_codes_are_the_linked_actors_overlapping_each_marked_span() -> None:
    text = "Kenyan President William Ruto hosted the Ethiopian foreign minister on Tuesday."
    mentions = link_text(text, date(2023, 5, 2))
    sources = plover.span_codes(text, "Kenyan President William Ruto", mentions)
    targets = plover.span_codes(text, "the Ethiopian foreign minister", mentions)
    assert sources is not None and {c[:3] for c in sources} == {"KEN"}
    assert targets is not None and {c[:3] for c in targets} == {"ETH"}
    # a span with no linked actor, and a placeholder span the text does not contain
    assert plover.span_codes(text, "on Tuesday", mentions) == set()
    assert plover.span_codes(text, "a recipient", mentions) is None


def test_reverse_direction_covers_only_symmetric_types_and_the_most_confident_wins() -> None:
    events = [
        _event("ETHGOV", "KENGOV", "040", "CONSULT", 0.5),
        _event("ETHGOV", "KENGOV", "057", "AGREE", 0.7),
        _event("KENGOV", "", "010", None, 0.9),
    ]
    found = plover.covering(events, {"KENGOV"}, {"ETHGOV"}, symmetric=True)
    assert found is not None and found.cameo == "057"
    assert plover.covering(events, {"KENGOV"}, {"ETHGOV"}, symmetric=False) is None


def test_older_plover_names_are_renamed_and_statements_have_none() -> None:
    assert plover.plover_of(_event("A", "B", "100", "DEMAND", 0.5)) == "REQUEST"
    assert plover.plover_of(_event("A", "B", "080", "RETREAT", 0.5)) == "YIELD"
    assert plover.plover_of(_event("A", "B", "010", None, 0.5)) == plover.NONE


def test_an_absent_set_is_an_error_naming_its_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "plv.jsonl"
    with pytest.raises(InputError, match="nowhere"):
        plover.load_examples(missing)
    result = run_cli("eval", "plover", "--data", str(missing), cwd=ROOT)
    assert result.returncode != 0
    assert "nowhere" in result.stdout + result.stderr


def test_report_on_the_first_rows_of_the_set_adds_up(tmp_path: Path) -> None:
    if not PLV.is_file():
        pytest.skip(f"PLOVER set not found at {PLV} (third-party data, outside the project)")
    head = tmp_path / "plv_head.jsonl"
    head.write_text("".join(PLV.read_text(encoding="utf-8").splitlines(True)[:30]))
    examples = plover.load_examples(head)
    report = plover.evaluate(examples)

    assert report.rows == len(examples) == 30
    assert report.sentences == len({ex.text for ex in examples})
    assert report.marked + report.unmarked == report.rows
    assert sum(c.rows for c in report.per_type.values()) == report.marked
    assert sum(c.covered for c in report.per_type.values()) == report.covered
    assert sum(c.right for c in report.per_type.values()) == report.type_right
    assert sum(report.confusion.values()) == report.covered - report.type_right
    assert len(report.errors) == report.marked - report.type_right
    # a span with no linked actor cannot be covered
    assert report.covered <= report.marked - report.no_actor
    assert max(report.no_source_actor, report.no_target_actor) <= report.no_actor
    assert report.no_actor <= report.no_source_actor + report.no_target_actor
    assert report.same_actor <= report.marked - report.no_actor - report.covered
    assert report.emitted_right + report.emitted_untyped <= report.emitted
    for share in (report.coverage, report.type_accuracy, report.precision):
        assert 0.0 <= share <= 1.0
    assert report.covered > 0 and report.emitted > 0  # the coder finds something on real news
