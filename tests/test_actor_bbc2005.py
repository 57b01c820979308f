"""Offices, sectors, residents and undated text on British politics of 2005 (issue 16, new-user
kinds 2-5): "the prime minister" is the holder on the document's date in its country, a title
of a body takes the body's sector, "young Asian men" in a British story are no region, and an
undated text takes the year it names and says its offices are a guess. Every sentence is our
own."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.dates import year_named
from detente.actors.link import get_linker, link_text
from detente.parse.units import text_units

Y2005 = date(2005, 3, 1)
UK = "Tony Blair and Gordon Brown spoke to Labour members in Britain. "


def _found(text: str, day: date = Y2005) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.actor_code, m.person) for m in link_text(text, day)}


# ---- kind 2: titles with the date's office holders -----------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "person"),
    [
        (UK + "The prime minister said Britain would stay the course.", "prime minister",
         "tony-blair"),
        (UK + "Later the chancellor said the budget was balanced.", "chancellor", "gordon-brown"),
        (UK + "The home secretary wants identity cards for everyone.", "home secretary",
         "charles-clarke"),
        (UK + "The foreign secretary flew to Brussels on Monday.", "foreign secretary",
         "jack-straw"),
        ("The British economy grew. Britain's exports rose and the UK's debt fell. The chancellor "
         "was pleased.", "chancellor", "gordon-brown"),
        ("George Bush spoke in Washington about America. The president said the US would act.",
         "president", "george-w-bush"),
    ],
)  # fmt: skip
def test_a_bare_title_is_its_holder_on_the_date_in_the_documents_country(
    text: str, surface: str, person: str
) -> None:
    found = _found(text)
    assert found.get(surface, ("", None))[1] == person, found


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # another country in the sentence: whose president?
        (UK + "The president of France met him in Paris.", "president"),
        (UK + "In Washington the president praised France.", "president"),
        # the title has its own name or body after it
        (UK + "The prime minister of Israel called.", "prime minister"),
        # a title with no single holder stays unlinked to a person
        (UK + "The minister said little.", "minister"),
    ],
)
def test_a_bare_title_names_no_holder_where_the_country_is_in_doubt(
    text: str, surface: str
) -> None:
    found = _found(text)
    assert found.get(surface, ("", None))[1] is None, found


def test_bare_titles_follow_the_date() -> None:
    text = UK + "The home secretary defended the bill."
    assert _found(text, date(2003, 3, 1))["home secretary"][1] == "david-blunkett"
    assert _found(text, date(2005, 3, 1))["home secretary"][1] == "charles-clarke"


# ---- kind 3: a title of a body takes the body's sector ---------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        (UK + "Association of Chief Police Officers president Chris Fox said pubs should pay.",
         "Chris Fox", "GBRCOP"),
        (UK + "Police chief Ian Blair said London was safe.", "Ian Blair", "GBRCOP"),
        (UK + "GMB union leader Kevin Curran said workers were angry.", "Kevin Curran", "GBRLAB"),
        (UK + "Chris Fox, president of the Association of Chief Police Officers, said pubs "
         "should pay.", "Chris Fox", "GBRCOP"),
    ],
)  # fmt: skip
def test_a_title_of_a_body_takes_the_bodys_sector(text: str, surface: str, code: str) -> None:
    found = {m.text: m.actor_code for m in link_text(text, Y2005)}
    assert any(surface in t and c == code for t, c in found.items()), found


@pytest.mark.parametrize(
    "text",
    [
        UK + "Royal Society of Arts president Jane Moss said schools needed money.",
        UK + "Campaign for Real Ale chairman Paul Hegarty said pubs were closing.",
    ],
)
def test_a_title_of_an_unknown_body_is_not_the_government(text: str) -> None:
    mentions = link_text(text, Y2005)
    assert not any(m.actor_code == "GBRGOV" and m.person not in (None, "tony-blair", "gordon-brown")
                   for m in mentions), [(m.text, m.actor_code) for m in mentions]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [  # twins: a state's own titles keep the government
        (UK + "Health Secretary John Reid said waiting lists were falling.", "John Reid",
         "GBRGOV"),
        (UK + "Home Office minister Fiona Mactaggart said the law would change.",
         "Fiona Mactaggart", "GBRGOV"),
        (UK + "Defence Secretary Geoff Hoon visited the troops.", "Geoff Hoon", "GBRGOV"),
    ],
)  # fmt: skip
def test_a_states_own_titles_keep_the_government(text: str, surface: str, code: str) -> None:
    found = {m.text: m.actor_code for m in link_text(text, Y2005)}
    assert any(surface in t and c == code for t, c in found.items()), found


@pytest.mark.parametrize(
    ("day", "code"),
    [(date(2002, 3, 1), "GBRGOV"), (date(2004, 3, 1), "GBRELI"), (date(2005, 3, 1), "GBRGOVLAB")],
)
def test_alastair_campbell_follows_his_dated_roles(day: date, code: str) -> None:
    found = _found("Alastair Campbell said the campaign in Britain was going well.", day)
    assert found["Alastair Campbell"] == (code, "alastair-campbell")


def test_a_title_never_takes_an_office_the_person_holds_only_later() -> None:
    text = "Former Downing Street communications chief Alastair Campbell spoke in Britain."
    codes = {c for c, _ in _found(text, date(2004, 3, 1)).values()}
    assert "GBRGOVLAB" not in codes


# ---- kind 4: residents named by ethnicity or religion ----------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("What will happen to young Asian men in Britain when a bomb goes off?", "Asian"),
        ("Police in Britain stopped many British Asian families.", "Asian"),
        ("Black voters in London backed Labour.", "Black"),
        ("Muslim women in Bradford said the law was unfair.", "Muslim"),
        ("Asian people in Leicester said they felt targeted.", "Asian"),
        ("Hispanic voters in Texas turned out in large numbers.", "Hispanic"),
        ("British Asians voted for Labour in Birmingham.", "Asians"),
    ],
)
def test_residents_named_by_ethnicity_are_no_foreign_region(text: str, word: str) -> None:
    mentions = link_text(text, Y2005)
    assert not any(
        word in m.text and m.actor_code[:3] in ("ASA", "AFR", "MEA", "ARB", "CAR") for m in mentions
    ), [(m.text, m.actor_code) for m in mentions]


@pytest.mark.parametrize(
    ("text", "surface"),
    [  # twins: a region's leaders, governments and forces stay the region
        ("Asian leaders met at the summit in Jakarta.", "Asian leaders"),
        ("Asian governments condemned the nuclear test.", "Asian governments"),
        ("Asian troops joined the mission.", "Asian troops"),
    ],
)
def test_a_regions_leaders_stay_the_region(text: str, surface: str) -> None:
    found = {m.text: m.actor_code for m in link_text(text, Y2005)}
    assert found.get(surface) == "ASA", found


# ---- kind 5: undated text ------------------------------------------------------------------


def test_an_undated_text_takes_the_year_it_names_with_lower_confidence() -> None:
    text = "Barack Obama campaigned hard in the 2016 election. Obama said the vote mattered."
    linker = get_linker()
    today = date(2026, 11, 30)
    dated = {m.text: m for m in linker.link(text_units(text), today)}
    undated = {m.text: m for m in linker.link(text_units(text), today, dated=False)}
    assert dated["Barack Obama"].actor_code == "USAELI"  # published today: out of office
    assert undated["Barack Obama"].actor_code == "USAGOV"  # the year it names: in office
    assert undated["Barack Obama"].confidence < 0.7 < dated["Barack Obama"].confidence


def test_an_undated_text_naming_no_year_gives_no_dated_role_with_lower_confidence() -> None:
    text = "Tony Blair said Britain would act. Britain and France agreed."
    linker = get_linker()
    today = date(2026, 11, 30)
    undated = {m.text: m for m in linker.link(text_units(text), today, dated=False)}
    assert undated["Tony Blair"].actor_code == ""  # issue 14: neither GBRGOV nor GBRELI
    assert undated["Tony Blair"].person == "tony-blair"
    assert undated["Tony Blair"].confidence < 0.7
    assert undated["Britain"].confidence > 0.9  # a country's code rests on no date


def test_an_undated_text_keeps_the_office_its_people_hold_on_the_day_read() -> None:
    text = "Keir Starmer said Britain would act. Emmanuel Macron agreed."
    found = {m.text: m for m in get_linker().link(text_units(text), date(2026, 11, 30), False)}
    assert found["Keir Starmer"].actor_code == "GBRGOV" and found["Keir Starmer"].confidence < 0.7
    assert found["Emmanuel Macron"].actor_code == "FRAGOV"


@pytest.mark.parametrize("text", ["The bill cost £2,016 million.", "It weighed 2016.5 tonnes."])
def test_numbers_that_are_no_years_give_no_date(text: str) -> None:
    assert year_named([text], date(2026, 1, 1)) is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("In 2014 the two leaders pledged to cut emissions by 2025.", 2014),
        ("The 2012 accord runs until 2024 and sets a 2020 target.", 2012),
        ("Talks held in 2009 aim to halve poverty by the end of 2015.", 2009),
        ("The ministers met in 2011 and set the 2025 goal.", 2011),
        ("Emissions rose 3% from 2010 to 2013, the report said.", 2013),  # a past range
        ("In 2013, the two sides met in Geneva.", 2013),  # a year before a comma
    ],
)
def test_deadlines_and_horizons_do_not_date_an_undated_text(text: str, year: int) -> None:
    """Only the years a text is written from count: "by 2025", "until 2024", "the 2020
    target" are what it plans (an article of 2014 naming 2025 is no article of 2025)."""
    found = year_named([text], date(2026, 1, 1))
    assert found is not None and found.year == year


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        (UK + "Departments get their money from the Treasury.", "Treasury", "GBRGOV"),
        (UK + "The Cabinet met on Tuesday.", "Cabinet", "GBRGOV"),
        (UK + "Number 10 said ministers were busy.", "Number 10", "GBRGOV"),
        (UK + "Downing Street denied the report.", "Downing Street", "GBRGOV"),
        ("George Bush spoke about America. The Treasury sold bonds.", "Treasury", "USAGOV"),
    ],
)
def test_seats_of_government_take_the_documents_country(text: str, surface: str, code: str) -> None:
    found = {m.text: m.actor_code for m in link_text(text, Y2005)}
    assert found.get(surface) == code, found


def test_the_shadow_cabinet_is_not_the_government() -> None:
    text = "Michael Howard spoke in Britain. The shadow Cabinet had weighed up the arguments."
    assert all(m.actor_code != "GBRGOV" for m in link_text(text, Y2005))
