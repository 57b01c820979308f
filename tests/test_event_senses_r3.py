"""Codes by sense and acts that need a target (issue 14, round 3): measures are no support,
visits, hosting and aid need someone they are done to, pretended attacks are no attacks."""

from datetime import date

import pytest

from detente.events.coder import code_text


def _codes(text: str) -> set[str]:
    return {e.cameo for e in code_text(text, date(2016, 5, 1))}


@pytest.mark.parametrize(
    "text",
    [
        "A new poll tracks Americans' support for the candidates.",
        "Trump's support among Republican voters rose to 60 percent.",
        "Hillary Clinton was supported by 42 percent of voters in the poll.",
        "Forty percent of Republicans back Donald Trump.",
    ],
)
def test_measures_are_no_support(text: str) -> None:
    assert "051" not in _codes(text)


@pytest.mark.parametrize(
    "text",
    ["Germany supported France in the dispute.", "Japan increased its support for Ukraine."],
)
def test_support_twins_kept(text: str) -> None:
    assert "051" in _codes(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Some staffers received partial immunity from prosecution.", "043"),
        ("Donald Trump has mentioned refinancing student loans.", "071"),
        ("Police patrol problem hotspots in Chicago.", "150"),
        ("Schools are seizing the tools from students.", "171"),
        ("Russian military aircraft were probing along the borders of Estonia.", "090"),
    ],
)
def test_acts_without_target_dropped(text: str, code: str) -> None:
    assert code not in _codes(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Merkel received Obama in Berlin.", "043"),
        ("Obama headed to Germany on Sunday.", "042"),
        ("Britain gave asylum to the dissident.", "075"),
        ("Brazil's federal police probed the attack on Congress.", "090"),
        ("Iran seized a tanker in the Strait of Hormuz.", "1711"),
    ],
)
def test_twins_with_target_or_recipient_kept(text: str, code: str) -> None:
    assert code in _codes(text)


@pytest.mark.parametrize(
    ("text", "code", "not_code"),
    [
        ("Putin acknowledged that Russia had made mistakes.", "010", "015"),
        ("Hamas acknowledged responsibility for the attack.", "015", "010"),
        ("Police fired tear gas at protesters in Caracas.", "175", "190"),
        ("Israeli troops fired rubber bullets at Palestinian protesters.", "175", "190"),
        ("Chinese coast guard vessels blocked Philippine boats.", "191", "120"),
        ("Chinese coast guard ships blocked a Philippine resupply convoy.", "191", "120"),
    ],
)
def test_codes_by_sense(text: str, code: str, not_code: str) -> None:
    codes = _codes(text)
    assert code in codes and not_code not in codes


@pytest.mark.parametrize(
    "text",
    [
        "Russia simulated an attack on Bornholm.",
        "Russian troops rehearsed an invasion of the Baltic states.",
    ],
)
def test_pretended_attacks_are_no_attacks(text: str) -> None:
    assert not {c for c in _codes(text) if c[:2] in ("18", "19", "20")}


def test_real_attack_kept() -> None:
    assert "190" in _codes("Russia launched an attack on Ukraine.")


@pytest.mark.parametrize(
    ("text", "code"),
    [  # ordinary senses of give, meet and mobilise (a new user's second trial)
        ("Russian officials gave no further details about the talks.", "070"),
        ("Iran's foreign minister gave a speech at the United Nations.", "070"),
        ("China gave its reasons for the delay on Tuesday.", "070"),
        ("Hyundai built a plant in India to meet demand for cars.", "040"),
        ("Pakistan met its deficit target for the year.", "040"),
        ("The EU failed to meet the deadline for the deal.", "040"),
        ("The campaign is trying to mobilize black Florida voters.", "154"),
        ("Turkey mobilised support among its allies.", "154"),
    ],
)
def test_ordinary_senses_of_give_meet_and_mobilise(text: str, code: str) -> None:
    assert code not in _codes(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The United States gave Ukraine $1 billion in military aid.", "072"),
        ("Germany will give Poland two Patriot batteries.", "0332"),  # intent (roles.yaml)
        ("Putin met Xi Jinping in Beijing on Monday.", "040"),
        ("Russia mobilised 300,000 reservists.", "154"),
        ("Armenia mobilized its troops along the border.", "154"),
    ],
)
def test_political_twins_of_give_meet_and_mobilise(text: str, code: str) -> None:
    assert code in _codes(text)


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [  # a person attacking a person, or no one named, in words; force against a country stays
        ("Zelensky attacked Putin in a speech.", date(2023, 9, 13), "111"),
        ("Trump attacked other candidates on stage.", date(2016, 9, 13), "111"),
        ("Emmanuel Macron hit back at Giorgia Meloni on Friday.", date(2023, 9, 13), "111"),
        ("Putin attacked Ukraine in February 2022.", date(2023, 9, 13), "190"),
        ("Russian troops attacked Ukrainian positions.", date(2023, 9, 13), "190"),
        ("Netanyahu attacked Hamas targets in Gaza.", date(2023, 11, 13), "190"),
        ("Biden hit Russia with new sanctions.", date(2023, 9, 13), "163"),
    ],
)
def test_attacks_between_people_are_words(text: str, day: date, expected: str) -> None:
    assert expected in {e.cameo for e in code_text(text, day)}
