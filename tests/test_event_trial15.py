"""Events round 7 (issue 14): figurative and non-political senses of force words found by a
fresh user on real articles. A gerund used as a clause's subject is a way of acting, no act;
crime against shops and banks is no state's act; withdrawing content is no pullout; drilling
for oil is no military exercise; cutting one's own budget or offices is no cut in aid.
Sentences written for this test, with twins that must keep their events."""

from __future__ import annotations

from datetime import date

import pytest

from detente.events.coder import code_text

DAY = date(2024, 5, 1)


def codes(text: str) -> set[tuple[str, str, str]]:
    return {(e.source, e.cameo, e.target) for e in code_text(text, DAY)}


def has(found: set[tuple[str, str, str]], prefix: str) -> bool:
    return any(c.startswith(prefix) for _, c, _ in found)


# ---- 1a. a gerund as a clause's subject: no act ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("Labour believed attacking Mr Campbell had brought the Tories trouble.", "1"),
        ("The BBC said attacking Mr Campbell had brought it trouble.", "1"),
        ("The Tories found that attacking Mr Blair only helped him.", "1"),
        ("Critics said that attacking Iran would be a mistake.", "19"),
        ("Israel said attacking Iran was necessary.", "19"),
        ("Tory strategists think criticising Mr Blair has helped them.", "11"),
        ("Sanctioning Russia has hurt Europe's economy.", "16"),
    ],
)
def test_gerund_subject_is_no_act(text: str, prefix: str) -> None:
    assert not has(codes(text), prefix)


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: gerunds with their doer and finite attacks stay
        ("Russia continued attacking Ukraine.", ("RUS", "190", "UKR")),
        (
            "The Conservatives attacked Gordon Brown over the economy.",
            ("GBRGOVCON", "111", "GBRELI"),
        ),
        ("Labour attacked the Tories' tax plans.", ("GBROPPLAB", "111", "GBRGOVCON")),
        ("Russia attacked Ukraine.", ("RUS", "190", "UKR")),
    ],
)
def test_gerund_subject_twins(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 1b. crime against shops and banks: no state's act -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Paris Store Hit by $2.6 Million Jewelry Heist",
        "London Bank Hit by Armed Robbery",
        "Tokyo Jeweller Hit By Thieves",
        "A Moscow jewellery shop was hit by armed robbers.",
        "Thieves hit a London bank.",
        "Burglars attacked a Berlin museum overnight.",
    ],
)
def test_crime_is_no_force(text: str) -> None:
    assert not has(codes(text), "19")


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: armed states and groups hitting places keep force
        ("Kyiv Hit by Russian Missiles", ("RUSMIL", "190", "UKR")),
        ("Israel Hit by Hezbollah Rockets", ("LBNREBHEZ", "190", "ISR")),
        ("Russian missiles hit a Kyiv shopping centre.", ("RUSMIL", "190", "UKR")),
    ],
)
def test_force_twins(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 1c. withdrawn content is no pullout -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The election posters were withdrawn from the Conservative party's website.",
        "Labour withdrew the advert from its website.",
        "The BBC withdrew the programme from its schedule.",
        "The ministry withdrew the video after complaints.",
        "Pfizer withdrew the drug from the French market.",
        "The Tories withdrew the leaflet on Monday.",
    ],
)
def test_withdrawn_content_is_no_pullout(text: str) -> None:
    assert not has(codes(text), "087")


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: forces and envoys withdrawn
        ("Russia withdrew its troops from Kherson.", ("RUS", "087", "")),
        ("Russia withdrew from Kherson.", ("RUS", "087", "")),
        ("The US withdrew its ambassador from Moscow.", ("USA", "161", "RUS")),
    ],
)
def test_withdrawal_twins(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 1d. drilling for oil is no military exercise ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Obama will open the Arctic to drilling.",
        "The president wants to open more federal land to oil drilling.",
        "The US will open new areas to offshore drilling.",
        "Norway allowed drilling in the Barents Sea.",
        "Turkey resumed drilling off Cyprus.",
    ],
)
def test_drilling_is_no_exercise(text: str) -> None:
    assert not has(codes(text), "062")


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: drills as nouns stay
        ("Russia began military drills near Ukraine.", ("RUS", "062", "")),
        ("China held drills near Taiwan.", ("CHN", "062", "")),
    ],
)
def test_drills_twins(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 1e. cutting one's own budget or offices is no cut in aid ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Lib Dems would cut the number of Whitehall departments.",
        "Germany will cut its defence budget.",
        "Britain will slash the budget of the Foreign Office.",
        "The government plans to reduce the number of ministries.",
        "France will cut its education budget by 2 percent.",
    ],
)
def test_own_cuts_are_no_aid_cut(text: str) -> None:
    assert not has(codes(text), "162")


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: cuts in aid to another actor
        ("The US cut military aid to Egypt.", ("USA", "1622", "EGY")),
        ("Washington cut economic aid to Pakistan.", ("USA", "1621", "PAK")),
    ],
)
def test_aid_cut_twins(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 3. the subject, target or victim of an act is never its source ----------------------------


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Two states have been the subject of hacking.", ""),
        ("Washington has been the subject of Russian hacking attempts.", "USA"),
        ("The United States has been the target of cyberattacks.", "USA"),
        ("Ukraine has been the victim of Russian aggression.", "UKR"),
        ("Israel was the target of rocket attacks from Gaza.", "ISR"),
        ("Russia was the target of a Ukrainian drone attack.", "RUS"),
        ("Germany has been the victim of Chinese cyberattacks.", "DEU"),
    ],
)
def test_victim_is_never_the_source(text: str, victim: str) -> None:
    assert not any(s[:3] == victim and s for s, _, _ in codes(text))


