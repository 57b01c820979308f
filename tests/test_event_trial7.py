"""Kinds from the seventh trial (PLOVER errors and real articles): verbs and nouns in senses that
are no political event ("considers Iran a threat" is a judgement, "demonstrates the commitment"
shows, "released a statement" frees no one, "a travel warning" threatens no one, "an election
rally" is no protest, "accepted the endorsement" agrees to nothing, "fighting the causes of
migration" is no force), and a named place seized is an occupation, not a seizure of goods.
Sentences written for these tests, each kind with twins that must keep their events."""

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


def codes(text: str) -> set[str]:
    return {e.cameo for e in events(text)}


# ---- consider: a judgement is no option weighed ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Washington considers Iran a threat.",
        "Germany considers China a rival.",
        "Britain considers Russia the most acute threat to its security.",
        "France considers Hezbollah a terrorist organisation.",
        "Le Pen is considered the favourite to win.",
        "Macron is considered the front-runner in the race.",
    ],
)
def test_considering_someone_something_is_no_consideration(text: str) -> None:
    assert "014" not in codes(text), coded(text)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Russia is considering new sanctions against Ukraine.", "RUS", "UKR"),
        ("The EU will consider Ukraine's application.", "IGOEUREEC", "UKR"),
        ("Japan will consider lifting its sanctions on Iran.", "JPN", "IRN"),
        ("Germany is considering sending tanks to Ukraine.", "DEU", "UKR"),
    ],
)
def test_considering_an_option_twin(text: str, source: str, target: str) -> None:
    assert (source, "014", target) in {(e.source, e.cameo, e.target) for e in events(text)}, coded(
        text
    )


# ---- demonstrate: to show something is no protest -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The new figures demonstrate the strength of China's economy.",
        "The aid demonstrates the US commitment to Zimbabwe.",
        "Cuba's refusal demonstrates that it is not cooperating with Colombia.",
    ],
)
def test_demonstrating_something_is_no_protest(text: str) -> None:
    assert "141" not in codes(text), coded(text)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Thousands of Serbs demonstrated in Belgrade against President Vucic.", "SRBGOV"),
        ("Farmers demonstrated outside the French parliament.", ""),
    ],
)
def test_demonstrators_protest_twin(text: str, target: str) -> None:
    assert any(e.cameo == "141" and e.target == target for e in events(text)), coded(text)


# ---- release: a text released frees no one ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. and the European Union released a joint statement.",
        "Pakistan and India released a joint communique.",
        "The White House released a statement on Iran.",
    ],
)
def test_releasing_a_text_is_no_release(text: str) -> None:
    assert not any(e.root == "08" for e in events(text)), coded(text)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Hamas released two Israeli hostages.", "PSEREBHMS", "ISR"),
        ("The Taliban released three Pakistani soldiers.", "AFGTAL", "PAKMIL"),
        ("Russia released the American journalist.", "RUS", "USAMED"),
    ],
)
def test_releasing_captives_twin(text: str, source: str, target: str) -> None:
    assert (source, "0841", target) in {(e.source, e.cameo, e.target) for e in events(text)}, coded(
        text
    )


# ---- nouns: advisories and campaign rallies ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The US issued a travel warning for Sri Lanka.",
        "The Foreign Office issued a travel warning for Egypt.",
    ],
)
def test_an_advisory_is_no_threat(text: str) -> None:
    assert not any(e.root == "13" for e in events(text)), coded(text)


def test_a_warning_to_someone_is_a_threat_twin() -> None:
    assert ("IRN", "130", "ISR") in {(e.source, e.cameo, e.target) for e in events(
        "Iran issued a warning to Israel.")}, coded("Iran issued a warning to Israel.")  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Bombers struck near an election rally by President Ashraf Ghani.",
        "Police guarded an election rally by Prime Minister Modi.",
        "A campaign rally by Trump drew thousands in Ohio.",
    ],
)
def test_a_campaign_rally_is_no_protest(text: str) -> None:
    assert "141" not in codes(text), coded(text)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Opposition supporters held a rally against the government of Serbia.", "SRBOPP",
         "SRBGOV"),
        ("Thousands of Kenyans held a rally against President Ruto.", "KEN", "KENGOV"),
    ],
)  # fmt: skip
def test_a_rally_against_someone_is_a_protest_twin(text: str, source: str, target: str) -> None:
    assert (source, "141", target) in {(e.source, e.cameo, e.target) for e in events(text)}, coded(
        text
    )


# ---- accept: an endorsement or a nomination received agrees to nothing ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Biden accepted an endorsement from the union.",
        "The Biden campaign accepted the endorsement of the teachers' union.",
        "Zelensky accepted the nomination from the party.",
    ],
)
def test_accepting_an_endorsement_is_no_agreement(text: str) -> None:
    assert not any(e.root == "03" for e in events(text)), coded(text)


