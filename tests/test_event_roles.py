"""Round 3 of the event work: negation by subjects and intent nouns, the actors of conditions,
the target of an event noun, and orders to one's own forces (our own sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from detente.events.coder import code_text
from detente.model import Event

DAY = date(2024, 6, 19)


def events(text: str) -> list[Event]:
    return code_text(text, DAY)


def by_trigger(text: str, trigger: str) -> list[Event]:
    return [e for e in events(text) if e.trigger == trigger]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Neither Russia nor China condemned the coup in Niger.", "condemned"),
        ("Neither Brazil nor India criticised the referendum in Crimea.", "criticised"),
        ("None of the EU members sent troops to Mali.", "sent"),
        ("France stopped short of condemning Israel.", "condemning"),
        ("Britain refrained from criticising China.", "criticising"),
        ("The EU has yet to impose sanctions on Belarus.", "sanctions"),
        ("Germany had no plans to send troops to Ukraine.", "send"),
        ("Iran has no intention of lifting sanctions on Britain.", "lifting"),
    ],
)
def test_negating_subjects_and_phrases(text: str, trigger: str) -> None:
    found = by_trigger(text, trigger)
    assert found, text
    for e in found:
        assert e.source, text  # the subject that denies it is still the source
        assert e.polarity == "negated" or e.cameo.startswith("12"), text


@pytest.mark.parametrize(
    "text",
    [
        "Both Russia and China condemned the coup in Niger.",
        "Germany and Italy sent aid to Mali.",
        "France condemned Israel.",
        "Germany announced plans to send troops to Ukraine.",
    ],
)
def test_twins_stay_asserted(text: str) -> None:
    found = events(text)
    assert found and all(e.polarity == "asserted" for e in found), text


def test_negated_intent_nouns_are_intents() -> None:
    for text in ("Iran has no intention of lifting sanctions on Britain.",
                 "Germany had no plans to send troops to Ukraine."):  # fmt: skip
        assert {e.modality for e in events(text)} == {"intent"}, text


@pytest.mark.parametrize(
    ("text", "condition", "main"),
    [
        (
            "If Pakistan attacks India, the United States will impose sanctions on Islamabad.",
            ("PAK", "190", "IND"),
            ("USA", "163", "PAK"),
        ),
        (
            "If Iran attacks Israel, the United States will impose sanctions on Tehran.",
            ("IRN", "190", "ISR"),
            ("USA", "163", "IRN"),
        ),
    ],
)
def test_condition_keeps_its_own_actors(
    text: str, condition: tuple[str, str, str], main: tuple[str, str, str]
) -> None:
    found = {(e.source, e.cameo[:3], e.target) for e in events(text)}
    assert condition in found and main in found, found
    assert not any(e.source == condition[2] and e.target == condition[0] for e in events(text))


def test_after_clause_actors_stay_in_their_clause() -> None:
    found = events("After Russia invaded Ukraine, Finland applied to join NATO.")
    assert ("RUS", "UKR") in {(e.source, e.target) for e in found}
    assert not any(e.source == "UKR" or (e.source == "FIN" and e.target == "RUS") for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "France, Germany and Italy condemned Russia's annexation of Crimea.",
        "Poland denounced Moscow's seizure of the port.",
    ],
)
def test_nominal_event_does_not_target_the_critic(text: str) -> None:
    critics = {e.source for e in events(text) if not e.background}
    assert critics
    for e in events(text):
        if e.background:
            assert e.target not in critics, text


@pytest.mark.parametrize(
    ("text", "source", "root", "target"),
    [
        ("Ankara ordered its troops to withdraw from Syria.", "TUR", "08", "SYR"),
        ("The president of Russia ordered the army to attack Ukraine.", "RUS", "19", "UKR"),
        ("Israel ordered its forces to attack targets in Lebanon.", "ISR", "19", "LBN"),
    ],
)
def test_order_to_own_forces_is_the_act(text: str, source: str, root: str, target: str) -> None:
    found = events(text)
    assert (source, root, target) in {(e.source, e.cameo[:2], e.target) for e in found}, text
    assert not any(e.cameo.startswith("10") for e in found), text


@pytest.mark.parametrize(
    "text",
    [
        "Washington ordered Iran to release the tanker.",
        "Erdogan ordered Syrian troops to withdraw from Afrin.",
        "Paris ordered Niger to free the president.",
    ],
)
def test_order_to_another_actor_stays_a_demand(text: str) -> None:
    assert any(e.trigger == "ordered" for e in events(text)), text  # the demand is coded
