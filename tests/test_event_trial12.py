"""Coercion needs a coercer: "X was forced to do Y" with no one named doing the forcing is a
figure of speech about circumstances, not CAMEO 170; a named actor forcing another keeps it. The
second fresh-user trial of this round found "Trump was forced to defend not paying an architect"
coded 170. Sentences written for this test, with twins that must keep their events."""

from __future__ import annotations

from datetime import date

import pytest

from detente.events.coder import code_text

DAY = date(2024, 5, 1)


def codes(text: str) -> set[tuple[str, str, str]]:
    return {(e.source, e.cameo, e.target) for e in code_text(text, DAY)}


@pytest.mark.parametrize(
    "text",
    [
        "Trump was forced to defend not paying an architect.",
        "Britain was forced to withdraw its ambassador from Iran.",
        "Israel was forced to defend itself against Hamas.",
        "The German chancellor was forced to cut short her visit.",
        "Japan has been forced to rethink its energy policy.",
        "Egypt was forced to close the Rafah crossing after the floods.",
        "France felt forced to respond to the protests.",
    ],
)
def test_forced_by_no_one_named_is_no_coercion(text: str) -> None:
    assert not any(cameo == "170" for _, cameo, _ in codes(text)), codes(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China forced the Philippines to abandon the shoal.", ("CHN", "170", "PHL")),
        ("Russia forced Ukraine to withdraw from the town.", ("RUS", "170", "UKR")),
        ("The United States forced Iran to halt enrichment.", ("USA", "170", "IRN")),
    ],
)
def test_a_named_coercer_keeps_the_event(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


def test_the_forced_act_itself_is_still_coded() -> None:
    assert ("GBR", "161", "IRN") in codes(
        "Britain was forced to withdraw its ambassador from Iran."
    )