@pytest.mark.parametrize(
    ("text", "source", "cameo", "target"),
    [
        ("Hamas accepted the Egyptian proposal.", "PSEREBHMS", "030", "EGY"),
        ("Iran accepted the invitation from Russia.", "IRN", "036", "RUS"),
        ("Armenia accepted Russia's mediation.", "ARM", "038", "RUS"),
    ],
)
def test_accepting_an_offer_twin(text: str, source: str, cameo: str, target: str) -> None:
    assert (source, cameo, target) in {(e.source, e.cameo, e.target) for e in events(text)}, coded(
        text
    )


# ---- fight: the causes of an ill are no enemy ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Germany spent billions fighting the root causes of migration.",
        "Germany is fighting the causes of migration in Africa.",
    ],
)
def test_fighting_causes_is_no_force(text: str) -> None:
    assert not any(e.root == "19" for e in events(text)), coded(text)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Nigeria is fighting Boko Haram in the northeast.", "NGA", "NGAREBBKH"),
        ("Ukrainian forces are fighting Russian troops near Bakhmut.", "UKRMIL", "RUSMIL"),
    ],
)
def test_fighting_an_armed_actor_twin(text: str, source: str, target: str) -> None:
    assert (source, "190", target) in {(e.source, e.cameo, e.target) for e in events(text)}, coded(
        text
    )


# ---- seize: a place taken is an occupation ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Russia seized Crimea from Ukraine in 2014.", "RUS", "UKR"),
        ("Russia seized Mariupol from Ukraine in May.", "RUS", "UKR"),
        ("Russian forces seized a Ukrainian airport.", "RUSMIL", "UKR"),
        ("Taliban fighters seized the provincial capital from the Afghan army.", "AFGTAL",
         "AFGMIL"),
    ],
)  # fmt: skip
def test_seizing_a_place_is_occupation(text: str, source: str, target: str) -> None:
    found = {(e.source, e.cameo, e.target) for e in events(text)}
    assert (source, "192", target) in found, coded(text)
    assert not any(e.cameo.startswith("171") for e in events(text)), coded(text)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Iran seized a British tanker in the Gulf.", "IRN", "GBR"),
        ("Iran seized a British oil tanker.", "IRN", "GBR"),
        ("Russia seized the assets of British companies.", "RUS", "GBRBUS"),
    ],
)
def test_seizing_goods_is_confiscation_twin(text: str, source: str, target: str) -> None:
    assert (source, "1711", target) in {(e.source, e.cameo, e.target) for e in events(text)}, coded(
        text
    )


# ---- order: a ruling on one's own cases is no demand on an actor -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A Chinese court ordered the retrial of a Canadian man.",
        "The Pakistani government ordered a recount in Lahore.",
        "Kenya ordered the evacuation of its embassy in Sudan.",
        "A French judge ordered an autopsy of the Russian dissident.",
    ],
)
def test_ordering_a_procedure_is_no_demand(text: str) -> None:
    assert not any(e.root == "10" for e in events(text)), coded(text)


@pytest.mark.parametrize(
    ("text", "source", "cameo", "target"),
    [
        ("Russia ordered the US ambassador to leave the country.", "RUS", "106", "USAGOV"),
        ("The UN Security Council ordered Israel to halt its offensive.", "IGOUNOSEC", "100",
         "ISR"),
        ("Iran ordered the release of the British sailors.", "IRN", "0841", "GBRMIL"),
    ],
)  # fmt: skip
def test_orders_to_others_twin(text: str, source: str, cameo: str, target: str) -> None:
    assert (source, cameo, target) in {(e.source, e.cameo, e.target) for e in events(text)}, coded(
        text
    )


# ---- target: a party targeting a rival campaigns, it uses no force ---------------------------


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Labour is targeting the Tory leader in his own seat.", "GBROPPLAB", "GBRGOVCON"),
        ("The Liberal Democrats are targeting the Conservative leader.", "GBROPPLDM", "GBRGOVCON"),
    ],
)
def test_a_party_targeting_a_rival_is_words(text: str, source: str, target: str) -> None:
    found = events(text)
    assert not any(e.root == "19" for e in found), coded(text)
    assert (source, "111", target) in {(e.source, e.cameo, e.target) for e in found}, coded(text)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Israel targeted Hamas commanders in Gaza.", "ISR", "PSEREBHMS"),
        ("Netanyahu targeted Hamas leaders.", "ISRGOV", "PSEREBHMS"),
        ("Russian missiles targeted Kyiv.", "RUSMIL", "UKR"),
        ("US forces targeted Iranian-backed militias in Iraq.", "USAMIL", "IRQREB"),
    ],
)
def test_forces_targeting_keep_force_twin(text: str, source: str, target: str) -> None:
    assert (source, "190", target) in {(e.source, e.cameo, e.target) for e in events(text)}, coded(
        text
    )
