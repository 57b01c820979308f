"""What a sentence asserts: the governing act over the act it is about, modality, and headlines
that restate the body (issue 14, kinds 3, 7 and 8). Every sentence here is ours."""

from __future__ import annotations

from datetime import date

import pytest

from detente.events.assertion import load_assertion
from detente.events.coder import code_document, code_text
from detente.model import Event

DAY = date(2024, 6, 19)  # a Wednesday


def told(text: str) -> list[tuple[str, str, str, str]]:
    """(source, code, polarity, modality) of every event coded from a text."""
    return [(e.source, e.cameo, e.polarity, e.modality) for e in code_text(text, DAY)]


def roots(text: str) -> set[str]:
    return {e.root for e in code_text(text, DAY)}


# ---- kind 3: the governing word decides what is asserted ------------------------------------


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Sudan's ceasefire collapsed on Monday.", "08"),
        ("The truce between Israel and Hamas broke down after two days.", "08"),
        ("Talks between Iran and the United States failed again.", "04"),
        ("Serbia's deal with Kosovo fell apart in March.", "05"),
        ("Armenia's peace agreement with Azerbaijan unravelled.", "05"),
        ("Negotiations between Russia and Ukraine stalled.", "04"),
        ("The collapse of the truce between Israel and Hamas alarmed Egypt.", "08"),
        ("Kenya's suspension of aid to Somalia angered the African Union.", "07"),
        ("The breakdown of talks between China and India worried Nepal.", "04"),
    ],
)
def test_an_event_noun_that_collapsed_or_stopped_is_no_event(text: str, gone: str) -> None:
    assert gone not in roots(text)


@pytest.mark.parametrize(
    ("text", "source", "gone"),
    [
        ("China denies sending weapons to Russia.", "CHN", "07"),
        ("India denied attacking Pakistan on Friday.", "IND", "19"),
        ("Russia denied that it had shelled Ukrainian towns.", "RUS", "19"),
        ("Pakistan dismissed claims that it sheltered Taliban leaders.", "PAK", "07"),
        ("Iran rejected reports that it had supplied drones to Russia.", "IRN", "07"),
        ("Japan ruled out sending troops to Ukraine.", "JPN", "06"),
        ("The EU rejected a request to ease sanctions on Iran.", "IGOEUREEC", "08"),
        ("Turkey rejected calls to lift sanctions on Syria.", "TUR", "08"),
        ("The US urged the EU to impose sanctions on Russia.", "USA", "16"),
        ("Egypt denies that it will host talks with Israel.", "EGY", "04"),
    ],
)
def test_what_is_denied_rejected_or_appealed_for_is_no_event_of_its_own(
    text: str, source: str, gone: str
) -> None:
    events = code_text(text, DAY)
    assert gone not in {e.root for e in events}, [(e.cameo, e.trigger) for e in events]
    assert all(e.polarity == "asserted" for e in events)  # the denial itself happened


def test_a_denial_codes_the_denial() -> None:
    assert told("China denies sending weapons to Russia.") == [
        ("CHN", "016", "asserted", "factual")
    ]
    assert ("IND", "016", "asserted", "factual") in told("India denied attacking Pakistan.")


@pytest.mark.parametrize(
    "text",
    [
        "There is deep resentment of Washington's sanctions against Cuba in Havana.",
        "Iran's fear of an Israeli attack grew this week.",
        "Anger over the Russian invasion of Georgia spread in Tbilisi.",
        "Distrust of the peace deal between Israel and Egypt runs deep.",
        "Seoul's concern about North Korea's missile strikes on Japan is growing.",
        "The prospect of a Chinese blockade of Taiwan alarms Tokyo.",
        "Fears of a Russian offensive against Moldova have risen.",
        "Mistrust of China's military aid to Pakistan is widespread in India.",
    ],
)
def test_an_event_noun_that_an_attitude_is_about_is_no_event(text: str) -> None:
    events = code_text(text, DAY)
    assert events == [], [(e.source, e.cameo, e.target, e.trigger) for e in events]


@pytest.mark.parametrize(
    ("text", "source", "code", "target"),
    [
        ("The G7 agreed new sanctions on Russian oil traders.", "IGOGOS", "163", "RUS"),
        ("The EU adopted sanctions against Belarus.", "IGOEUREEC", "163", "BLR"),
        ("France approved an arms embargo on Iran.", "FRA", "163", "IRN"),
        ("Canada unveiled new sanctions against Russia.", "CAN", "163", "RUS"),
        ("Japan and India agreed a trade deal on Monday.", "JPN", "057", "IND"),
    ],
)
def test_a_measure_adopted_is_the_measure(text: str, source: str, code: str, target: str) -> None:
    events = code_text(text, DAY)
    found = {(e.source, e.cameo, e.target, e.polarity, e.modality) for e in events}
    assert (source, code, target, "asserted", "factual") in found
    assert not any(e.root == "03" for e in events)  # no "intent to cooperate" with the target


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Israel and Hamas reached no agreement.", "057"),
        ("Russia did not attack Finland.", "190"),
    ],
)
def test_negation_and_failure_negate_the_event(text: str, code: str) -> None:
    events = [e for e in code_text(text, DAY) if e.cameo == code]
    assert events and all(e.polarity == "negated" for e in events)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Germany did not send tanks to Ukraine.", "1222"),  # a refused act is a rejection
        ("Iran never signed the treaty with Iraq.", "127"),  # (tests/test_event_precision.py)
        ("Russia failed to reach a deal with Ukraine.", "127"),
    ],
)
def test_refusal_is_an_asserted_rejection(text: str, code: str) -> None:
    events = [e for e in code_text(text, DAY) if e.cameo == code]
    assert events and all(e.polarity == "asserted" for e in events)


