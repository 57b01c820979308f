"""Who did it to whom: coordinated actors, mutual acts, roles from the predicate's own clause,
places that are (not) targets. Our own sentences, coded with the real spaCy model and linker."""

from __future__ import annotations

from datetime import date

import pytest

from detente.events.coder import code_text
from detente.events.roles import load_roles

DAY = date(2024, 6, 19)


def pairs(text: str, root: str | None = None) -> set[tuple[str, str]]:
    """(source, target) of the events of `text`, of one CAMEO root when given."""
    return {
        (e.source[:3], e.target[:3])
        for e in code_text(text, DAY)
        if root is None or e.cameo.startswith(root)
    }


def roots(text: str) -> set[str]:
    return {e.cameo[:2] for e in code_text(text, DAY)}


# ---- 1. coordinated sources and targets expand; mutual acts go both ways ------------------------

PARALLEL_SOURCES = [
    ("France, Germany and Italy condemned the attack.", "11", {"FRA", "DEU", "ITA"}),
    ("Japan and South Korea condemned the missile launch.", "11", {"JPN", "KOR"}),
    ("Canada and Australia criticised the verdict.", "11", {"CAN", "AUS"}),
    ("Spain, Portugal and Greece welcomed the decision.", "05", {"ESP", "PRT", "GRC"}),
    ("Brazil and Argentina denied any involvement.", "01", {"BRA", "ARG"}),
    ("Norway and Sweden praised the agreement.", "05", {"NOR", "SWE"}),
    ("Egypt and Jordan rejected the plan.", "12", {"EGY", "JOR"}),
    ("Poland and Lithuania protested the decision.", "1", {"POL", "LTU"}),
]


@pytest.mark.parametrize(("text", "root", "sources"), PARALLEL_SOURCES)
def test_coordinated_sources_act_side_by_side(text: str, root: str, sources: set[str]) -> None:
    found = pairs(text, root)
    assert {s for s, _ in found} == sources
    assert all(t not in sources for _, t in found)  # never France against Germany


CROSSED = [
    ("Russia and the EU urged Armenia and Azerbaijan to show restraint.", "02",
     {("RUS", "ARM"), ("RUS", "AZE"), ("IGO", "ARM"), ("IGO", "AZE")}),
    ("The US and Britain struck targets in Yemen.", "19", {("USA", "YEM"), ("GBR", "YEM")}),
    ("France and Germany sent weapons to Ukraine and Moldova.", "07",
     {("FRA", "UKR"), ("FRA", "MDA"), ("DEU", "UKR"), ("DEU", "MDA")}),
    ("China and Russia criticised Japan.", "11", {("CHN", "JPN"), ("RUS", "JPN")}),
    ("Turkey urged Sweden and Finland to act against militants.", "02",
     {("TUR", "SWE"), ("TUR", "FIN")}),
    ("Iran accused Israel and the United States of sabotage.", "11",
     {("IRN", "ISR"), ("IRN", "USA")}),
    ("Britain and Canada imposed sanctions on Belarus.", "16",
     {("GBR", "BLR"), ("CAN", "BLR")}),
    ("India and Brazil called on Israel and Hamas to agree to a ceasefire.", "02",
     {("IND", "ISR"), ("IND", "PSE"), ("BRA", "ISR"), ("BRA", "PSE")}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "root", "expected"), CROSSED)
def test_coordinated_sources_and_targets_give_one_event_per_pair(
    text: str, root: str, expected: set[tuple[str, str]]
) -> None:
    found = {p for p in pairs(text) if p[0] != "" and p[1] != ""}
    assert expected <= found, found
    assert not any(s == t for s, t in found)


MUTUAL = [
    ("Vladimir Putin and Kim Jong Un met in Pyongyang.", "04", ("RUS", "PRK")),
    ("Vladimir Putin met Kim Jong Un in Moscow.", "04", ("RUS", "PRK")),
    ("Russia and China signed a treaty.", "05", ("RUS", "CHN")),
    ("Israel and Lebanon negotiated a maritime border deal.", "04", ("ISR", "LBN")),
    ("Talks between Moscow and Kyiv resumed.", "04", ("RUS", "UKR")),
    ("Armenia and Azerbaijan fought along the border.", "19", ("ARM", "AZE")),
    ("India and Pakistan exchanged fire across the border.", "19", ("IND", "PAK")),
    ("Japan and the Philippines held joint drills.", "06", ("JPN", "PHL")),
    ("Greece held talks with Turkey.", "04", ("GRC", "TUR")),
    ("Japan held talks with South Korea.", "04", ("JPN", "KOR")),
    ("Putin and Kim Jong Un signed a treaty.", "05", ("RUS", "PRK")),
]


@pytest.mark.parametrize(("text", "root", "pair"), MUTUAL)
def test_mutual_acts_are_coded_in_both_directions(
    text: str, root: str, pair: tuple[str, str]
) -> None:
    found = pairs(text, root)
    a, b = pair
    assert (a, b) in found and (b, a) in found, found


def test_one_sided_acts_are_not_reversed() -> None:
    assert pairs("Japan condemned China.", "11") == {("JPN", "CHN")}
    assert pairs("Germany sent weapons to Ukraine.", "07") == {("DEU", "UKR")}
    assert ("UKR", "BRA") not in pairs("Brazil did not sign the joint declaration on Ukraine.")
    assert ("GBR", "USA") not in pairs("The US and Britain launched strikes.")


