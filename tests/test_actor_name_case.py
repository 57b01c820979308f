"""Names written with inner capitals ("LeT", "MoD", "McCartney") are those names only when the
text writes them so (or shouts them): "Let's", "Mod" and "Mccartney's" are other words."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.link import link_text

DAY = date(2016, 6, 1)


def codes(text: str) -> list[str]:
    return [m.actor_code for m in link_text(text, DAY) if m.actor_code]


@pytest.mark.parametrize(
    "text",
    [
        "Let's break them down. The federal government offers loans.",
        "Let us be clear about what the budget means.",
        "Let them eat cake, she said.",
        "Jem and Scout walked home from school.",
        "Mod culture swept through Brighton in the sixties.",
        "LET THEM EAT CAKE, SAYS MINISTER",  # a shouted headline is re-cased first
    ],
)
def test_a_common_word_spelt_like_a_mixed_case_name_links_nothing(text: str) -> None:
    assert not [c for c in codes(text) if c.startswith(("PAKREB", "GBRMIL", "GBRGOV"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LeT militants attacked the hotel in Mumbai.", "PAKREBLET"),
        ("Lashkar-e-Taiba denied any role in the attack.", "PAKREBLET"),
        ("Al-Qaeda claimed the attack.", "IMGALQ"),
    ],
)
def test_the_name_written_as_the_kb_writes_it_still_links(text: str, expected: str) -> None:
    assert expected in codes(text)
