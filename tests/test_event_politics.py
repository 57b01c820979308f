"""Domestic politics on real news: attacks between unarmed actors of one country are words,
passives of belief and report keep what they raise apart, summoning is no telephone call, and
ceding needs something ceded."""

from datetime import date

import pytest

from detente.events.coder import code_text

DAY = date(2005, 3, 1)


def _events(text: str, day: date = DAY) -> list[tuple[str, str, str, str]]:
    return [(e.source, e.cameo, e.target, e.modality) for e in code_text(text, day)]


@pytest.mark.parametrize(
    "text",
    [
        "Labour attacked the Conservatives over their immigration plans.",
        "The Liberal Democrats attacked Labour on tuition fees.",
        "Republican senators attacked the plan on Tuesday.",
        "The opposition party hit out at the government over rising prices.",
    ],
)
def test_attacks_in_domestic_politics_are_words(text: str) -> None:
    codes = {e[1] for e in _events(text)}
    assert not any(c.startswith(("18", "19", "20")) for c in codes), codes


@pytest.mark.parametrize(
    "text",
    [
        "The Nigerian army attacked Boko Haram positions near Maiduguri.",
        "Russia attacked Ukraine with drones overnight.",
        "Hamas attacked Israeli towns near the border.",
    ],
)
def test_attacks_by_forces_stay_force(text: str) -> None:
    assert any(e[1].startswith(("18", "19")) for e in _events(text, date(2024, 3, 1)))


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Many EU ministers are thought to support the plan.", "hypothetical"),
        ("Germany is believed to oppose the sanctions on China.", "hypothetical"),
        ("Iran is said to have supplied drones to Russia.", "reported"),
        ("North Korea is reported to have sent troops to Russia.", "reported"),
    ],
)
def test_raising_passives_keep_the_act_apart(text: str, modality: str) -> None:
    events = _events(text, date(2024, 3, 1))
    assert events and all(e[3] == modality for e in events), events


def test_the_plain_twin_is_factual() -> None:
    events = _events("Iran supplied drones to Russia.", date(2024, 3, 1))
    assert events and events[0][3] == "factual"


@pytest.mark.parametrize(
    "text",
    [
        "The police were called but the attacker had fled.",
        "An ambulance was called to the scene in Kabul.",
        "The French ambassador was called a liar by the Turkish minister.",
    ],
)
def test_summoning_is_no_telephone_call(text: str) -> None:
    assert "041" not in {e[1] for e in _events(text)}


def test_ceding_needs_something_ceded() -> None:
    events = _events("Obama warned about ceding the White House to Trump.", date(2016, 9, 1))
    assert not any(e[1].startswith("08") for e in events)
    assert any(
        e[1] == "0842" for e in _events("Armenia ceded territory to Azerbaijan.", date(2021, 1, 1))
    )


@pytest.mark.parametrize(
    "text",
    [
        "Europe's borders were being defended by some of its weakest countries.",
        "Greece defended its borders against the migrants.",
        "Ukrainian troops defended the city for three months.",
        "Israel said it would defend its airspace.",
    ],
)
def test_defending_places_is_no_statement(text: str) -> None:
    assert "052" not in {e[1] for e in _events(text, date(2024, 3, 1))}


@pytest.mark.parametrize(
    "text",
    [
        "Putin defended the sale of the oil company to Rosneft.",
        "France defended Germany's decision to close the border.",
    ],
)
def test_defending_a_decision_is_a_statement(text: str) -> None:
    assert "052" in {e[1] for e in _events(text, date(2024, 3, 1))}