def test_mutual_codes_and_places_are_data() -> None:
    roles = load_roles()
    assert {"040", "046", "057"} <= roles.symmetric
    assert "042" not in roles.symmetric and "043" not in roles.symmetric  # visitor and host
    assert "in" in roles.place_preps("190") and "in" not in roles.place_preps("040")
    assert "against" not in roles.target_preps(("with", "against"), "070")
    assert "against" in roles.target_preps(("with", "against"), "111")


# ---- 2. roles from the predicate's own clause ----------------------------------------------------

OWN_CLAUSE = [
    # a relative clause names the party of another act
    ("Japan promised to fund the mission, which the UN Security Council approved in October.",
     "IGO"),
    ("Germany pledged to support the plan that Egypt proposed last week.", "EGY"),
    ("Canada agreed to finance the fund, which the World Bank manages.", "IGO"),
    ("France promised to back the resolution that Russia vetoed.", "RUS"),
    # a participle: "approved by the Council"
    ("Italy promised to fund the mission approved by the UN Security Council.", "IGO"),
    ("Spain agreed to support the reform proposed by Ukraine.", "UKR"),
    # "against" names the adversary of a cooperative act, not the partner
    ("The United States is arming the Kurdish militia against Islamic State.", "IMG"),
    ("Britain pledged support against Russia.", "RUS"),
    ("France sent weapons to the rebels against Iran.", "IRN"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "wrong"), OWN_CLAUSE)
def test_targets_come_from_the_predicates_own_clause(text: str, wrong: str) -> None:
    found = [e for e in code_text(text, DAY) if e.target.startswith(wrong)]
    assert not any(
        e.source[:3] != wrong for e in found if e.cameo[:2] in ("03", "05", "06", "07")
    ), [(e.source, e.cameo, e.target) for e in found]


def test_possessive_own_forces_are_no_target() -> None:
    for text in (
        "Israel withdrew its troops from the Gaza border.",
        "Belarus mobilised its army.",
        "India put its air force on high alert.",
    ):
        for e in code_text(text, DAY):
            assert e.target[:3] != e.source[:3] or e.target == "", (text, e.target)


JOINING = [
    ("Finland joins a NATO exercise.", ("FIN", "IGO")),
    ("Sweden joined a NATO exercise in the Baltic.", ("SWE", "IGO")),
    ("Ukraine attended an EU summit.", ("UKR", "IGO")),
    ("Japan took part in a NATO exercise.", ("JPN", "IGO")),
    ("Norway joined the NATO drills.", ("NOR", "IGO")),
    ("Georgia participated in a NATO exercise.", ("GEO", "IGO")),
    ("Moldova attended the EU summit in Brussels.", ("MDA", "IGO")),
    ("Austria joined the EU exercise.", ("AUT", "IGO")),
]


@pytest.mark.parametrize(("text", "pair"), JOINING)
def test_the_joiner_is_the_source_of_joining(text: str, pair: tuple[str, str]) -> None:
    found = pairs(text)
    assert (pair[1], pair[0]) not in found, found


def test_passives_with_and_without_by() -> None:
    assert ("USA", "IRN") in pairs("Iran was sanctioned by the United States.", "16")
    assert ("RUS", "UKR") in pairs("Ukraine was attacked by Russia.", "19") | pairs(
        "Ukraine was attacked by Russia.", "18"
    )
    # a verbal act with no named doer is no evidence for the dyad graph; violence is coded
    assert not pairs("Syria was criticised at the summit.", "11")


# ---- 3. places are not targets of talks; violence in a country is done to it -------------------

VENUES = [
    "Russia and Ukraine held talks in Switzerland.",
    "China and India met in Russia.",
    "Japan hosted a summit in Japan with Vietnam.",
    "Iran and Saudi Arabia negotiated in China.",
    "Greece and Turkey held talks in Belgium.",
    "France met Germany in Poland.",
    "Brazil protested in Argentina against the verdict.",
    "Kenya signed a deal with Ethiopia in Qatar.",
]
VENUE_COUNTRIES = {"CHE", "RUS", "CHN", "BEL", "POL", "ARG", "QAT"}


@pytest.mark.parametrize("text", VENUES)
def test_a_venue_is_no_party(text: str) -> None:
    sources = {s for s, _ in pairs(text)}
    targets = {t for _, t in pairs(text)}
    assert not (targets & VENUE_COUNTRIES) - sources, pairs(text)


VIOLENCE = [
    ("The US and Britain struck targets in Yemen.", "YEM"),
    ("Israel launched strikes in Syria.", "SYR"),
    ("Turkey carried out air strikes in Iraq.", "IRQ"),
    ("Russia bombed villages in Ukraine.", "UKR"),
    ("Iran fired missiles into Iraq.", "IRQ"),
    ("Ethiopia attacked positions in Sudan.", "SDN"),
    ("Pakistan shelled villages in Afghanistan.", "AFG"),
    ("Azerbaijan attacked targets in Armenia.", "ARM"),
]


@pytest.mark.parametrize(("text", "country"), VIOLENCE)
def test_violence_in_a_country_targets_it(text: str, country: str) -> None:
    events = [e for e in code_text(text, DAY) if e.cameo[:2] in ("18", "19", "20")]
    assert events and all(e.target[:3] == country for e in events), [
        (e.source, e.cameo, e.target) for e in events
    ]