# ---- 4. joint acts: side by side, not toward each other ----------------------------------------


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Russia and China issued a joint statement criticising the US.", ("RUS", "CHN")),
        ("France and Germany issued a joint statement on Ukraine.", ("FRA", "DEU")),
        ("The US and Britain launched joint strikes on the Houthis.", ("USA", "GBR")),
        ("Egypt and Qatar made a joint appeal for a ceasefire.", ("EGY", "QAT")),
        ("France and Germany unveiled a joint proposal on migration.", ("FRA", "DEU")),
    ],
)
def test_joint_acts_are_not_toward_each_other(text: str, pair: tuple[str, str]) -> None:
    found = codes(text)
    a, b = pair
    assert not any({s[:3], t[:3]} == {a, b} for s, _, t in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: joint exercises, fighting and truces stay mutual; joint acts keep each doer
        ("Russia and China held joint exercises.", ("CHN", "062", "RUS")),
        ("Armenia and Azerbaijan fought.", ("AZE", "190", "ARM")),
        ("Israel and Hamas declared a truce.", ("PSEREBHMS", "0871", "ISR")),
        ("The US and Britain launched joint strikes on the Houthis.", ("GBR", "190", "YEMREBHOU")),
        ("France and Germany issued a joint statement on Ukraine.", ("DEU", "010", "UKR")),
    ],
)
def test_joint_twins(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 5. "Both the IMF and World Bank": a coordination the parser folded into one name ----------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Both the IMF and World Bank have urged Egypt to reform.", ("IGOIMF", "024", "EGY")),
        ("Both the IMF and World Bank have urged Egypt to reform.", ("IGOWBK", "024", "EGY")),
        ("The IMF and World Bank urged Ghana to cut spending.", ("IGOIMF", "020", "GHA")),
        ("Both the EU and NATO have urged Serbia to show restraint.", ("IGOWSTNAT", "0256", "SRB")),
        ("Both the UN and African Union condemned the coup in Niger.", ("IGOUNO", "111", "NER")),
        # twin: one actor stays one
        ("The World Bank urged Egypt to reform.", ("IGOWBK", "024", "EGY")),
    ],
)
def test_folded_coordination_gives_each_source(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 6. a modal about the object does not scope over the main verb -----------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US negotiated with Russia, which may be reluctant to agree.", ("USA", "046", "RUS")),
        ("Britain is talking with Iran, which might refuse.", ("GBR", "040", "IRN")),
    ],
)
def test_relative_modal_leaves_the_main_act_factual(
    text: str, expected: tuple[str, str, str]
) -> None:
    found = {(e.source, e.cameo, e.target): e for e in code_text(text, DAY)}
    assert expected in found
    assert found[expected].modality == "factual"


def test_questioning_a_commitment_is_no_commitment() -> None:
    found = codes("Some senators question the wisdom of committing to Ukraine.")
    assert not has(found, "03")
    assert ("USA", "030", "UKR") in codes("The US committed to Ukraine.")  # twin


# ---- 7. a passive's event-noun subject is what the verb acts on: "the charge was denied" -------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The charge was denied by Russia.", ("RUS", "016", "")),
        ("That charge was denied by Mr Mandelson.", ("GBRELI", "016", "")),
        ("The accusation was denied by Moscow.", ("RUS", "016", "")),
        ("The charges were denied by China.", ("CHN", "016", "")),
        ("The attack was condemned by France.", ("FRA", "111", "")),
        # twin: the active denial
        ("Russia denied the charge.", ("RUS", "016", "")),
    ],
)
def test_passive_with_event_subject_is_coded(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


@pytest.mark.parametrize(
    "text",
    [  # twins: an event noun that does the verb is the event, no strike
        "New sanctions hit Mexico.",
        "The sanctions hit Russian banks hard.",
    ],
)
def test_event_subject_doing_the_verb_is_no_strike(text: str) -> None:
    assert not has(codes(text), "19")
