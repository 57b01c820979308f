"""Demands told with a that-clause: "insisted that China respect ..." is a demand whose content is
not asserted; "insisted that its programme was peaceful" is a statement, no event; "must" tells
what someone holds necessary, not what happened."""

from datetime import date

import pytest

from detente.events.coder import code_text

DAY = date(2024, 3, 1)


def _events(text: str) -> list[tuple[str, str, str, str]]:
    return [(e.source, e.cameo, e.target, e.modality) for e in code_text(text, DAY)]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Taiwan insisted that China respect the status quo.", "TWN", "CHN"),
        ("Washington insisted that Tehran release the detained sailors.", "USA", "IRN"),
        ("Poland insists that Germany pay reparations for the war.", "POL", "DEU"),
        ("Seoul insisted on an apology from Tokyo.", "KOR", "JPN"),
    ],
)
def test_insisting_on_an_act_is_a_demand(text: str, source: str, target: str) -> None:
    demands = [e for e in _events(text) if e[1].startswith("10")]
    assert demands and demands[0][0] == source and demands[0][2] == target


@pytest.mark.parametrize(
    "text",
    [
        "Iran insisted that its nuclear programme was peaceful.",
        "Britain insisted that France had broken the agreement.",
        "The Kremlin insists that the sanctions hurt Europe more than Russia.",
        "Israel insisted it had not targeted the convoy.",
        "China has insisted that the balloon was a civilian airship.",
    ],
)
def test_insisting_on_a_fact_is_no_demand(text: str) -> None:
    assert not any(e[1].startswith("10") for e in _events(text))


@pytest.mark.parametrize(
    "text",
    [
        "Russia insisted that Ukraine withdraw its troops from the region.",
        "Russia said that Ukraine must withdraw its troops from the region.",
        "The EU said Israel ought to halt the strikes on Gaza.",
        "Paris demanded that Moscow release the French researcher.",
    ],
)
def test_demanded_content_is_not_asserted(text: str) -> None:
    """The act demanded is hypothetical, never a factual or reported event."""
    for _, cameo, _, modality in _events(text):
        if not cameo.startswith("10"):
            assert modality == "hypothetical", (cameo, modality)


def test_reported_fact_twin_stays_reported() -> None:
    events = _events("China said Japan withdrew its ships from the disputed islands.")
    assert any(e[3] == "reported" for e in events)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Russia says Israel must end attacks on Syria.", "RUS", "ISR"),
        ("The EU said Israel ought to halt the strikes on Gaza.", "IGO", "ISR"),
        ("Japan told China that it must stop the incursions near the islands.", "JPN", "CHN"),
        ("Turkey argued that Sweden must expel the militants before it joins NATO.", "TUR", "SWE"),
    ],
)
def test_saying_another_must_act_is_a_demand(text: str, source: str, target: str) -> None:
    demands = [e for e in _events(text) if e[1].startswith("10")]
    assert demands and demands[0][0].startswith(source) and demands[0][2].startswith(target)


@pytest.mark.parametrize(
    "text",
    [
        "Germany said it must increase defence spending.",
        "Biden said the United States must stand with its allies.",
        "France said that the talks must continue.",
        "Officials said the ships must have been hit by mines.",
    ],
)
def test_what_one_must_do_oneself_is_no_demand(text: str) -> None:
    assert not any(e[1].startswith("10") for e in _events(text))
