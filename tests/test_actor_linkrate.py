"""`detente eval linkrate`: linked mentions per thousand words on the third-party BBC politics
articles (read from ../shared/data, never copied), dated 2005 so that 2005's office holders
count."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.errors import InputError
from detente.evaluation import linkrate, task_module

DATA = Path(__file__).resolve().parents[1] / linkrate.DEFAULT_DATA


def test_linkrate_is_a_registered_evaluation() -> None:
    assert task_module("linkrate") is linkrate


def test_a_missing_set_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no-such\.jsonl"):
        linkrate.load_examples(tmp_path / "no-such.jsonl")


@pytest.mark.skipif(not DATA.exists(), reason=f"BBC news set not found at {DATA}")
def test_linkrate_counts_linked_mentions_of_politics_articles() -> None:
    examples = linkrate.load_examples(DATA)
    assert examples and all(ex.id.startswith("bbc-politics") for ex in examples)
    report = linkrate.evaluate(examples, sample=4)
    assert report.articles == 4 and report.words > 500
    assert 0 < report.linked <= report.mentions
    assert sum(report.by_method.values()) == report.linked
    assert len(report.judge) == min(linkrate.JUDGE, report.linked)
    assert report.per_thousand(report.linked) > 10
    text = " ".join(str(part) for part in linkrate.summary(report))
    assert "linked mentions per 1000 words" in text


def test_the_cli_runs_it_on_a_set_of_our_own(tmp_path: Path) -> None:
    data = tmp_path / "news.jsonl"
    data.write_text(
        '{"id": "p1", "category": "politics", "title": "Blair defends plan", "text": '
        '"Tony Blair said Labour would win.\\n\\nThe Tories disagreed."}\n'
        '{"id": "s1", "category": "sport", "title": "Cup final", "text": "United won."}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["eval", "linkrate", "--data", str(data), "--errors"])
    assert result.exit_code == 0, result.output
    assert "1 articles" in result.output
    assert "GBRGOVLAB" in result.output and "GBROPPCON" in result.output
