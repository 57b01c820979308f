"""Events round 8b (issue 14), recall where both actors are linked but no event links them:
easing sanctions "against X" yields to X; coordinated parties that agree agree with each other;
a ceasefire in a country is toward it; seeking refuge or asylum in a country asks it; a thing
requested "from X" is asked of X; a sum given to X funds X. Sentences written for this test,
with twins that must stay uncoded or keep their own reading."""

from __future__ import annotations

from datetime import date

import pytest

from detente.events.cameo import load_lexicon
from detente.events.coder import code_text
from detente.events.roles import load_roles

DAY = date(2024, 5, 1)


def codes(text: str) -> set[tuple[str, str, str]]:
    return {(e.source, e.cameo, e.target) for e in code_text(text, DAY)}


def targets(text: str) -> set[str]:
    return {e.target for e in code_text(text, DAY)}


# ---- 1. easing sanctions or restrictions "against X" yields to X -------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The United States lifted its sanctions against Sudan on Friday.", ("USA", "085", "SDN")),
        ("Japan eased economic sanctions against India.", ("JPN", "085", "IND")),
        ("The European Union lifted the arms embargo against Libya.", ("IGOEUREEC", "085", "LBY")),
        ("Canada waived sanctions against Venezuela.", ("CAN", "085", "VEN")),
        ("Britain removed sanctions against Zimbabwe last year.", ("GBR", "085", "ZWE")),
        ("President Obama eased restrictions against Cuba.", ("USAGOV", "081", "CUB")),
        ("The EU has rolled back sanctions against Belarus.", ("IGOEUREEC", "085", "BLR")),
    ],
)
def test_easing_sanctions_against_a_country_yields_to_it(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in codes(text)


@pytest.mark.parametrize(
    ("text", "adversary"),
    [  # twins: "against" still names the adversary of other acts of yielding and of aid
        ("Russia withdrew its troops from the fight against Islamic State.", "IMGSEPISI"),
        ("France withdrew its soldiers from the coalition against the Taliban.", "AFGTAL"),
        ("Germany sent weapons to the Kurds against Islamic State.", "IMGSEPISI"),
    ],
)
def test_against_still_names_no_partner_of_withdrawal_or_aid(text: str, adversary: str) -> None:
    found = code_text(text, DAY)
    assert found  # the act itself is still coded
    assert adversary not in {e.target for e in found}


# ---- 2. coordinated parties that agree agree with each other -----------------------------------


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("India and Pakistan agreed to resume trade.", "IND", "PAK"),
        ("Japan and South Korea have agreed to share military intelligence.", "JPN", "KOR"),
        ("Egypt and Sudan agreed to open their border.", "EGY", "SDN"),
        ("China and Russia agreed to expand trade.", "CHN", "RUS"),
        ("Armenia and Azerbaijan agreed to exchange prisoners.", "ARM", "AZE"),
    ],
)
def test_coordinated_parties_that_agree_are_each_others_partner(
    text: str, first: str, second: str
) -> None:
    pairs = {(s, t) for s, c, t in codes(text) if c.startswith("03")}
    assert (first, second) in pairs
    assert (second, first) in pairs


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [  # twins: a named partner or recipient stays the target; side-by-side acts stay apart
        (
            "France and Germany agreed with Britain on the plan.",
            ("FRA", "019", "GBR"),
            ("FRA", "019", "DEU"),
        ),
        (
            "France and Germany agreed to send troops to Mali.",
            ("FRA", "030", "MLI"),
            ("FRA", "030", "DEU"),
        ),
        ("France and Germany condemned the attack.", ("FRA", "111", ""), ("FRA", "111", "DEU")),
    ],
)
def test_agreement_with_a_named_third_party_keeps_it(
    text: str, expected: tuple[str, str, str], absent: tuple[str, str, str]
) -> None:
    found = codes(text)
    assert expected in found
    assert absent not in found