# ---- kind 7: modality --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("The US plans to impose tariffs on China.", "intent"),
        ("Japan hopes to mesh western aid with its own loans to Ukraine.", "intent"),
        ("Biden is expected to meet Xi next week.", "intent"),
        ("Modi is set to visit Moscow.", "intent"),
        ("Egypt wants to host talks between Israel and Hamas.", "intent"),
        ("Erdogan aims to visit Baghdad in July.", "intent"),
        ("Will China invade Taiwan?", "hypothetical"),
        ("Could Russia attack Finland next?", "hypothetical"),
        ("Russia could attack Finland.", "hypothetical"),
        ("Iran might strike Israel again.", "hypothetical"),
        ("If Iran attacks Israel, the United States would respond.", "hypothetical"),
        ("Unless Serbia withdraws its troops, NATO will strike Serbia.", "hypothetical"),
        ("Should Hamas free the hostages, Israel will halt its offensive.", "hypothetical"),
        ("Kyiv fears that Russia will attack Poland.", "hypothetical"),
        ("Russia is likely to attack Ukraine again.", "hypothetical"),
        ("Putin to visit Pyongyang", "future"),
        ("Xi to meet Biden in San Francisco", "future"),
        ("Germany will send tanks to Ukraine.", "future"),
        ("Russia is going to invade Ukraine.", "future"),
    ],
)
def test_plans_hopes_questions_conditions_and_guesses_are_not_facts(
    text: str, modality: str
) -> None:
    events = code_text(text, DAY)
    assert events, f"no event from {text!r}"
    assert {e.modality for e in events} == {modality}, [(e.cameo, e.trigger) for e in events]


def test_the_facts_beside_them_stay_facts() -> None:
    assert told("Putin visited Pyongyang.") == [("RUSGOV", "042", "asserted", "factual")]
    assert {m for *_, m in told("China condemned Japan on Monday.")} == {"factual"}
    # an offer is a fact whose code says the intent
    assert ("TUR", "039", "asserted", "factual") in told("Turkey offered to mediate.")
    # "claims that ..." is reported
    events = code_text("Ukraine repeated claims that Russia shelled Kharkiv.", DAY)
    assert all(e.modality == "reported" for e in events if e.root == "19")


def test_the_word_classes_are_data() -> None:
    says = load_assertion()
    assert {"hope", "plan", "propose"} <= says.intent_verbs
    assert {"collapse", "break down"} <= says.collapse_verbs
    assert {"resentment", "distrust"} <= says.attitude_nouns
    assert "deny" in says.denial_verbs and "could" in says.hypothetical_aux


# ---- kind 8: a headline that restates the body is one event --------------------------------------


def coded_document(headline: str, body: str) -> list[Event]:
    from detente.actors.link import get_linker
    from detente.parse.units import text_units

    units = text_units(f"{headline}\n{body}")
    return code_document(units, get_linker(()).link(units, DAY), DAY, frozenset({0}))


@pytest.mark.parametrize(
    ("headline", "body", "code"),
    [
        ("Putin visits Pyongyang", "Vladimir Putin visited Pyongyang on Tuesday.", "042"),
        ("China condemns Japan", "China condemned Japan on Monday over the visit.", "111"),
        (
            "Russia to impose sanctions on Moldova",
            "Russia will impose sanctions on Moldova next month, the Kremlin said.",
            "16",
        ),
        ("Iran attacks Israel", "On Saturday Iran attacked Israel with drones.", "190"),
        ("Macron meets Scholz in Berlin", "Emmanuel Macron met Olaf Scholz on Monday.", "040"),
        (
            "Poland summons Russian envoy",
            "Poland summoned the Russian ambassador on Friday.",
            "114",
        ),
        ("India criticises Canada", "India criticised Canada on Thursday over the row.", "111"),
        ("Biden praises Japan", "Joe Biden praised Japan last week for its support.", "051"),
    ],
)
def test_a_headline_restating_the_body_is_one_event_with_the_bodys_date(
    headline: str, body: str, code: str
) -> None:
    events = [e for e in coded_document(headline, body) if e.cameo.startswith(code)]
    assert events
    for event in events:  # one per direction where the act is mutual ("meets")
        assert event.segment == 1, (event.source, event.cameo, event.target)  # the body's date
        assert {ev.text for ev in event.evidence_all} == {headline, body}
    assert len({(e.source, e.target) for e in events}) == len(events)


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("Russia attacks Ukraine", "Russia attacked Georgia on Monday."),
        ("China condemns Japan", "China did not condemn Japan, officials said."),
        ("Iran attacks Israel", "Iran could attack Israel, analysts said."),
    ],
)
def test_a_headline_that_tells_another_event_stays_apart(headline: str, body: str) -> None:
    events = coded_document(headline, body)
    assert {e.segment for e in events} == {0, 1}, [(e.source, e.cameo, e.target) for e in events]
