"""Headlines of plain text that end with a full stop (as corpora and archives export them) are
headlines; lead paragraphs written as prose stay body. Every text is written for this test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.clean.segment import segment_document
from detente.model import RawDocument, SegmentKind

BODY = (
    "The committee met for three hours on Tuesday and heard from six witnesses, including two "
    "former officials who described the decision as rushed and poorly explained to staff."
)


def headline_of(text: str) -> str | None:
    """The headline segment's text of a plain text, else None."""
    joined, segments = segment_document(RawDocument(origin="test.txt", text=text))
    heads = [s for s in segments if s.kind is SegmentKind.HEADLINE]
    return joined[heads[0].start : heads[0].end] if heads else None


@pytest.mark.parametrize(
    "first",
    [
        "Judge rejects request to unseal mayor's divorce file.",
        "Senator urges retaliation over cyber attack;",
        "Union endorses governor in tight race.",
        "Poll: voters split on new border plan.",
        "Regional leaders weigh plans for closer defence ties.",
        "Mixed signals on trade deal leave investors guessing.",
        "Minister not backing down on pension reform.",
        "Council panel votes to hold contractor in contempt.",
        "Every ten minutes, a child is born into poverty here.",  # "is", but above a dateline
    ],
)
def test_a_short_headline_with_a_full_stop_is_the_headline(first: str) -> None:
    following = "LISBON, May 3 (AP) — " + BODY if " is " in first else BODY
    assert headline_of(f"{first}\n\n{following}") == first


@pytest.mark.parametrize(
    "first",
    [
        "Opposition leader removed from parliament by guards after a long and angry debate "
        "over the budget and the cuts it makes to schools.",
        "Mayor says the city will not pay for the stadium that the club wants.",
    ],
)
def test_a_line_above_a_wire_dateline_is_the_headline(first: str) -> None:
    for dateline in ("OSLO, March 4 (Reuters) — ", "NAIROBI (AP) — ", "CANBERRA — "):
        assert headline_of(f"{first}\n\n{dateline}{BODY}") == first


@pytest.mark.parametrize(
    "first",
    [
        "The airline has blamed high fuel prices for a sharp drop in profits.",
        "Unemployment rose above three million last month, new figures show.",
        "The government is to relax rules on foreign ownership of banks.",
        "Two soldiers were killed when a bomb hit their convoy.",
        "We spoke to the mayor about the plan.",
        "Ministers will meet on Friday to discuss the strike.",
        "The vote was close. Nobody expected it.",
        "Rescuers worked through the night as the river burst its banks and flooded the town "
        "centre for the second time this year.",
    ],
)
def test_a_lead_paragraph_written_as_prose_stays_body(first: str) -> None:
    assert headline_of(f"{first}\n\n{BODY}") is None


def test_a_single_paragraph_has_no_headline() -> None:
    assert headline_of("Judge rejects request to unseal mayor's divorce file.") is None


def test_most_polnear_headlines_are_found() -> None:
    path = Path(__file__).parents[2] / "shared" / "data" / "quotes" / "polnear_dev.jsonl"
    if not path.exists():
        pytest.skip(f"third-party PolNeAR set not found at {path}")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    found = sum(headline_of(row["text"]) is not None for row in rows)
    assert found >= 0.85 * len(rows), (found, len(rows))
