"""Kinds from the second trial by a fresh user: a negative subject is no refusal, a refused
negotiation is a rejection, and a headline's coordinated subject keeps its actors. Sentences
written for these tests, each with a twin that must come out the other way."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.link import get_linker
from detente.events.coder import code_document, code_text
from detente.model import Event
from detente.parse.units import text_units

DAY = date(2024, 5, 1)


def events(text: str) -> list[Event]:
    return code_text(text, DAY)


def headline_events(text: str) -> list[Event]:
    linker = get_linker()
    units = [linker.recased(u) for u in text_units(text)]
    return code_document(units, linker.link(units, DAY), DAY, headlines=frozenset({0}))


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Neither Iran nor Iraq released the prisoners from Kuwait.", "IRN"),
        ("Neither France nor Italy lifted sanctions against Iran.", "ITA"),
        ("Neither Egypt nor Jordan will lift sanctions on Syria.", "EGY"),
    ],
)
def test_a_negative_subject_negates_the_act_and_refuses_nothing(text: str, source: str) -> None:
    own = [e for e in events(text) if e.source == source]
    assert own, "the act should be coded, negated"
    assert all(e.root != "12" and e.polarity == "negated" for e in own)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Iran and Iraq would not release the Kuwaiti prisoners.", "IRN"),
        ("Italy will not lift sanctions against Iran.", "ITA"),
        ("Saudi Arabia refused to send aid to Yemen.", "SAU"),
    ],
)
def test_an_actors_own_negation_is_still_a_refusal(text: str, source: str) -> None:
    own = [e for e in events(text) if e.source == source]
    assert any(e.root == "12" and e.polarity == "asserted" for e in own)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Peru will never negotiate with the Shining Path rebels.", "PER", "PERREBSPT"),
        ("Brazil will never meet Argentina.", "BRA", "ARG"),
    ],
)
def test_never_negotiating_rejects_the_meeting(text: str, source: str, target: str) -> None:
    coded = {(e.source, e.cameo, e.target) for e in events(text) if e.polarity == "asserted"}
    assert (source, "125", target) in coded
    twin = {(e.source, e.cameo) for e in events(text.replace(" never", ""))}
    assert not any(code.startswith("12") for _, code in twin)
    assert (source, "125") not in twin


@pytest.mark.parametrize(
    ("headline", "sources", "target"),
    [
        ("France And Germany Strike ISIS Positions In Syria", {"FRA", "DEU"}, "IMGSEPISI"),
        ("Israel And US Strike Iranian Targets In Syria", {"ISR", "USA"}, "IRN"),
        ("Russia Strikes Targets In Ukraine", {"RUS"}, "UKR"),
    ],
)
def test_a_headline_verb_tagged_as_a_noun_keeps_its_subjects(
    headline: str, sources: set[str], target: str
) -> None:
    coded = [e for e in headline_events(headline) if e.root in ("18", "19")]
    assert {e.source for e in coded} == sources
    assert all(e.target == target for e in coded)


@pytest.mark.parametrize(
    "headline", ["Egypt Condemns Strike On Yemen Port", "Egypt Condemns US Strike In Yemen"]
)
def test_an_event_noun_takes_no_subject_of_the_verb_it_hangs_from(headline: str) -> None:
    """The twin: "Strike" as a real noun, the object of another verb, is not the subject's act."""
    coded = headline_events(headline)
    assert any(e.source == "EGY" and e.root == "11" for e in coded)
    assert not any(e.source == "EGY" and e.root in ("18", "19") for e in coded)
