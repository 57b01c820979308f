"""The quick ways the analysers read a parse give what the plain spaCy ways give.

Linking, quotes and signals read token attributes from arrays, join texts once and count letters
at C speed instead of making a `Token` per word (`detente bench` must stay at 0.6× bare spaCy or
better); each shortcut here is checked against the plain way it replaces, on texts written to
catch the edges (spaces, emoji, accents, Title Case, capitals, long texts parsed in pieces).
"""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.kb import load_kb
from detente.actors.places import SpanTexts
from detente.actors.recase import mostly_capitals, odd_case
from detente.nlp import load_nlp, lowers, parse_texts

TEXTS = [
    "Mr Blair met President Putin in Moscow on Tuesday.",
    '  Two spaces  lead, and\ttabs follow; “curly” and "straight" marks.',
    "Emoji 😀 sit beside 𝔘nicode letters and a zero\u200bwidth space.\n\nA second paragraph.",
    "RIOT POLICE CLASH WITH PROTESTERS IN KARACHI",
    "Élysée says Ærø and Łódź are not in the Gulf of Oman",
    "x",
]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_lowers_are_every_tokens_lower_case_and_kept_with_the_parse(nlp) -> None:
    for text in TEXTS:
        doc = nlp(text)
        assert lowers(doc) == [t.lower_ for t in doc]
        assert lowers(doc) is lowers(doc)  # read once per parse


def test_lowers_of_an_empty_parse_are_empty(nlp) -> None:
    assert lowers(nlp("")) == []


def test_span_texts_are_the_spans_texts_for_every_token_range(nlp) -> None:
    for text in TEXTS:
        doc = nlp(text)
        texts = SpanTexts(doc)
        for start in range(len(doc)):
            for end in range(start + 1, len(doc) + 1):
                assert texts(start, end) == doc[start:end].text
        assert texts(2, 2) == ""


def _mostly_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


CASES = [
    "RUSSIA WARNS UKRAINE OVER GRAIN DEAL",
    "Russia Warns Ukraine Over Grain Deal",
    "russia warns ukraine over grain deal",
    "Russia warns Ukraine over the grain deal",
    "ÉTAT D'URGENCE DÉCLARÉ À PARIS",
    "état d'urgence déclaré à paris",
    "ǅemal ǅabić visits Ⓐ city",  # title-case letters, a circled capital that is no letter
    "日本 首相 訪問 中国",  # letters with no case
    "NATO and the EU: 3 DAYS LEFT!",
    "",
    "1234 5678 !!!",
]


@pytest.mark.parametrize("text", CASES)
def test_capitals_are_counted_as_per_character(text: str) -> None:
    assert mostly_capitals(text) == _mostly_capitals(text)


def test_odd_case_reads_headline_styles_and_not_sentences() -> None:
    assert odd_case("RUSSIA WARNS UKRAINE OVER GRAIN DEAL")
    assert odd_case("Russia Warns Ukraine Over Grain Deal")
    assert odd_case("russia warns ukraine over grain deal")
    assert odd_case("ÉTAT D'URGENCE DÉCLARÉ À PARIS")
    assert odd_case("日本 首相 訪問 中国") is False  # letters with no case are no lower case
    assert not odd_case("Russia warns Ukraine over the grain deal")
    assert not odd_case("ÉTAT d'urgence déclaré à Paris par le gouvernement")


def test_long_texts_parsed_in_pieces_keep_their_text_exactly(nlp) -> None:
    texts = [
        "word " * 400 + ". " + "Another sentence here. " * 300,
        "A line\n" * 900,
        "  leading spaces\n\n and\ttabs  ",
        "no end " * 300,
    ]
    docs = list(parse_texts(nlp, ((t, f"text {i}") for i, t in enumerate(texts)), 8))
    assert [d.text for d in docs] == texts


def test_office_holders_are_the_same_when_asked_again() -> None:
    kb = load_kb()
    title = kb.title_for("prime minister")
    assert title is not None
    first = kb.holders("GBR", title, date(2005, 3, 1))
    again = kb.holders("GBR", title, date(2005, 3, 1))
    assert [p.id for p, _ in first] == [p.id for p, _ in again]
    assert [p.name for p, _ in first] == ["Tony Blair"]
    again.clear()  # a caller's copy: the remembered answer stays
    assert kb.holders("GBR", title, date(2005, 3, 1)) == first
    later = kb.holders("GBR", title, date(2008, 3, 1))
    assert [p.name for p, _ in later] == ["Gordon Brown"]
