"""A crowd's force is a riot (CAMEO 145), not military force (root 19): rioters, protesters,
looters, mobs and mourners attacking, clashing or storming (a fresh user's trial on ECB+ riot
reports found "Greek rioters attacked a ministry" coded as the Greek state's military force).
Forces, rebels and states keep their force codes. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from detente.events.coder import code_text

DAY = date(2024, 5, 1)


def coded(text: str) -> set[tuple[str, str]]:
    return {(e.source, e.cameo) for e in code_text(text, DAY)}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Greek rioters attacked an environment ministry building in Athens.", "GRCCVL"),
        ("Protesters in Nairobi clashed with Kenyan police.", "KENCVL"),
        ("Kenyan protesters attacked police with rocks.", "KENCVL"),
        ("Chilean demonstrators fought with riot police in Santiago.", "CHLCVL"),
        ("A mob in Dhaka attacked a police station.", "BGDCVL"),
        ("French protesters clashed with police in Paris on Saturday.", "FRACVL"),
    ],
)
def test_a_crowds_force_is_a_riot(text: str, source: str) -> None:
    found = coded(text)
    assert (source, "145") in found, found
    assert not any(code.startswith("19") for _, code in found), found


@pytest.mark.parametrize(
    ("text", "source", "root"),
    [
        ("Israeli troops attacked Hamas positions in Gaza.", "ISRMIL", "19"),
        ("Russia attacked Ukraine.", "RUS", "19"),
        ("Syrian rebels attacked an army base near Idlib.", "SYRREB", "19"),
        ("Kenyan police clashed with protesters in Nairobi.", "KENCOP", "19"),
    ],
)
def test_forces_and_states_keep_their_force(text: str, source: str, root: str) -> None:
    assert any(s == source and code.startswith(root) for s, code in coded(text)), coded(text)
