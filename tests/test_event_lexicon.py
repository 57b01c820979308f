"""The broader verb lexicon (deliveries, phrasal verbs, light verb + noun, bans, expulsions...) and
the word senses that are no political event ("an assault on the market", "the storm struck")."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from detente.events.cameo import CodebookError, _classes, _pattern, load_codebook, load_lexicon
from detente.events.coder import code_text

DAY = date(2024, 6, 19)


def codes(text: str) -> set[tuple[str, str]]:
    """(source, CAMEO code) of every event coded in a text."""
    return {(e.source, e.cameo) for e in code_text(text, DAY)}


def triples(text: str) -> set[tuple[str, str, str]]:
    return {(e.source, e.cameo, e.target) for e in code_text(text, DAY)}


# ---- the loader: word classes and sense restrictions ------------------------------------------


def test_word_classes_expand_in_refinements_and_sense_lists() -> None:
    classes = _classes(
        yaml.safe_load("classes: {arms: [rifle, mortar], all: ['@arms', tank]}"), "x"
    )
    assert classes == {"arms": ["rifle", "mortar"], "all": ["rifle", "mortar", "tank"]}
    spec = yaml.safe_load(
        "{lemma: ship, refine: {mortar: '194', '@all': '072'}, code: null, not_objects: ['@arms']}"
    )
    pattern = _pattern(spec, "x", load_codebook(), classes)
    assert dict(pattern.refine) == {"mortar": "194", "rifle": "072", "tank": "072"}
    assert pattern.not_objects == {"rifle", "mortar"}


def test_unknown_word_class_is_an_error_naming_it() -> None:
    spec = {"lemma": "ship", "code": None, "refine": {"@nothing": "072"}}
    with pytest.raises(CodebookError, match="unknown word class '@nothing'"):
        _pattern(spec, "x", load_codebook(), {})


def test_lexicon_is_broad_and_its_classes_are_used() -> None:
    lexicon = load_lexicon()
    assert len(lexicon.verbs) >= 330
    assert "storm" in lexicon.not_subjects and "price" in lexicon.not_subjects
    send = dict(lexicon.verbs["send"][0].refine)
    assert send["missile"] == "072" and send["food"] == "073" and send["peacekeeper"] == "074"
    assert "market" in lexicon.verbs["attack"][0].not_objects


# ---- coverage: new verbs, phrasal verbs, light verb + noun ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # deliveries, deployments and their reduction
        # told as to come, CAMEO's intent to provide military aid (roles.yaml `intents`)
        ("The United States will send three Patriot systems to Ukraine.", ("USA", "0332")),
        ("Germany dispatched tents and blankets to Turkey.", ("DEU", "073")),
        ("Japan is sending peacekeepers to South Sudan.", ("JPN", "074")),
        ("Russia is delaying an aid shipment to Cuba.", ("RUS", "162")),
        ("Britain cut its development assistance to Kenya.", ("GBR", "1621")),
        ("Sweden suspended military aid to Turkey.", ("SWE", "1622")),
        ("Norway reduced its humanitarian aid to Somalia.", ("NOR", "1623")),
        ("The Netherlands withheld funding from the agency in Gaza.", ("NLD", "162")),
        ("The United States is training Iraqi pilots.", ("USA", "062")),
        ("China stationed troops on the disputed islands.", ("CHN", "154")),
        # force
        ("Israeli troops opened fire on protesters in Gaza.", ("ISRMIL", "190")),
        ("Hezbollah fired rockets into northern Israel.", ("LBNREBHEZ", "195")),
        ("Sudanese soldiers ambushed a convoy near Darfur.", ("SDNMIL", "190")),
        ("Rebels overran an army base in Mali.", ("MLIREB", "192")),
        ("Turkey launched cyber warfare against Greece.", ("TUR", "190")),
        ("Hamas abducted Israeli civilians near the border.", ("PSEREBHMS", "181")),
        ("Russian hackers hacked the servers of the German parliament.", ("RUS", "171")),
        # bans, expulsions, repression
        ("Egypt outlawed the Muslim Brotherhood.", ("EGY", "172")),
        ("Thailand banned the opposition party.", ("THA", "1722")),
        ("Poland expelled three Russian diplomats.", ("POL", "166")),
        ("Police in Kenya dispersed the protesters with tear gas.", ("KENCOP", "175")),
        ("Iran closed its embassy in Sweden.", ("IRN", "161")),
        # phrasal verbs
        ("Russia pulled out of the grain deal with Ukraine.", ("RUS", "127")),
        ("Serbia backed down after talks in Brussels.", ("SRB", "080")),
        ("Iran handed over the British sailors to the embassy.", ("IRN", "0841")),
        ("Turkey broke off diplomatic relations with Israel.", ("TUR", "161")),
        ("Belarus cracked down on opposition activists.", ("BLR", "175")),
        ("French unions called off the strike.", ("FRA", "082")),
        ("Hungary pushed for a ceasefire in Ukraine.", ("HUN", "107")),
        # light verb + noun, nominal events
        ("Russia launched an offensive on Kharkiv.", ("RUS", "190")),
        ("Thailand imposed a curfew on Bangkok.", ("THA", "1723")),
        ("China lodged a complaint with Japan.", ("CHN", "114")),
        ("Iran set a deadline for the European negotiators.", ("IRN", "139")),
        ("India attended the summit of the G20 in Brazil.", ("IND", "040")),
        # verbal acts
        ("Japan proposed talks with North Korea.", ("JPN", "036")),
        ("Germany accepted 1,500 refugees from Greece.", ("DEU", "075")),
        ("Iran accepted the demands of the inspectors.", ("IRN", "080")),
        ("Canada cancelled the visit of the Indian minister.", ("CAN", "125")),
        ("Brazil lambasted Israel over the war in Gaza.", ("BRA", "111")),
        ("France voted against the resolution.", ("FRA", "120")),
        ("The EU fined Hungary for breaking asylum rules.", ("IGOEUREEC", "172")),
    ],
)
def test_new_verbs_code_their_kind(text: str, expected: tuple[str, str]) -> None:
    found = codes(text)
    assert any(s.startswith(expected[0]) and c == expected[1] for s, c in found), found


def test_aid_is_coded_with_its_recipient() -> None:
    assert ("DEU", "0332", "UKR") in triples("Germany will ship more howitzers to Ukraine.")
    assert ("GBR", "1621", "KEN") in triples("Britain cut its development assistance to Kenya.")


def test_a_phrasal_verb_is_not_its_plain_verb() -> None:
    # "back" alone is support; "backed down" is a concession, "gave up" no gift
    assert ("SRB", "051") not in codes("Serbia backed down after the EU threatened sanctions.")
    assert not any(c.startswith("07") for _, c in codes("Iran gave up its claim to the islands."))


# ---- word senses: the same verb, no political event -------------------------------------------

OTHER_SENSE = [
    "The bank launched an assault on the US market.",
    "A tsunami of bad loans is set to hit the banks in Germany.",
    "Chinese exporters take charge of the European market.",
    "The firm attacked the British market with cheap phones.",
    "Oil prices hit a record in London.",
    "The hurricane hit Cuba and Haiti.",
    "The storm struck Florida on Sunday.",
    "Germany struck a conciliatory tone with Russia.",
    "China launched a new smartphone in India.",
    "The earthquake killed 300 people in Turkey.",
    "Spain is fighting corruption in its ports.",
    "Russian voters killed the bill in the Duma.",
    "The Chinese company captured a fifth of the Indian market.",
    "Apple seized the opportunity in Vietnam.",
    "Iran came under fire in Geneva.",
    "Biden's team shot a campaign video in Ohio.",
    "Inflation hit Turkey hard this year.",
    "A new US law targets Americans hiding assets overseas.",
]


@pytest.mark.parametrize("text", OTHER_SENSE)
def test_other_senses_give_no_event(text: str) -> None:
    assert code_text(text, DAY) == [], [(e.source, e.cameo, e.target, e.trigger)
                                         for e in code_text(text, DAY)]  # fmt: skip


POLITICAL_TWIN = [
    ("Russia launched an assault on the Ukrainian army.", "190"),
    ("Missiles from Iran are set to hit Israel.", "190"),
    ("Putin took charge of the army in Russia.", None),  # an office, still no accusation
    ("Hamas attacked Israeli soldiers in Gaza.", "190"),
    ("Russian missiles hit Kyiv on Sunday.", "190"),
    ("Israel struck Hezbollah positions in Lebanon.", "190"),
    ("Ukraine struck a Russian warship in the Black Sea.", "190"),
    ("North Korea launched a missile toward Japan.", "195"),
    ("Gunmen killed 30 soldiers in Nigeria.", "1823"),
    ("Rebels are fighting government troops in Sudan.", "190"),
    ("Hamas seized Israeli hostages in 2023.", "171"),
    ("Israeli troops fired on protesters in Gaza.", "190"),
    ("Trump attacked the Fed's decision on rates.", "111"),
]


@pytest.mark.parametrize(("text", "code"), POLITICAL_TWIN)
def test_political_twins_are_events(text: str, code: str | None) -> None:
    found = {c for _, c in codes(text)}
    if code is None:
        assert "112" not in found, found
    else:
        assert code in found, found


# ---- the right kind on real news: calls, orders, permissions, agreements (round 2) -------------

KINDS = [
    # "called X" with a person or a government, no for/on: a telephone call (a date is no "on")
    ("Scholz called Macron on Monday to discuss the budget.", ("DEUGOV", "041", "FRAGOV")),
    ("The Kenyan president called Museveni last week.", ("KENGOV", "041", "UGAGOV")),
    ("Erdogan will call Putin to congratulate him.", ("TURGOV", "041", "RUSGOV")),
    # an order is the act ordered
    ("A Kenyan court ordered the release of two British journalists.", ("KENJUD", "0841", "GBR")),
    ("The judge ordered the arrest of the former Peruvian president.", ("PERJUD", "173", "PER")),
    ("Biden ordered new sanctions on Russian banks.", ("USAGOV", "163", "RUS")),
    # permission is allowing
    ("Hungary granted Poland permission to use its airspace.", ("HUN", "086", "POL")),
    ("Egypt gave Israel approval to deploy more troops in Sinai.", ("EGY", "086", "ISR")),
    ("Ukraine denied entry to a Russian journalist.", ("UKR", "1245", "RUS")),
    # a light verb with a criticism noun
    (
        "The Dutch delegation offered sharp criticism of the Hungarian government.",
        ("NLD", "111", "HUNGOV"),
    ),
    # agreeing to a truce is an intent; agreeing to a deal concludes it
    ("Russia and Ukraine agreed to a truce.", ("RUS", "0356", "UKR")),
    ("Armenia has agreed to a ceasefire with Azerbaijan.", ("ARM", "0356", "AZE")),
    ("Canada and Britain agreed to a new fisheries treaty.", ("CAN", "057", "GBR")),
    # welcoming a decision endorses it
    ("France welcomed Poland's decision to send more troops.", ("FRA", "051", "POL")),
    # sharing evidence is sharing information
    ("Canadian police shared evidence with their American counterparts.", ("CANCOP", "064", "USA")),
    ("Turkey has shared documents with Saudi Arabia.", ("TUR", "064", "SAU")),
    # new verb families
    ("The Ivorian government refuted Ghana's claims.", ("CIVGOV", "111", "GHA")),
    ("Myanmar established diplomatic ties with Seychelles.", ("MMR", "050", "SYC")),
    ("Putin launched a mediation effort between India and Pakistan.", ("RUSGOV", "045", "IND")),
    ("The United States rolled back tariffs on Chinese goods.", ("USA", "085", "CHN")),
    ("Denmark announced a suspension of aid to Egypt.", ("DNK", "162", "EGY")),
    ("Police in Japan issued an arrest warrant for a Chinese actor.", ("JPNCOP", "173", "CHN")),
    ("Nigeria announced the deployment of peacekeepers to Liberia.", ("NGA", "074", "LBR")),
    ("The United States handed over medicines to Ethiopia.", ("USA", "073", "ETH")),
    ("The Afghan government declared a cease-fire with the Taliban.", ("AFGGOV", "0871", "AFG")),
]


@pytest.mark.parametrize(("text", "expected"), KINDS)
def test_kinds_of_real_news_get_their_code(text: str, expected: tuple[str, str, str]) -> None:
    source, code, target = expected
    found = triples(text)
    assert any(s.startswith(source) and c == code and t.startswith(target) for s, c, t in found), (
        found
    )


# the same words in another sense, or another act: no call, no permission, no release
NOT_THESE_KINDS = [
    ("Merkel called Putin a liar on Monday.", "041"),
    ("Trump called the Mexican president a bad negotiator.", "041"),
    ('Pelosi called Trump "a coward" on Twitter.', "041"),
    ("Russia called Ukraine's offer a provocation.", "041"),
    ("China called Japan's move a dangerous step.", "041"),
    ("France called an emergency meeting of the Security Council.", "041"),
    ("Erdogan called early elections.", "041"),
    ("The minister called the decision a mistake.", "041"),
    ("The company granted its staff permission to work from home.", "086"),
    ("The studio ordered the release of a new film.", "0841"),
    ("The Israeli army announced a cease-fire with Hamas.", "190"),
    ("Spain signed a deal with Morocco on Sunday.", "020"),
]


@pytest.mark.parametrize(("text", "code"), NOT_THESE_KINDS)
def test_other_senses_are_not_these_kinds(text: str, code: str) -> None:
    assert code not in {c for _, c in codes(text)}