# ---- 3. a ceasefire in a country is toward it --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ELN declared a ceasefire in Colombia.", ("COLREBELN", "0871", "COL")),
        (
            "The Libyan government announced a ceasefire in Libya on Friday.",
            ("LBYGOV", "0871", "LBY"),
        ),
        ("The Houthis declared a truce in Yemen.", ("YEMREBHOU", "0871", "YEM")),
        ("Turkey and Russia announced a ceasefire in Syria.", ("TUR", "0871", "SYR")),
        ("The Syrian army ceased its military operations in Syria.", ("SYRMIL", "087", "SYR")),
    ],
)
def test_ceasefire_in_a_country_is_toward_it(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


def test_ceasefire_with_a_named_party_keeps_the_party() -> None:
    assert ("ISR", "0356", "PSEREBHMS") in codes("Israel agreed to a ceasefire with Hamas.")


def test_talks_in_a_city_still_name_no_target() -> None:
    assert "CHE" not in targets("Iran held talks with France in Switzerland.")


# ---- 4. seeking refuge or asylum in a country asks it ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thousands of Syrians sought refuge in Turkey.", ("SYR", "0233", "TUR")),
        ("Many Afghans have sought asylum in Germany.", ("AFG", "0233", "DEU")),
        ("Hundreds of Venezuelans sought asylum in Colombia.", ("VEN", "0233", "COL")),
    ],
)
def test_seeking_refuge_in_a_country_asks_it(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


@pytest.mark.parametrize(
    "text",
    [  # twins: shelter from bombs, solutions and talks sought are no appeal for refuge
        "Ukrainians sought shelter in basements.",
        "Ukrainians sought shelter in Poland.",
        "Britain seeks a solution in Syria.",
        "Turkey seeks influence in Libya.",
    ],
)
def test_other_things_sought_are_no_appeal_for_refuge(text: str) -> None:
    assert not any(c.startswith("02") for _, c, _ in codes(text))


# ---- 5. a thing requested "from X" is asked of X -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukraine requested more weapons from Germany.", ("UKR", "0232", "DEU")),
        ("Mexico requested help from the United States.", ("MEX", "023", "USA")),
        ("Iraq asked for assistance from Iran.", ("IRQ", "023", "IRN")),
    ],
)
def test_thing_requested_from_an_actor_is_asked_of_it(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in codes(text)


def test_request_with_no_one_asked_has_no_target() -> None:
    assert ("UKR", "0232", "") in codes("Ukraine requested more weapons.")


def test_inquiry_called_for_is_still_not_addressed_to_what_it_looks_into() -> None:
    assert "USAGOV" not in targets("Germany called for an inquiry into the FBI.")


# ---- 6. a sum given to an actor funds it -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Canada gave $2 million to Nigeria.", ("CAN", "071", "NGA")),
        ("Japan gave 5 billion yen to Indonesia.", ("JPN", "071", "IDN")),
        ("Germany gave 3 million euros to Ukraine.", ("DEU", "071", "UKR")),
    ],
)
def test_sum_given_to_an_actor_funds_it(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


@pytest.mark.parametrize(
    "text",
    [  # twins: numbers that are no sum handed over
        "Obama gave a speech to 2 million viewers in Kenya.",
        "Russia gave Ukraine 5 million reasons to worry.",
        "The minister gave no details to Japan.",
    ],
)
def test_numbers_given_that_are_no_sum_fund_nothing(text: str) -> None:
    assert not any(c.startswith("07") for _, c, _ in codes(text))


# ---- the knowledge is data ---------------------------------------------------------------------


def test_place_targets_and_code_prefixes_are_read_from_data() -> None:
    lexicon = load_lexicon()
    assert lexicon.nouns["ceasefire"].place_targets == ("in",)
    roles = load_roles()
    assert "against" in roles.target_preps(("against",), "085")
    assert "against" not in roles.target_preps(("against",), "087")
    assert "against" not in roles.target_preps(("against",), "072")
