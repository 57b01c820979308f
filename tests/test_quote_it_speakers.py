"""Issue 14: "it" as a speaker is the organisation or state it stands for, never a person and
never a bare pronoun with a code; a possessive phrase's speaker is the group, not the
possessor. Every sentence is our own."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.link import get_linker
from detente.parse.units import text_units
from detente.quotes import find_quotes

DAY = date(2005, 3, 1)


def speakers(text: str) -> list[tuple[str | None, str]]:
    units = text_units(text)
    quotes = find_quotes(units, get_linker(()).link(units, DAY))
    return [(q.speaker_text, q.speaker_code) for q in quotes]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Foreign Office issued a statement on Monday. It said the embassy would close.",
         "GBRGOV"),
        ("The Kremlin said on Monday that talks would resume. It added that no date was set.",
         "RUSGOV"),
        ("NATO met in Brussels on Friday. It said the alliance would respond.", "IGOWSTNAT"),
    ],
)  # fmt: skip
def test_it_speaks_for_the_organisation_before_it(text: str, code: str) -> None:
    found = speakers(text)
    assert any(s and s.lower() == "it" and c == code for s, c in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Tony Blair visited Basra on Monday. It said the embassy would close.",
        "The weather was bad. It said the plan would fail.",
        'Gordon Brown spoke in Leeds. "The plan will fail," it said.',
    ],
)
def test_it_never_speaks_for_a_person_or_nobody(text: str) -> None:
    found = speakers(text)
    assert all(not (s and s.lower() == "it" and c) for s, c in found), found


@pytest.mark.parametrize(
    "text",
    [
        "President Bush's advisers said the plan would fail.",
        '"The plan will fail," President Bush\'s advisers said.',
        "Tony Blair's aides said the minister would resign.",
        "Vladimir Putin's spokesman said talks would resume.",
    ],
)
def test_a_possessive_phrase_does_not_speak_as_its_possessor(text: str) -> None:
    units = text_units(text)
    quotes = find_quotes(units, get_linker(()).link(units, DAY))
    assert quotes and all(q.speaker_text and "'s" in q.speaker_text for q in quotes), quotes
    assert all(q.speaker_person is None for q in quotes if hasattr(q, "speaker_person"))
