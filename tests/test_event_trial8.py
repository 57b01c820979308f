"""Kinds from the eighth trial (BBC politics articles and PLOVER errors): a stance noun told as
a clause's subject or as what there is is no act ("Labour's core support takes stock", "there is
broad agreement"); the actor inside a subject that names its opponents is not the one acting
("critics of Blair seemed to agree"); a passive's subject is what was done and its "to" actor the
recipient ("weapons were sent to Ukraine by Germany", "peacekeepers were deployed"); attacks on
procedures and inquiries are words, and words or documents are no agents of force ("tweets
targeting French lawmakers"). Sentences written for these tests, each kind with twins that must
keep their events."""

from __future__ import annotations

from datetime import date

import pytest

from detente.events.coder import code_text
from detente.model import Event

DAY = date(2024, 5, 1)


def events(text: str) -> list[Event]:
    return code_text(text, DAY)


def coded(text: str) -> list[tuple[str, str, str, str, str]]:
    return [(e.source, e.cameo, e.target, e.polarity, e.modality) for e in events(text)]


def triples(text: str) -> set[tuple[str, str, str]]:
    return {(e.source, e.cameo, e.target) for e in events(text)}


# ---- stance nouns: a state of opinion, not an act --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Labour's core support takes stock after the election defeat.",
        "Britain's support for the Iraq war cost Blair votes.",
        "Russia's backing for Assad has become a burden for the Kremlin.",
        "German support for the French plan is fading.",
        "Washington's support for Kyiv angered Moscow.",
        "There is broad agreement in Britain that the reforms went too far.",
        "There was wide support among EU states for sanctions on Iran.",
        "Public support in Britain for the war in Iraq has collapsed.",
        "The Conservatives' support among young voters has grown.",
    ],
)
def test_a_stance_told_as_subject_or_as_what_there_is_is_no_act(text: str) -> None:
    found = {e.cameo[:2] for e in events(text)}
    assert not found & {"03", "05"}, coded(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia expressed support for China's position on Taiwan.", ("RUS", "051", "CHN")),
        ("Germany voiced support for the French plan.", ("DEU", "051", "FRA")),
        ("Britain and France reached agreement on fishing rights.", ("GBR", "057", "FRA")),
        ("Turkey condemned Russia's support for Assad.", ("TUR", "111", "RUS")),
    ],
)
def test_a_stance_declared_or_condemned_twin(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text), coded(text)


# ---- subjects that name their opponents ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "opposed"),
    [
        ("Critics of Blair seemed to agree on one thing: the war was a mistake.", "GBR"),
        ("Putin's opponents marched through Moscow on Saturday.", "RUSGOV"),
        ("Opponents of Erdogan attacked the plan in parliament.", "TURGOV"),
        ("Rivals of Macron agreed to meet on Friday.", "FRAGOV"),
        ("Critics of the Kremlin accused Russia of meddling in the election.", "RUSGOV"),
    ],
)
def test_the_actor_a_subject_opposes_is_not_its_source(text: str, opposed: str) -> None:
    assert not any(e.source.startswith(opposed) for e in events(text)), coded(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Blair agreed to meet Chirac in Paris.", ("GBRELI", "036", "FRAELI")),
        ("Russian troops attacked Ukrainian positions near Bakhmut.", ("RUSMIL", "190", "UKR")),
    ],
)
def test_subjects_that_are_the_actor_twin(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text), coded(text)


# ---- passives: the subject is what was done, "to" the recipient ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Weapons were sent to Ukraine by Germany.", ("DEU", "072", "UKR")),
        ("Two tanks were sent to Ukraine by Poland.", ("POL", "072", "UKR")),
        ("Ukraine was sent weapons by Germany.", ("DEU", "072", "UKR")),
    ],
)
def test_a_passive_is_refined_by_its_subject_and_given_to_its_to_actor(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(text), coded(text)


def test_peacekeepers_deployed_are_peacekeeping_not_a_mobilisation() -> None:
    text = "Peacekeepers were deployed by the UN in Lebanon."
    assert "074" in {e.cameo for e in events(text)}, coded(text)
    for text in (
        "The Ecowas peacekeepers are being deployed to relieve the Angolan military personnel.",
        "About 2,000 Russian soldiers were deployed as peacekeeping forces in Armenia.",
    ):
        assert "154" not in {e.cameo for e in events(text)}, coded(text)


# ---- attacks in words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Chinese ambassador posted tweets targeting French lawmakers.",
        "The White House attack on the impeachment proceedings drew criticism from Democrats.",
        "Russia attacked the peace process in Syria.",
        "Trump attacked the impeachment inquiry as a witch hunt.",
    ],
)
def test_attacks_on_procedures_and_by_words_are_no_force(text: str) -> None:
    assert not any(e.cameo[:2] == "19" for e in events(text)), coded(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israel attacked Hamas targets in Gaza.", ("ISR", "190", "PSEREBHMS")),
        ("Israeli jets targeting Hezbollah struck southern Lebanon.", ("ISRMIL", "190", "LBN")),
        ("Labour attacked the investigation into Blair.", ("GBROPPLAB", "111", "GBRELI")),
    ],
)
def test_attacks_by_forces_and_criticism_twin(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text), coded(text)


# ---- "said it would": what the speaker is to do, not a guess ----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ethiopia said it would allow the World Food Program to deliver food.", "0355"),
        ("The Afghan government said on Wednesday it would free 1,500 Taliban prisoners.", "0353"),
        ("The EU announced it would hold talks with Abbas next month.", "036"),
    ],
)
def test_said_it_would_is_the_speakers_intent(text: str, expected: str) -> None:
    found = [e for e in events(text) if e.cameo == expected]
    assert found and found[0].modality == "future", coded(text)


@pytest.mark.parametrize(
    "text",
    [
        "Analysts said Russia would attack Ukraine.",
        "Russia said it would withdraw its troops from Syria if the rebels disarmed.",
        "Russia could attack Ukraine next year.",
        "If Iran attacks, Israel would respond.",
    ],
)
def test_what_others_would_do_or_would_do_if_stays_hypothetical(text: str) -> None:
    found = events(text)
    assert found and all(e.modality == "hypothetical" for e in found), coded(text)


# ---- returning as travel: nothing given back ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The British ambassador returned to London on Friday.",
        "Thousands of Syrian refugees returned home from Turkey.",
        "Holbrooke ended his mediation efforts but announced he would return soon.",
    ],
)
def test_returning_somewhere_gives_nothing_back(text: str) -> None:
    assert not any(e.cameo.startswith("084") for e in events(text)), coded(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran returned the seized tanker to Britain.", ("IRN", "084", "GBR")),
        ("The United States returned a stolen painting to Italy.", ("USA", "084", "ITA")),
        ("Russia returned 20 prisoners to Ukraine.", ("RUS", "0841", "UKR")),
    ],
)
def test_returning_things_and_persons_twin(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text), coded(text)
