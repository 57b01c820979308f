"""Titles, parties, offices and eras on older and British political text (issue 16, kinds 3, 4
and 6a): a title's country comes from its own words or the document, parliamentary titles are
the legislature, "former" is the elite and "shadow" the opposition, parties act under their
country's government or opposition code on the document's date, and a country word that places
a named place ("the Italian island of Capri") is no actor. Every sentence is our own."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.link import link_text
from detente.model import Mention

Y2005 = date(2005, 3, 1)
Y2016 = date(2016, 3, 1)


def _codes(text: str, day: date = Y2005) -> dict[str, str]:
    return {m.text: m.actor_code for m in link_text(text, day)}


def _mention(mentions: list[Mention], part: str) -> Mention:
    return next(m for m in mentions if part in m.text)


# ---- parties (kind 4) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("Labour said the budget was fair.", "Labour", "GBRGOVLAB"),
        ("The Tories promised lower taxes.", "The Tories", "GBROPPCON"),
        ("The Conservatives rejected the plan.", "The Conservatives", "GBROPPCON"),
        ("The Lib Dems voted against the bill.", "The Lib Dems", "GBROPPLDM"),
        ("UKIP wants Britain out of the EU.", "UKIP", "GBROPPUKI"),
        ("The Liberal Democrats called for an inquiry.", "The Liberal Democrats", "GBROPPLDM"),
        ("Republicans in Congress backed the president.", "Republicans", "USAGOVREP"),
        ("The Democrats chose a new leader in Boston.", "The Democrats", "USAOPPDEM"),
    ],
)
def test_parties_act_as_government_or_opposition_on_the_day(
    text: str, surface: str, code: str
) -> None:
    assert _codes(text)[surface] == code


def test_a_party_changes_sides_with_the_years() -> None:
    text = "Labour attacked the Conservatives over the deficit."
    assert _codes(text, Y2005) == {"Labour": "GBRGOVLAB", "the Conservatives": "GBROPPCON"}
    assert _codes(text, Y2016) == {"Labour": "GBROPPLAB", "the Conservatives": "GBRGOVCON"}


@pytest.mark.parametrize(
    "text",
    [
        "Germany's Social Democrats and the Christian Democrats formed a coalition in Berlin. "
        "Germany's chancellor welcomed it.",
        "Sweden's Social Democrats lost seats in Stockholm as Swedish voters turned right.",
        "In Australia, Labour lost in Sydney and Melbourne, Australian voters said.",
    ],
)
def test_a_party_name_in_another_countrys_politics_is_not_that_party(text: str) -> None:
    codes = [m.actor_code for m in link_text(text, Y2005)]
    assert not any(c.startswith(("USA", "GBR")) for c in codes), codes


def test_a_party_in_a_document_about_a_war_abroad_stays_the_party() -> None:
    codes = _codes("Tony Blair said Labour would win despite Iraq. Iraq voted. Iraq burned.")
    assert codes["Labour"] == "GBRGOVLAB"


def test_a_party_mention_keeps_the_party_name() -> None:
    mention = _mention(link_text("The Tories promised lower taxes.", Y2005), "Tories")
    assert mention.actor_name == "Conservative Party"


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("Labour MP Dora Pellingham said the plan was flawed.", "Labour MP Dora Pellingham",
         "GBRLEG"),
        ("Conservative MP Hugh Tennick voted against it.", "Conservative MP Hugh Tennick",
         "GBRLEG"),
        ("Tory MPs walked out of the chamber.", "Tory MPs", "GBRLEG"),
        ("Labour MPs will meet on Monday.", "Labour MPs", "GBRLEG"),
        ("Lib Dem MEP Anna Forsell criticised the directive.", "Lib Dem MEP Anna Forsell",
         "GBRLEG"),
        ("Labour peer Lady Ormsby spoke in the debate.", "Labour peer Lady Ormsby", "GBRLEG"),
        ("Republican Senator Walt Dunmore opposed the treaty.",
         "Republican Senator Walt Dunmore", "USALEG"),
        ("The Labour government raised spending.", "Labour government", "GBRGOV"),
    ],
)  # fmt: skip
def test_seats_in_parliament_are_the_legislature_whatever_the_party(
    text: str, surface: str, code: str
) -> None:
    assert _codes(text)[surface] == code


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("Tory leader Norman Pettifer said Iraq was a mess.", "Tory leader Norman Pettifer",
         "GBROPPCON"),
        ("A Labour spokesman said the poster was a joke.", "Labour spokesman", "GBRGOVLAB"),
        ("A UKIP spokesman denied the claim.", "UKIP spokesman", "GBROPPUKI"),
        ("Liberal Democrat home affairs spokesman Tom Ravell said no.",
         "Liberal Democrat home affairs spokesman Tom Ravell", "GBROPPLDM"),
    ],
)  # fmt: skip
def test_party_offices_are_the_party_never_a_nearby_country(
    text: str, surface: str, code: str
) -> None:
    assert _codes(text)[surface] == code


# ---- titles take their country from their own words or the document (kind 3) ----------------


def test_a_body_between_country_and_title_is_not_the_state() -> None:
    codes = _codes("A Danish Dairy Board spokesman said exports to Iraq had fallen.")
    assert "DNKGOV" not in codes.values()
    assert not any("Danish" in surface for surface in codes)


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [  # twins: a state body or a rank between country and title is still the state's
        ("A Russian Foreign Ministry spokesman said no.", "Russian Foreign Ministry spokesman",
         "RUSGOV"),
        ("The Russian Deputy Foreign Minister said yes.", "Russian Deputy Foreign Minister",
         "RUSGOV"),
        ("Russian troops crossed the border.", "Russian troops", "RUSMIL"),
    ],
)  # fmt: skip
def test_state_bodies_between_country_and_title_stay_the_state(
    text: str, surface: str, code: str
) -> None:
    assert _codes(text)[surface] == code


def test_an_untitled_country_comes_from_the_document_not_the_nearest_country_word() -> None:
    text = (
        "Tony Blair and Gordon Brown launched Labour's campaign in London.\n"
        "British voters were told the economy was strong.\n"
        "Home Secretary Edwin Marlowe said troops would stay in Iraq."
    )
    assert _codes(text)["Home Secretary Edwin Marlowe"] == "GBRGOV"


def test_no_dominant_country_no_guessed_title() -> None:
    text = (
        "France, Germany and Italy met. Iraq and Iran sent envoys. Secretary Edwin Marlowe spoke."
    )
    assert not any(m.actor_code for m in link_text(text, Y2005) if "Marlowe" in m.text)


def test_a_known_person_keeps_the_kbs_country_against_the_documents() -> None:
    text = (
        "The United States and America's allies met in Washington.\n"
        "A US drone strike killed General Qassem Soleimani in Baghdad."
    )
    assert _codes(text, date(2020, 1, 8))["General Qassem Soleimani"] == "IRNMIL"


# ---- former and shadow offices (kind 4) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("Former Foreign Secretary Robin Cook said the war was wrong.",
         "Former Foreign Secretary Robin Cook", "GBRELI"),
        ("Former British Prime Minister John Major agreed.",
         "Former British Prime Minister John Major", "GBRELI"),
        ("Ex-president Bill Clinton flew in.", "Ex-president Bill Clinton", "USAELI"),
        ("Former Defence Secretary Ada Quarrie said so.",
         "Former Defence Secretary Ada Quarrie", None),  # None: elite of the document's country
        ("The former Tory leader backed the bill.", "former Tory leader", "GBRELI"),
        ("Aides to the ex-Labour leader were angry.", "ex-Labour leader", "GBRELI"),
        ("The former Russian president spoke.", "former Russian president", "RUSELI"),
    ],
)  # fmt: skip
def test_former_office_holders_are_the_elite(text: str, surface: str, code: str | None) -> None:
    codes = _codes("Tony Blair spoke in London about Britain. " + text)
    assert codes[surface] == (code or "GBRELI")


def test_former_leaves_a_person_in_his_new_office() -> None:
    text = "Former Foreign Secretary Jack Straw, now Justice Secretary, spoke."
    assert _codes(text, date(2008, 1, 10))["Former Foreign Secretary Jack Straw"] == "GBRGOV"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Shadow Foreign Secretary Michael Ancram visited Iraq.",
         "Shadow Foreign Secretary Michael Ancram"),
        ("Shadow Home Secretary Daniel Okafor said Iraq was a mess.",
         "Shadow Home Secretary Daniel Okafor"),
        ("Shadow Chancellor Oliver Letwin attacked the budget.",
         "Shadow Chancellor Oliver Letwin"),
    ],
)  # fmt: skip
def test_shadow_ministers_are_the_opposition(text: str, surface: str) -> None:
    codes = _codes("Tony Blair spoke in London about Britain. " + text)
    assert codes[surface] == "GBROPP"


# ---- people coded by their role on the document's date (kind 4) -------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Tony Blair", "GBRGOV"),
        ("Gordon Brown", "GBRGOV"),
        ("Jack Straw", "GBRGOV"),
        ("Charles Clarke", "GBRGOV"),
        ("John Prescott", "GBRGOV"),
        ("Geoff Hoon", "GBRGOV"),
        ("Michael Howard", "GBROPP"),
        ("Charles Kennedy", "GBROPP"),
        ("Oliver Letwin", "GBROPP"),
        ("Michael Ancram", "GBROPP"),
        ("Alan Johnson", "GBRGOV"),
        ("Robert Kilroy-Silk", "GBRLEG"),
        ("David Cameron", "GBROPP"),
        ("John Kerry", "USALEG"),
        ("Robin Cook", "GBRELI"),
    ],
)
def test_2005_office_holders_are_coded_by_their_2005_roles(name: str, code: str) -> None:
    assert _codes(f"{name} spoke on Tuesday.", date(2005, 6, 1))[name] == code


def test_a_2005_minister_is_the_elite_twenty_years_on() -> None:
    assert _codes("Charles Clarke spoke on Tuesday.", date(2025, 1, 10))["Charles Clarke"] == (
        "GBRELI"
    )


# ---- armed groups (kind 4) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("Boko Haram attacked a school.", "Boko Haram", "NGAREBBKH"),
        ("Al-Shabaab claimed the bombing.", "Al-Shabaab", "SOMREBSHB"),
        ("The RSF shelled the city.", "RSF", "SDNREBRSF"),
        ("ETA announced a ceasefire.", "ETA", "ESPREBETA"),
        ("ISWAP fighters raided the base.", "ISWAP", "NGAREBISW"),
        ("The Lord's Resistance Army abducted children.", "Lord's Resistance Army", "UGAREBLRA"),
        ("The Mahdi Army clashed with police.", "Mahdi Army", "IRQREBMAH"),
    ],
)
def test_armed_groups_are_known(text: str, surface: str, code: str) -> None:
    codes = _codes(text, date(2012, 5, 1))
    assert any(surface in s and c == code for s, c in codes.items()), codes


def test_the_republican_guard_is_never_the_us_republican_party() -> None:
    codes = _codes("The Republican Guard withdrew from the city.", date(2003, 4, 1))
    assert all(not c.startswith("USA") for c in codes.values())


# ---- named places (kind 6a) -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"We love it here," said a tourist on the Italian island of Capri.',
        "Ships docked at the Greek port of Piraeus.",
        "Drones hit the Russian city of Kursk overnight.",
        "Protesters gathered in the Syrian town of Deir ez-Zor.",
        "Shells fell near the Turkish border village of Akcakale.",
        "The Chinese region of Xinjiang stayed calm.",
        "Police sealed off Russia's city of Belgorod.",
        "Tourists left the Spanish resort of Benidorm.",
    ],
)
def test_a_country_word_placing_a_named_place_is_no_actor(text: str) -> None:
    assert [m for m in link_text(text, Y2005) if m.actor_code] == []


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [  # twins: the country word acting, or an agent of the place
        ("Italian officials said the island was safe.", "Italian officials", "ITAGOV"),
        ("Greek officials in the port of Piraeus said so.", "Greek officials", "GRCGOV"),
        ("The Russian military retook the city.", "Russian military", "RUSMIL"),
        ("Russia shelled the city of Kharkiv.", "Russia", "RUS"),
    ],
)
def test_country_words_near_places_still_act(text: str, surface: str, code: str) -> None:
    assert _codes(text, Y2005)[surface] == code
