"""Kinds from the fifth trial on real articles: a warning against an act is an appeal to refrain,
no threat; a politician or an unknown name "attacking" someone attacks with words; "offered no
proof" offers nothing; an event noun told in passing toward no one ("her support for the deal")
is no event; a consultation told as planned ("will meet") is an intent to meet (036). Sentences
written for these tests, each kind with twins that must keep their events."""

from __future__ import annotations

from datetime import date

import pytest

from detente.events.coder import code_text
from detente.events.roles import load_roles
from detente.model import Event

DAY = date(2024, 5, 1)


def events(text: str) -> list[Event]:
    return code_text(text, DAY)


def coded(text: str) -> list[tuple[str, str, str]]:
    return [(e.source, e.cameo, e.target) for e in events(text)]


# ---- warnings against an act ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Putin warned Finland against joining NATO.", "RUSGOV", "FIN"),
        ("The French president warned Iran against enriching uranium further.", "FRAGOV", "IRN"),
        ("Washington warned Beijing against any move on Taiwan.", "USA", "CHN"),
        ("Japan warned China against sending ships into its waters.", "JPN", "CHN"),
        ("The Indian foreign minister warned Pakistan against supporting militants.", "INDGOV",
         "PAK"),
        ("Brussels warned Hungary against blocking the aid package.", "IGOEUREEC", "HUN"),
    ],
)  # fmt: skip
def test_a_warning_against_an_act_is_an_appeal_not_a_threat(
    text: str, source: str, target: str
) -> None:
    found = coded(text)
    assert (source, "020", target) in found, found
    assert not [c for _, c, _ in found if c.startswith("13")], found


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russia warned Ukraine of a tough response.", "138"),
        ("Iran warned Israel of retaliation.", "138"),
        ("Moscow warned Washington of consequences.", "130"),
    ],
)
def test_a_warning_of_what_the_warner_will_do_stays_a_threat(text: str, code: str) -> None:
    assert code in {e.cameo for e in events(text)}, coded(text)


# ---- "attacked" with words -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Mandela attacked Western governments over their silence.", "ZAFELI"),
        ("Corbyn attacked Israel over the raid.", "GBRELI"),
    ],
)
def test_a_politician_without_forces_attacks_with_words(text: str, source: str) -> None:
    found = events(text)
    assert [e.cameo for e in found if e.source == source] == ["111"], coded(text)
    assert not [e for e in found if e.root in ("18", "19", "20")], coded(text)


@pytest.mark.parametrize(
    "text",
    [
        "Gandhi has attacked British imperialists.",
        "Farage attacked the European Union in a speech.",
    ],
)
def test_an_unknown_name_attacking_is_no_force(text: str) -> None:
    assert not [e for e in events(text) if e.root in ("18", "19", "20")], coded(text)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Russia attacked Ukraine overnight.", "RUS", "UKR"),
        ("Putin attacked Ukraine in 2022.", "RUSGOV", "UKR"),
        ("Hamas attacked Israel on October 7.", "PSEREBHMS", "ISR"),
    ],
)
def test_an_attack_by_a_country_its_leader_or_an_armed_group_stays_force(
    text: str, source: str, target: str
) -> None:
    assert (source, "190", target) in coded(text), coded(text)


# ---- offers of nothing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The minister offered no evidence for the claim that Iran had armed the rebels.",
        "The White House offered few details about the talks with China.",
        "Germany offered no explanation for the delay.",
        "The Kremlin offered no proof that Ukraine was behind the attack.",
        "Beijing offered little insight into its plans for Taiwan.",
    ],
)
def test_offering_no_proof_is_no_offer(text: str) -> None:
    assert not [e for e in events(text) if e.root == "03"], coded(text)


@pytest.mark.parametrize(
    ("text", "code", "target"),
    [
        ("Japan offered aid to the Philippines.", "033", "PHL"),
        ("Qatar offered to mediate between Israel and Hamas.", "039", "ISR"),
    ],
)
def test_offers_of_aid_and_mediation_are_kept(text: str, code: str, target: str) -> None:
    assert any(e.cameo == code and e.target == target for e in events(text)), coded(text)


# ---- event nouns told in passing -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Voters praised Merkel's support for the trade deal.",
        "Observers noted Modi's appeal among young voters.",
        "Analysts doubted Erdogan's commitment to reform.",
        "Critics questioned Macron's backing for the pension plan.",
        "The debate showed the strength of Putin's appeal at home.",
    ],
)
def test_an_event_noun_toward_no_one_told_in_passing_is_no_event(text: str) -> None:
    found = events(text)
    assert not [e for e in found if e.root in ("02", "03", "05")], coded(text)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Moscow's invasion of Ukraine drove up grain prices.", ("RUS", "192", "UKR")),
        ("Palestinians protested against the Israeli raid in Jenin.", ("ISR", "190", "")),
    ],
)
def test_an_invasion_or_a_raid_told_in_passing_is_kept(
    text: str, event: tuple[str, str, str]
) -> None:
    assert event in coded(text), coded(text)


