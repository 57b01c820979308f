"""Kinds from the ninth trial (PLOVER errors): a passive's "by" agent that the parser hung under
a noun of the verb's own phrase is still its agent ("was charged with fraud by prosecutors"); a
legislature's vote against someone is coded ("voted to impeach", "voted to sanction Russia");
one entity told twice (in apposition, or its own country beside a partner) is never both source
and target, while two sectors of one country named apart keep their event. Sentences written for
these tests, each kind with twins that must keep their events."""

from __future__ import annotations

from datetime import date

import pytest

from detente.events.coder import code_text
from detente.model import Event

DAY = date(2024, 5, 1)


def events(text: str) -> list[Event]:
    return code_text(text, DAY)


def triples(text: str) -> set[tuple[str, str, str]]:
    return {(e.source, e.cameo, e.target) for e in events(text)}


# ---- a "by" agent hung under the passive verb's own noun --------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The senator was charged with fraud by Russian prosecutors.", "RUSJUD"),
        ("Navalny was charged with fraud by prosecutors in Moscow.", "RUSJUD"),
        ("Two Iranian diplomats were accused of spying by the Dutch government.", "NLDGOV"),
        ("The opposition leader was charged with treason by the Belarusian authorities.", "BLRGOV"),
        ("Navalny was charged with treason by Russia.", "RUS"),
    ],
)
def test_a_by_agent_under_the_verbs_own_noun_is_the_source(text: str, source: str) -> None:
    assert source in {e.source for e in events(text)}, triples(text)


# ---- a legislature's vote against someone -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Brazilian Congress voted to impeach President Dilma Rousseff.", "112"),
        ("The US Senate voted to sanction Russia over the election meddling.", "163"),
        ("Washington sanctioned three Iranian banks.", "163"),
        ("The Russian parliament voted to censure Ukraine.", "111"),
        ("Pakistan's parliament voted against the United States.", "120"),
    ],
)
def test_a_vote_against_someone_is_coded(text: str, code: str) -> None:
    assert code in {e.cameo for e in events(text)}, triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "The UN Security Council sanctioned the peacekeeping mission to Mali.",
        "The Security Council sanctioned the use of force against Libya.",
    ],
)
def test_sanctioning_a_mission_is_approval_not_sanctions(text: str) -> None:
    assert "163" not in {e.cameo for e in events(text)}, triples(text)


# ---- one entity is never both parties ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi Prime Minister Adel Abdul Mahdi and his Jordanian counterpart, Omar al-Razza, held "
        "meetings on the Iraqi-Jordan border.",
        "The Egyptian president and his Jordanian counterpart, King Abdullah, met in Amman, Jordan.",
        "The Jordanian foreign minister, Ayman Safadi, met his Egyptian counterpart in Jordan.",
    ],
)
def test_one_countrys_actors_told_as_one_party_are_not_a_pair(text: str) -> None:
    found = events(text)
    assert found, "the meeting itself must stay"
    assert all(e.source[:3] != e.target[:3] for e in found if e.target), triples(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian police detained Russian activists.", ("RUSCOP", "173", "RUSOPP")),
        ("The Russian government arrested Russian opposition activists.", ("RUSGOV", "173", "RUSOPP")),
        ("Venezuela's government met the Venezuelan opposition in Oslo.", ("VENGOV", "040", "VENOPP")),
        ("The Egyptian president and his Jordanian counterpart, King Abdullah, met in Amman.",
         ("EGYGOV", "040", "JORGOV")),
    ],
)  # fmt: skip
def test_two_sectors_of_one_country_keep_their_event(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(text)
