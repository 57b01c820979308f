"""Kinds from the eleventh trial (a fresh user's by-eye reading of real articles): a warning
whose that-clause forecasts what befalls the warner's own side is no threat ("leaders warn that
the bloc could fall apart"), while warnings of what the warner will do or the warned party will
suffer stay threats; the source's own side named inside the object of a commitment ("pledged
U.S. support", "promised German aid") is the giver, not a target: the target is the "to"/"for"
beneficiary, else none. Sentences written for these tests, each kind with twins."""

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


# ---- 1. warnings of a bad outcome are forecasts, not threats ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "E.U. leaders warn that the bloc could rapidly fall apart.",
        "Merkel warned that Germany's economy could collapse.",
        "Macron warned that the European Union might disintegrate.",
        "Italian ministers warned that Italy would struggle to pay its debts.",
        "Britain's chancellor warned that Britain could slide into recession.",
        "Brussels warned that the EU would fail without reform.",
        "Spanish officials warned that Spain's government may fall.",
    ],
)
def test_a_forecast_of_the_warners_own_side_is_no_threat(text: str) -> None:
    assert not any(e.cameo.startswith("13") for e in events(text)), coded(text)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The United States warned Iran it would face consequences.", "USA", "IRN"),
        ("Russia warned Ukraine that it would retaliate.", "RUS", "UKR"),
        ("Russia warned Ukraine that it would suffer.", "RUS", "UKR"),
        ("Putin warned that Russia would retaliate against NATO.", "RUS", "IGOWSTNAT"),
    ],
)
def test_warnings_of_an_act_or_of_the_warned_partys_loss_stay_threats(
    text: str, source: str, target: str
) -> None:
    found = [(e.source[:3], e.target) for e in events(text) if e.cameo.startswith("13")]
    assert (source[:3], target) in found, coded(text)


def test_a_threat_to_impose_tariffs_stays_a_threat() -> None:
    text = "Trump threatened to impose tariffs on China."
    assert any(e.cameo.startswith("13") and e.target == "CHN" for e in events(text)), coded(text)


# ---- 2. the promiser's own side inside the object is no target --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Obama pledged U.S. support.",
        "Sunak pledged British military aid.",
        "Clinton will hold firm to U.S. defense commitments.",
        "Scholz promised more German help.",
        "Macron offered French assistance.",
        "Biden renewed Washington's pledge of aid.",
    ],
)
def test_the_givers_own_side_in_the_object_is_no_target(text: str) -> None:
    found = events(text)
    assert all(not e.target or e.target[:3] != e.source[:3] for e in found), coded(text)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Obama pledged continued U.S. support for Israel.", "ISR"),
        ("Merkel promised German aid to Greece.", "GRC"),
        ("Macron promised French help for Lebanon.", "LBN"),
        ("Biden reaffirmed America's commitment to NATO.", "IGOWSTNAT"),
        ("Obama pledged support for Israel.", "ISR"),
    ],
)
def test_the_beneficiary_is_the_target_of_a_commitment(text: str, target: str) -> None:
    found = [e for e in events(text) if e.cameo[:2] in ("03", "05", "06", "07")]
    assert found and all(e.target == target for e in found), coded(text)


def test_another_countrys_efforts_stay_the_target() -> None:
    text = "Trump praised Chinese efforts."
    assert any(e.cameo.startswith("05") and e.target == "CHN" for e in events(text)), coded(text)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Merkel defended Germany's decision to close the border.", "DEU"),
        ("Sunak defended Britain's Rwanda policy.", "GBR"),
    ],
)
def test_defending_ones_own_countrys_decision_names_that_country(text: str, target: str) -> None:
    assert any(e.cameo.startswith("05") and e.target == target for e in events(text)), coded(text)


def test_a_possessive_pronoun_leaves_the_object_rules_alone() -> None:
    text = "The Nigerian Air Force reiterated its commitment to support the Nigeria Police."
    found = [e for e in events(text) if e.cameo[:2] in ("03", "05")]
    assert any(e.target for e in found), coded(text)


# ---- 3. defending oneself is force or capability, not a verbal defence ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Europe must be able to defend itself.",
        "Ukraine has the right to defend itself against Russia.",
        "The Kurds defended themselves against Islamic State.",
        "Israel said it would defend itself.",
        "Taiwan will defend itself.",
        "The rebels defended themselves with rifles.",
    ],
)
def test_defending_oneself_is_no_verbal_defence(text: str) -> None:
    assert not any(e.cameo.startswith("052") for e in events(text)), coded(text)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Germany defended Ukraine's right to join NATO.", "UKR"),
        ("Macron defended Merkel against her critics.", "DEU"),
        ("Russia defended Iran at the United Nations.", "IRN"),
    ],
)
def test_defending_another_actor_stays_a_verbal_defence(text: str, target: str) -> None:
    assert any(e.cameo == "052" and e.target[:3] == target for e in events(text)), coded(text)


