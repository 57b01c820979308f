"""A promise not made is no refusal: "has never promised to come to Tehran's aid" is a negated
promise of aid, not a rejection (root 12); "will not send" and "refused to" still refuse.
Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from detente.events.coder import code_text

DAY = date(2024, 5, 1)


def coded(text: str) -> set[tuple[str, str, str, str]]:
    return {(e.source, e.cameo, e.target, e.polarity) for e in code_text(text, DAY)}


@pytest.mark.parametrize(
    ("text", "source", "target", "root"),
    [
        ("Beijing has never promised to come to Tehran's aid.", "CHN", "IRN", "03"),
        ("China has never promised to send weapons to Iran.", "CHN", "IRN", "03"),
        ("Germany did not pledge troops to the mission in Mali.", "DEU", "MLI", "03"),
        ("Italy did not promise aid to Tunisia.", "ITA", "TUN", "03"),
    ],
)
def test_a_promise_not_made_is_negated_not_a_refusal(
    text: str, source: str, target: str, root: str
) -> None:
    found = coded(text)
    assert any(
        s == source and t == target and c.startswith(root) and p == "negated"
        for s, c, t, p in found
    ), found
    assert not any(c.startswith("12") for _, c, _, _ in found), found


@pytest.mark.parametrize(
    "text",
    ["China will not send weapons to Iran.", "Hungary refused to send weapons to Ukraine."],
)
def test_an_act_refused_is_still_a_refusal(text: str) -> None:
    assert any(c.startswith("12") for _, c, _, _ in coded(text)), coded(text)
