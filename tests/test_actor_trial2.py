"""A second new user's trial of the linker: a country's name inside a longer place name ("New
Jersey", "Atlanta, Georgia"), bare "Congo", titles after a dateline, and first-person pronouns
inside a quotation linked to its speaker; on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.link import link_text

DAY = date(2024, 5, 1)


def linked(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.actor_code) for m in link_text(text, DAY) if m.actor_code]


def codes(text: str) -> set[str]:
    return {code for _, code in linked(text)}


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("Police in New Jersey detained dozens of students.", "USACOP", {"JEY", "JEYCOP"}),
        ("Officials in New Mexico closed the border crossing.", "USAGOV", {"MEX", "MEXGOV"}),
        ("Police in New South Wales charged two teenagers.", "AUSCOP", {"GBR", "GBRCOP"}),
        ("Officials in Atlanta, Georgia said the count was over.", "USAGOV", {"GEO", "GEOGOV"}),
        ("Election officials in the state of Georgia certified the count.", None, {"GEO"}),
        ("Police in Atlanta, Georgia arrested six men.", "USACOP", {"GEO"}),
    ],
)
def test_a_longer_place_name_wins_over_the_country_inside_it(
    text: str, expected: str | None, absent: set[str]
) -> None:
    found = codes(text)
    assert not found & absent, linked(text)
    if expected:
        assert expected in found, linked(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: the country itself is still the country
        ("Mexico and Jersey signed a tax agreement.", {"MEX", "JEY"}),
        ("Georgia accused Russia of occupying its territory.", {"GEO", "RUS"}),
        ("Papua New Guinea signed a defence pact with Australia.", {"PNG", "AUS"}),
        ("Guinea-Bissau and Guinea signed a fishing deal.", {"GNB", "GIN"}),
        ("Protesters in New Caledonia clashed with police.", {"NCLCVL"}),
    ],
)
def test_countries_whose_names_other_places_share_are_still_countries(
    text: str, expected: set[str]
) -> None:
    assert expected <= codes(text), linked(text)


def test_bare_congo_reads_as_the_drc_unless_the_document_names_the_republic() -> None:
    assert codes("Rebels in eastern Congo seized a mining town.") == {"CODREB"}
    assert codes("Fighting in eastern Congo has displaced thousands.") == {"COD"}
    assert "COG" in codes("The Republic of the Congo and Congo agreed to reopen the border.")
    assert codes("Congo-Brazzaville recalled its ambassador.") == {"COG"}


@pytest.mark.parametrize(
    ("text", "title", "code"),
    [
        (
            "MOSCOW (Reuters) - Russia's foreign minister met his Chinese counterpart.",
            "Russia's foreign minister",
            "RUSGOV",
        ),
        (
            "BEIJING, May 1 (AP) — China's defence minister warned Taiwan.",
            "China's defence minister",
            "CHNGOV",
        ),
        (
            "ANKARA — Turkey's interior minister ordered the arrests.",
            "Turkey's interior minister",
            "TURGOV",
        ),
    ],
)
def test_a_dateline_drops_only_its_own_place(text: str, title: str, code: str) -> None:
    assert (title, code) in linked(text)


@pytest.mark.parametrize(
    ("text", "pronoun", "code"),
    [
        (
            '"We will never negotiate with kidnappers," the Colombian president said.',
            "We",
            "COLGOV",
        ),
        ('"I will not step down," Prime Minister Rishi Sunak told reporters.', "I", "GBRGOV"),
        ("“Our patience is running out,” Lavrov said on Tuesday.", "Our", "RUSGOV"),
        (
            "“My government will not bow to threats,” said Turkish President Recep Tayyip Erdogan.",
            "My",
            "TURGOV",
        ),
    ],
)
def test_first_person_in_a_quotation_is_its_speaker(text: str, pronoun: str, code: str) -> None:
    assert (pronoun, code) in linked(text)


@pytest.mark.parametrize(
    "text",
    [  # twins: no quotation, no linked speaker, or a group cannot say "I"
        "We will respond to Russia, the Colombian president said.",
        '"We will respond to any attack," the ministry said.',
        '"I will respond to any attack," the Indian army said.',
        "Our correspondent in Moscow said the talks had stalled.",
    ],
)
def test_first_person_without_a_quoted_linked_speaker_stays_unlinked(text: str) -> None:
    words = {"we", "i", "our", "my"}
    assert not [m for m in linked(text) if m[0].lower() in words], linked(text)