@pytest.mark.parametrize(
    "text",
    [
        "Europe must be able to sanction Russia.",
        "NATO should be able to deter Russia.",
        "Britain must be able to negotiate with the EU.",
    ],
)
def test_must_be_able_to_is_no_fact(text: str) -> None:
    assert all(e.modality != "factual" for e in events(text)), coded(text)


# ---- 4. encouraging an actor to act is an appeal ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Trump encouraged Germany to bolster defence spending.", "USA", "DEU"),
        ("Obama encouraged Japan to increase its military budget.", "USA", "JPN"),
        ("The EU encouraged Serbia to resume talks with Kosovo.", "IGO", "SRB"),
        ("Washington encouraged Israel to show restraint.", "USA", "ISR"),
        ("China encouraged North Korea to return to negotiations.", "CHN", "PRK"),
    ],
)
def test_encouraging_an_actor_to_act_is_an_appeal(text: str, source: str, target: str) -> None:
    found = [(e.source[:3], e.target[:3]) for e in events(text) if e.cameo.startswith("02")]
    assert (source, target) in found, coded(text)


@pytest.mark.parametrize(
    "text",
    [
        "The plan encourages investment.",
        "Low interest rates encouraged borrowing.",
        "The news encouraged investors to buy shares.",
        "Merkel was encouraged by the talks.",
        "Tax cuts encourage firms to hire.",
    ],
)
def test_encouragement_without_an_actor_addressed_is_no_appeal(text: str) -> None:
    assert not any(e.cameo.startswith("02") for e in events(text)), coded(text)


# ---- 5. a taken place's country is the target of an occupation --------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Russia's annexation of Crimea was condemned.", "RUS"),
        ("Russia annexed Crimea in 2014.", "RUS"),
        ("Russian forces captured Kherson.", "RUS"),
        ("Russia occupied the Donbas.", "RUS"),
        ("Russian troops occupied Mariupol.", "RUS"),
    ],
)
def test_a_taken_places_country_is_the_target(text: str, source: str) -> None:
    found = [(e.source[:3], e.target) for e in events(text) if e.cameo == "192"]
    assert found == [(source, "UKR")], coded(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine retook Kherson.",
        "Ukrainian forces recaptured Kherson.",
        "Israel annexed the Golan Heights.",  # a place the data does not know: no target
    ],
)
def test_an_own_or_unknown_place_gives_no_target(text: str) -> None:
    assert all(e.target != e.source[:3] for e in events(text)), coded(text)
    assert not any(e.cameo == "192" and e.target == "UKR" and e.source[:3] == "UKR"
                   for e in events(text)), coded(text)  # fmt: skip


# ---- 6. proposals made, domestic vows, investigations, congratulations ------------------------


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "France and Germany unveiled a proposal for increased cooperation.",
            {("FRA", "030", "DEU"), ("DEU", "030", "FRA")},
        ),
        ("France unveiled a proposal for talks with Germany.", {("FRA", "036", "DEU")}),
    ],
)
def test_a_proposal_unveiled_codes_what_it_proposes(
    text: str, pairs: set[tuple[str, str, str]]
) -> None:
    assert {(e.source, e.cameo, e.target) for e in events(text)} == pairs, coded(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine rejected the Russian proposal for talks.",
        "Labour unveiled a proposal to cut tuition fees.",
        "France and Germany unveiled a proposal for a new tax.",
        "Apple unveiled a new phone.",
    ],
)
def test_a_proposal_rejected_or_about_domestic_matters_is_no_intent(text: str) -> None:
    assert not any(e.cameo.startswith("03") for e in events(text)), coded(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sanders vows to eliminate tax breaks.",
        "Labour promised to build more houses.",
        "Labour vowed to eliminate tax breaks.",
    ],
)
def test_a_domestic_policy_vow_has_no_target(text: str) -> None:
    # CAMEO codes interactions between actors: a pledge about one's own tax code names no one
    # to cooperate with (at most a target-less 030 intent of a linked party)
    assert all(not e.target and e.cameo == "030" for e in events(text)), coded(text)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Labour is to be investigated by the European Commission.", "IGO", "GBR"),
        ("Britain is to be investigated by the European Commission.", "IGO", "GBR"),
        ("The EU will investigate Labour.", "IGO", "GBR"),
    ],
)
def test_an_investigation_has_its_investigator_as_source(
    text: str, source: str, target: str
) -> None:
    found = [(e.source[:3], e.target[:3]) for e in events(text) if e.cameo.startswith("09")]
    assert found == [(source, target)], coded(text)


@pytest.mark.parametrize(
    "text",
    [
        '"I congratulate Macron on his new appointment," Merkel said.',
        "Merkel congratulated Macron on his election victory.",
    ],
)
def test_congratulations_are_praise(text: str) -> None:
    assert any(e.cameo == "051" and e.target[:3] == "FRA" for e in events(text)), coded(text)