# ---- planned meetings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Putin will meet Erdogan in Ankara next week.", "RUSGOV", "TURGOV"),
        ("Modi is to visit Washington in June.", "INDGOV", "USA"),
        ("The Chinese foreign minister plans to visit Moscow next month.", "CHNGOV", "RUS"),
        ("Blinken will hold talks with his Saudi counterpart on Sunday.", "USAGOV", "SAUGOV"),
        ("The Japanese prime minister will host the Australian prime minister in Tokyo next "
         "week.", "JPNGOV", "AUSGOV"),
    ],
)  # fmt: skip
def test_a_planned_consultation_is_an_intent_to_meet(text: str, source: str, target: str) -> None:
    found = events(text)
    assert (source, "036", target) in coded(text), coded(text)
    assert not [e for e in found if e.root == "04"], coded(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Blinken held talks with his Saudi counterpart on Sunday.", "040"),
        ("The Chinese foreign minister visited Moscow last month.", "042"),
        ("Putin met Erdogan in Ankara on Monday.", "040"),
    ],
)
def test_a_meeting_that_happened_keeps_its_code(text: str, code: str) -> None:
    found = events(text)
    assert code in {e.cameo for e in found} and all(e.modality == "factual" for e in found), coded(
        text
    )


def test_a_refused_meeting_is_a_rejection_not_an_intent() -> None:
    found = events("Putin will not meet Zelensky.")
    assert ("RUSGOV", "125", "UKRGOV") in coded("Putin will not meet Zelensky."), found
    assert not [e for e in found if e.cameo == "036"]


def test_intent_codes_are_checked_against_the_codebook() -> None:
    intents = load_roles().intents
    assert intents["040"] == "036" and all(v.startswith("03") for v in intents.values())


# ---- an act stopped by the subject is not the subject's act ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A German naval helicopter thwarted an attack on a freighter off Yemen.",
        "Indian commandos foiled an attack by pirates on a tanker.",
        "Egypt prevented an attack on the canal.",
        "French warships averted an assault on the convoy.",
    ],
)
def test_who_thwarts_an_attack_did_not_attack(text: str) -> None:
    assert not [e for e in events(text) if e.root in ("18", "19", "20")], coded(text)


def test_an_attack_of_the_subject_is_still_its_own() -> None:
    assert ("RUS", "190", "UKR") in coded("Russia launched an attack on Ukraine.")


# ---- senses of meet, sign and sanction -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Blair said he would do everything he could to meet concerns about the bill.",
        "The minister promised to meet the conditions set by the lenders.",
        "The government struggled to meet the cost of the scheme.",
        "The president signed the bill into law on Friday.",
        "Biden signed an executive order on Tuesday.",
        "The French president signed a decree on pensions.",
        "The council passed a resolution sanctioning military action against Iraq.",
        "Parliament sanctioned the use of force in Libya.",
    ],
)
def test_meeting_a_demand_signing_a_law_or_sanctioning_an_act_is_no_event(text: str) -> None:
    assert not [e for e in events(text) if e.root in ("04", "05", "16")], coded(text)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Russia and China signed a trade agreement.", ("RUS", "057", "CHN")),
        ("The US sanctioned Russian banks.", ("USA", "163", "RUSBUS")),
        ("Putin met Erdogan in Ankara on Monday.", ("RUSGOV", "040", "TURGOV")),
        ("The EU sanctioned Iran over its drone sales.", ("IGOEUREEC", "163", "IRN")),
    ],
)
def test_agreements_sanctions_and_meetings_between_actors_are_kept(
    text: str, event: tuple[str, str, str]
) -> None:
    assert event in coded(text), coded(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Russian president weighs 80 kilograms, the Kremlin said.",
        "Trump weighs 236 pounds, according to his doctor.",
        "The new Chinese tank weighs 50 tonnes.",
    ],
)
def test_a_weight_is_no_policy_option(text: str) -> None:
    assert not [e for e in events(text) if e.cameo == "014"], coded(text)


def test_weighing_sanctions_is_still_considering_an_option() -> None:
    assert "014" in {e.cameo for e in events("The EU is weighing new sanctions on Iran.")}
