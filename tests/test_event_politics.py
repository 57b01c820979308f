"""Domestic politics on real news: attacks between unarmed actors of one country are words,
passives of belief and report keep what they raise apart, summoning is no telephone call, and
ceding needs something ceded."""

from datetime import date

import pytest

from detente.events.coder import code_text

DAY = date(2005, 3, 1)


def _events(text: str, day: date = DAY) -> list[tuple[str, str, str, str]]:
    return [(e.source, e.cameo, e.target, e.modality) for e in code_text(text, day)]


@pytest.mark.parametrize(
    "text",
    [
        "Labour attacked the Conservatives over their immigration plans.",
        "The Liberal Democrats attacked Labour on tuition fees.",
        "Republican senators attacked the plan on Tuesday.",
        "The opposition party hit out at the government over rising prices.",
    ],
)
def test_attacks_in_domestic_politics_are_words(text: str) -> None:
    codes = {e[1] for e in _events(text)}
    assert not any(c.startswith(("18", "19", "20")) for c in codes), codes


@pytest.mark.parametrize(
    "text",
    [
        "The Nigerian army attacked Boko Haram positions near Maiduguri.",
        "Russia attacked Ukraine with drones overnight.",
        "Hamas attacked Israeli towns near the border.",
    ],
)
def test_attacks_by_forces_stay_force(text: str) -> None:
    assert any(e[1].startswith(("18", "19")) for e in _events(text, date(2024, 3, 1)))


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Many EU ministers are thought to support the plan.", "hypothetical"),
        ("Germany is believed to oppose the sanctions on China.", "hypothetical"),
        ("Iran is said to have supplied drones to Russia.", "reported"),
        ("North Korea is reported to have sent troops to Russia.", "reported"),
    ],
)
def test_raising_passives_keep_the_act_apart(text: str, modality: str) -> None:
    events = _events(text, date(2024, 3, 1))
    assert events and all(e[3] == modality for e in events), events


def test_the_plain_twin_is_factual() -> None:
    events = _events("Iran supplied drones to Russia.", date(2024, 3, 1))
    assert events and events[0][3] == "factual"


@pytest.mark.parametrize(
    "text",
    [
        "The police were called but the attacker had fled.",
        "An ambulance was called to the scene in Kabul.",
        "The French ambassador was called a liar by the Turkish minister.",
    ],
)
def test_summoning_is_no_telephone_call(text: str) -> None:
    assert "041" not in {e[1] for e in _events(text)}


def test_ceding_needs_something_ceded() -> None:
    events = _events("Obama warned about ceding the White House to Trump.", date(2016, 9, 1))
    assert not any(e[1].startswith("08") for e in events)
    assert any(
        e[1] == "0842" for e in _events("Armenia ceded territory to Azerbaijan.", date(2021, 1, 1))
    )


@pytest.mark.parametrize(
    "text",
    [
        "Europe's borders were being defended by some of its weakest countries.",
        "Greece defended its borders against the migrants.",
        "Ukrainian troops defended the city for three months.",
        "Israel said it would defend its airspace.",
    ],
)
def test_defending_places_is_no_statement(text: str) -> None:
    assert "052" not in {e[1] for e in _events(text, date(2024, 3, 1))}


@pytest.mark.parametrize(
    "text",
    [
        "Putin defended the sale of the oil company to Rosneft.",
        "France defended Germany's decision to close the border.",
    ],
)
def test_defending_a_decision_is_a_statement(text: str) -> None:
    assert "052" in {e[1] for e in _events(text, date(2024, 3, 1))}


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Israel faced sharp criticism from France over the strikes.", "FRA", "ISR"),
        ("The UN came under criticism from Saudi Arabia.", "SAU", "IGO"),
        ("Russia received condemnation from the EU.", "IGO", "RUS"),
        ("Turkey drew condemnation from Greece after the drills.", "GRC", "TUR"),
    ],
)
def test_the_subject_undergoes_what_it_faces(text: str, source: str, target: str) -> None:
    critical = [e for e in _events(text, date(2024, 3, 1)) if e[1].startswith("11")]
    assert critical and all(e[0].startswith(source) and e[2].startswith(target) for e in critical)


@pytest.mark.parametrize(
    "text",
    [
        "Clinton has escaped charges over the emails.",
        "The minister avoided censure from parliament.",
    ],
)
def test_what_is_escaped_did_not_happen(text: str) -> None:
    assert not any(e[1].startswith("11") for e in _events(text, date(2016, 3, 1)))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Indian navy captured 23 pirates off the coast.", "173"),
        ("Ukrainian troops captured two Russian soldiers near Bakhmut.", "173"),
        ("Russian forces captured the town of Avdiivka.", "192"),
    ],
)
def test_capturing_people_is_detention_places_occupation(text: str, code: str) -> None:
    assert code in {e[1] for e in _events(text, date(2024, 3, 1))}


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("EU ministers are to discuss the plan with Turkey on Thursday.", "future"),
        ("Putin is to visit Beijing next month.", "future"),
        ("Russia's aim was to capture Kyiv.", "intent"),
    ],
)
def test_be_to_is_a_schedule_or_an_aim(text: str, modality: str) -> None:
    events = _events(text, date(2024, 3, 1))
    assert events and all(e[3] == modality for e in events), events


def test_to_blame_stays_an_accusation() -> None:
    events = _events("Putin is to blame for the war, Zelensky said.", date(2024, 3, 1))
    assert any(e[1] == "112" and e[3] == "reported" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "The deal, struck at the European Council in Brussels, gives Britain a rebate.",
        "China's huge demand for air travel lifted Boeing's sales.",
        "Australia said they were the best meetings we can recall.",
        "Four British soldiers died in the Iraq war.",
        "Aid agencies warned that the Darfur crisis would worsen.",
    ],
)
def test_words_of_business_memory_and_scenes_are_no_acts(text: str) -> None:
    coded = _events(text)
    assert not any(e[0] and e[1][:2] in ("10", "16", "19") for e in coded), coded


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russia recalled its ambassador from Lithuania.", "161"),
        ("The US invasion of Iraq began in 2003.", "19"),
        ("Russia's war in Ukraine entered its third year.", "190"),
    ],
)
def test_acts_beside_them_stay(text: str, code: str) -> None:
    assert any(e[1].startswith(code) for e in _events(text, date(2024, 3, 1)))


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Two Italians abducted in northern Mali", "ITA"),
        ("French journalist detained in Moscow", "FRA"),
    ],
)
def test_a_headline_passive_makes_its_subject_the_target(text: str, victim: str) -> None:
    events = _events(text, date(2024, 3, 1))
    assert events and all(e[0] != victim for e in events), events


@pytest.mark.parametrize(
    "text",
    [
        "Egyptian pilgrims protested in Cairo.",
        "Egyptian pilgrims protested in Cairo",
        "Kenyan students rallied in Nairobi",
    ],
)
def test_who_protests_or_rallies_stays_the_source(text: str) -> None:
    events = _events(text, date(2020, 1, 1))
    assert events and all(e[0] for e in events), events
