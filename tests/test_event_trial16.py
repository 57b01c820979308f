"""Events round 8a (issue 14): precision kinds read by eye on real articles. Idioms, contests,
schedules and sports told with words of force are no force; help to one's own country is no aid;
refusing or failing to deny is no event; a place hit by no one named is no one's act; figures
say nothing (no quote speaker); a country's National Security Council is its government, not
the UN's. Sentences written for this test, with twins that must keep their events."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.link import get_linker
from detente.events.coder import code_text
from detente.parse.units import text_units
from detente.quotes import find_quotes

DAY = date(2024, 5, 1)


def codes(text: str) -> set[tuple[str, str, str]]:
    return {(e.source, e.cameo, e.target) for e in code_text(text, DAY)}


def has(found: set[tuple[str, str, str]], prefix: str) -> bool:
    return any(c.startswith(prefix) for _, c, _ in found)


# ---- 1. idioms, contests, schedules and sports: no force ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Labour is fighting for the leadership.",
        "The Tories are fighting for every seat in Scotland.",
        "Mr Brown will fight for the nomination, the Labour Party said.",
        "The SNP is battling for votes in Glasgow.",
        "Newry to fight cup exit in courts",
        "The vote is scheduled to clash with the final.",
        "The match will clash with the election in France.",
        "The election will clash with the World Cup final in Germany.",
        "A penalty apiece saw Ireland leading 18-12, but they were lucky to survive when Italy "
        "launched a series of attacks.",
        "Italy launched a series of attacks before half-time.",
        "England attacked down the left wing and scored a try in the 34th minute.",
        "France attacked again after the kick-off and Wales conceded a drop-goal.",
        "The deficit is set to hit $368bn this year, the US Treasury said.",
        "Britain's trade deficit hit 5 per cent of GDP, the Treasury said.",
        "The tragedy has left 25,000 people dead, with Sri Lanka, Thailand and India worst hit.",
        "With Sri Lanka and Indonesia worst hit, aid agencies appealed for funds.",
        "Labour MPs bombarded the prime minister with letters.",
        "MPs bombarded the Foreign Secretary with requests.",
        "The French government shot down the proposal.",
        "Germany shot down the EU proposal.",
    ],
)
def test_figurative_force_is_no_force(text: str) -> None:
    found = codes(text)
    assert not has(found, "19") and not has(found, "18"), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # a political actor shooting down a proposal rejects it
        ("Germany shot down the EU proposal.", ("DEU", "120", "IGOEUREEC")),
        ("France's president shot down the German plan.", ("FRAGOV", "120", "DEU")),
        ("The Kremlin shot down the idea of talks with Ukraine.", ("RUSGOV", "120", "UKR")),
    ],
)
def test_shooting_down_a_proposal_rejects_it(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: force with a physical target stays force
        ("Russia shot down a Ukrainian drone.", ("RUS", "190", "UKRMIL")),
        ("Russian troops shot down a Ukrainian helicopter.", ("RUSMIL", "190", "UKR")),
        ("Russia launched a series of attacks on Ukraine.", ("RUS", "190", "UKR")),
        ("Russia attacked Ukraine.", ("RUS", "190", "UKR")),
        ("Israel attacked Hamas positions in Gaza.", ("ISR", "190", "PSEREBHMS")),
        ("Kyiv was attacked by Russia overnight.", ("RUS", "190", "UKR")),
    ],
)
def test_force_twins(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


@pytest.mark.parametrize(
    "text",
    [  # twins with no named target keep a force code
        "Israel hit targets in Gaza.",
        "Russian troops are fighting for control of Bakhmut.",
        "Russia bombarded Kharkiv with rockets.",
        "French police stormed a migrant camp in Calais and tried to clear it.",
    ],
)
def test_force_twins_without_target(text: str) -> None:
    found = codes(text)
    assert has(found, "19"), found


# ---- 2. help to one's own country: no aid ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "China's leaders want to protect the health of China's economic boom.",
        "The Chinese government vowed to protect China's banks.",
        "Japan's government will support Japan's exporters.",
        "The British government pledged aid to British farmers.",
        "The US government sent aid to American farmers hit by the drought.",
        "The Treasury announced measures to support families.",
        "The government's plan aims to help small businesses.",
        "The French government unveiled measures to support farmers.",
    ],
)
def test_help_to_ones_own_country_is_no_aid(text: str) -> None:
    found = codes(text)
    assert not any(c[:2] == "07" or c[:3] == "033" for _, c, _ in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: aid between two actors stays
        ("The US sent aid to Ukraine.", ("USA", "070", "UKR")),
        ("Britain provided support to Ukraine's army.", ("GBR", "070", "UKRMIL")),
        ("Germany pledged aid to Turkey.", ("DEU", "033", "TUR")),
        ("Japan sent food to North Korea.", ("JPN", "073", "PRK")),
    ],
)
def test_aid_twins(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 3. refusing or failing to deny: no event ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin has fallen short of offering denials of the report.",
        "Downing Street refused to deny the reports.",
        "The Kremlin declined to deny the report.",
        "Russia refused to deny that it had sent troops to Ukraine.",
        "Beijing has declined to deny reports that it sent weapons to Russia.",
        "Iran refused to confirm or deny the report.",
        "The Pentagon declined to say whether it would attend the talks with Iran.",
        "Russia stopped short of denying the claims.",
        "The Foreign Office would not deny the reports.",
        "The White House did not deny the report.",
        "Germany failed to deny the claims.",
        "Iran offered a denial of the report.",
    ],
)
def test_not_denying_is_no_event(text: str) -> None:
    assert codes(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: denials, refusals to comment and refusals of cooperation stay
        ("Russia denied the claims.", ("RUS", "016", "")),
        ("Iran denied sending drones to Russia.", ("IRN", "016", "RUS")),
        ("The Pentagon refused to comment.", ("USAMIL", "011", "")),
        ("Russia refused to meet Ukraine.", ("RUS", "125", "UKR")),
        ("China offered Pakistan a loan.", ("CHN", "030", "PAK")),
    ],
)
def test_denial_twins(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 4. a place hit by no one named: no one's act ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A police station in Paris was hit by a bomb.", "FRA"),
        ("A mosque in Kabul was attacked on Friday.", "AFG"),
        ("An army base in Syria was struck by drones.", "SYR"),
        ("A hotel in Mogadishu was attacked on Sunday.", "SOM"),
        ("Sri Lanka was hit by a tsunami.", "LKA"),
        ("Japan was hit by a powerful earthquake on Monday.", "JPN"),
    ],
)
def test_the_victim_never_acts(text: str, country: str) -> None:
    assert not any(source.startswith(country) for source, _, _ in codes(text))


# ---- 6. figures say nothing ------------------------------------------------------------------------


def quotes_of(text: str) -> list[tuple[str | None, str]]:
    units = text_units(text)
    found = find_quotes(units, get_linker(()).link(units, date(2005, 3, 1)))
    return [(q.speaker_text, q.text) for q in found]


@pytest.mark.parametrize(
    "text",
    [
        '"Growth was strong in the summer," official data showed.',
        '"Prices rose faster than wages," the figures showed.',
        "Figures from the ONS suggest that inflation is falling.",
        "Official statistics said that unemployment had risen.",
        "According to official figures, unemployment rose to 5%.",
        "The latest estimates indicate that the economy shrank.",
    ],
)
def test_figures_are_no_speakers(text: str) -> None:
    assert all(speaker is None for speaker, _ in quotes_of(text))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [  # twins: the body that says, and a report's own words, keep their speakers
        ("The ONS said that inflation was falling.", "ONS"),
        ("The Treasury said that the economy was growing.", "Treasury"),
        ("The report said the government had failed to act.", "The report"),
    ],
)
def test_speaker_twins(text: str, speaker: str) -> None:
    assert speaker in {s for s, _ in quotes_of(text)}


# ---- 7. a country's National Security Council ------------------------------------------------------


def actor_codes(text: str) -> set[str]:
    units = text_units(text)
    return {m.actor_code for m in get_linker(()).link(units, DAY) if m.actor_code}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Japan's National Security Council met on Friday to discuss North Korea.", "JPNGOV"),
        ("The US National Security Council condemned the attack.", "USAGOV"),
        ("Israel's National Security Council warned Israelis against travel.", "ISRGOV"),
    ],
)
def test_a_national_security_council_is_its_government(text: str, code: str) -> None:
    found = actor_codes(text)
    assert code in found and "IGOUNOSEC" not in found


@pytest.mark.parametrize(
    "text",
    [  # twins: the UN's council keeps its code
        "The UN Security Council condemned the attack.",
        "The Security Council imposed sanctions on North Korea.",
        "The United Nations Security Council met on Friday.",
    ],
)
def test_the_un_security_council_twins(text: str) -> None:
    assert "IGOUNOSEC" in actor_codes(text)
