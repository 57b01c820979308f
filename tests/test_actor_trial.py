"""Headlines in odd case, pronouns of countries and organisations, and the state's own agents
("state media", "regime forces"): the linker and coder on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.link import get_linker, link_text
from detente.events.coder import code_text

DAY = date(2024, 5, 1)


def linked(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.actor_code) for m in link_text(text, DAY) if m.actor_code]


@pytest.mark.parametrize(
    ("headline", "recased"),
    [
        ("US Imposes New Sanctions On Iran", "US imposes new sanctions on Iran"),
        ("US IMPOSES NEW SANCTIONS ON IRAN", "US imposes new sanctions on Iran"),
        ("WHO Warns Of Cholera Outbreak In Yemen", "WHO warns of cholera outbreak in Yemen"),
        ("THE US AND CHINA SIGN TRADE DEAL", "The US and China sign trade deal"),
        # twins: the pronoun stays a pronoun, a short word is no mixed-case acronym
        ("PUTIN TELLS US TO LEAVE SYRIA", "Putin tells us to leave Syria"),
        ("Let Us Talk About Iran Sanctions", "Let us talk about Iran sanctions"),
    ],
)
def test_odd_case_headlines_keep_acronyms_not_pronouns(headline: str, recased: str) -> None:
    assert get_linker().recase_text(headline) == recased


@pytest.mark.parametrize(
    ("headline", "source", "target"),
    [
        ("US Imposes New Sanctions On Iran", "USA", "IRN"),
        ("UK Recalls Ambassador From Moscow", "GBR", "RUS"),
        ("EU Slaps Tariffs On Chinese Steel", "IGOEUREEC", "CHN"),
        ("Iran Summons British Envoy", "IRN", "GBRGOV"),
    ],
)
def test_odd_case_headlines_keep_their_source(headline: str, source: str, target: str) -> None:
    assert (source, target) in {(e.source, e.target) for e in code_text(headline, DAY)}


@pytest.mark.parametrize(
    ("text", "pronoun", "codes"),
    [
        ("The White House said it had no plans to send troops.", "it", {"USAGOV"}),
        ("Russia said it would respond to the attack.", "it", {"RUS"}),
        ("The EU said its sanctions on Russia would stay.", "its", {"IGOEUREEC"}),
        ("Germany said it was ready to send tanks to Ukraine.", "it", {"DEU"}),
        ("China and India said they had agreed to pull back.", "they", {"CHN", "IND"}),
        ("Syrian rebels said they had shelled an airbase.", "they", {"SYRREB"}),
        ("Japan and South Korea said their talks had gone well.", "their", {"JPN", "KOR"}),
        ("Armenia urged Russia to honour its security commitments.", "its", {"RUS"}),
        ("The EU asked Turkey to open its ports to Cypriot ships.", "its", {"TUR"}),
    ],
)
def test_group_pronouns_take_the_governing_subject(
    text: str, pronoun: str, codes: set[str]
) -> None:
    assert {c for t, c in linked(text) if t == pronoun} == codes


@pytest.mark.parametrize(
    "text",
    [
        "Russia said it was unclear whether Ukraine would attend.",  # "it" stands for no one
        "Obama said it was important to engage Iran.",
        "Iran said it seems the talks have failed.",
        "Beijing said they had been misled.",  # one capital, plural pronoun
        "Russia and Belarus said it would not happen.",  # two actors, singular pronoun
        "Merkel said it would take years.",  # a person is no "it"
        "France said the plan was wrong and it would veto it.",  # the nearer subject is no actor
        "Russia and its allies condemned the strike.",  # "its" inside its own subject
    ],
)
def test_group_pronouns_left_alone_when_unsure(text: str) -> None:
    assert not [t for t, _ in linked(text) if t.lower() in ("it", "its", "they", "their")]


@pytest.mark.parametrize(
    ("text", "agent", "code"),
    [
        (
            "Syrian rebels shelled government positions near Aleppo.",
            "government positions",
            "SYRMIL",
        ),
        ("Regime forces bombed rebel-held towns in Syria.", "Regime forces", "SYRMIL"),
        (
            "According to state media, Venezuela expelled the Spanish envoy.",
            "state media",
            "VENMED",
        ),
        ("State television said Iran's navy seized a tanker.", "State television", "IRNMED"),
        ("Yemeni rebels attacked government forces in Marib.", "government forces", "YEMMIL"),
    ],
)
def test_state_agents_take_their_sentence_country(text: str, agent: str, code: str) -> None:
    assert (agent, code) in linked(text)


@pytest.mark.parametrize(
    "text",
    [
        "State media said Russia attacked Ukraine.",  # two countries: whose media?
        "Government forces attacked rebels after Russia and Turkey agreed a truce.",
    ],
)
def test_state_agents_unlinked_with_two_countries(text: str) -> None:
    assert not [t for t, _ in linked(text) if t.lower().startswith(("state", "government"))]
