"""Tone toward an actor, directed relations between mentions and comment stance, on sentences of
our own (real spaCy model, real lexicons and the packaged tone model), and the two third-party
development sets when they are there."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from detente.actors.link import get_linker
from detente.clean import prepare_document
from detente.config import Settings
from detente.model import ANALYSED_KINDS, RawDocument, SegmentKind, Signals
from detente.nlp import load_nlp
from detente.parse.units import Unit
from detente.signals import compute_signals
from detente.signals.relations import find_relations
from detente.signals.tone import actor_tone_of, target_tone

DAY = date(2024, 6, 19)
SHARED = Path(__file__).resolve().parents[1] / "../shared/data/tone"


def toward(sentence: str, name: str) -> str:
    doc = load_nlp()(sentence)
    start = sentence.index(name)
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    assert span is not None
    return target_tone(span).label


def relations(sentence: str, a: str, b: str) -> list[tuple[str, int, str]]:
    doc = load_nlp()(sentence)
    spans = []
    for name in (a, b):
        start = sentence.index(name)
        spans.append(doc.char_span(start, start + len(name), alignment_mode="expand"))
    return [(f.holder.text, f.polarity, f.target.text) for f in find_relations(doc[:], spans)]


def signals_of(text: str) -> Signals:
    doc = prepare_document(RawDocument(origin="test.txt", text=text), Settings())
    nlp = load_nlp()
    units = [
        Unit(i, s.start, nlp(doc.segment_text(s)), s.kind is SegmentKind.COMMENT)
        for i, s in enumerate(doc.segments)
        if s.kind in ANALYSED_KINDS
    ]
    signals, _ = compute_signals(doc, units, get_linker(()).link(units, DAY))
    return signals


# ---- tone toward the marked person ------------------------------------------------------------

CRITICISM_WITHOUT_SENTIMENT_WORDS = [
    ("Prosecutors accused Mark Adler of lying to investigators about the payments.", "Mark Adler"),
    ("Senator Hale was forced to resign after the audit.", "Senator Hale"),
    ("Critics blamed Governor Ruiz for the slow response to the floods.", "Governor Ruiz"),
    ("The committee charged Ms Okafor with obstructing its inquiry.", "Ms Okafor"),
    ("Voters punished Mayor Lind for breaking his promise on taxes.", "Mayor Lind"),
    ("The board fired chief executive Paul Grant over the accounting scandal.", "Paul Grant"),
]
PRAISE = [
    ("Colleagues praised Judge Maria Soto for her fairness and courage.", "Judge Maria Soto"),
    (
        "Diplomats hailed Foreign Minister Ito as the architect of a historic deal.",
        "Foreign Minister Ito",
    ),
    ("The union thanked Senator Brooks for defending the workers.", "Senator Brooks"),
    ("Analysts credited Governor Patel with a remarkable economic recovery.", "Governor Patel"),
]
NEUTRAL_REPORTS = [
    ("Senator Diaz will travel to Ottawa on Tuesday for the meeting.", "Senator Diaz"),
    ("Mr Novak spoke to reporters at the court after the hearing.", "Mr Novak"),
    ("Ms Chen said the committee would publish its report on Friday.", "Ms Chen"),
    ("Governor Walsh attended the funeral of the crash victims on Sunday.", "Governor Walsh"),
]


@pytest.mark.parametrize(
    ("cases", "gold", "floor"),
    [
        (CRITICISM_WITHOUT_SENTIMENT_WORDS, "negative", 4),
        (PRAISE, "positive", 3),
        (NEUTRAL_REPORTS, "neutral", 3),
    ],
)
def test_tone_toward_the_person_reads_what_is_said_of_them(
    cases: list[tuple[str, str]], gold: str, floor: int
) -> None:
    said = [toward(sentence, name) for sentence, name in cases]
    assert sum(s == gold for s in said) >= floor, list(zip(cases, said, strict=True))


def test_the_critic_and_the_criticised_are_told_apart() -> None:
    sentence = "Senator Warren sharply criticised Mr Dalton for lying about the contracts."
    assert toward(sentence, "Mr Dalton") == "negative"
    assert toward(sentence, "Mr Dalton") != toward(
        "Senator Warren warmly praised Mr Dalton for his honesty about the contracts.", "Mr Dalton"
    )


REPORTED_CRITICISM = [
    ("Critics said Senator Hale had misled voters about the deal.", "Senator Hale"),
    ("Opponents accused Governor Lee of lying about the budget, the newspaper reported.",
     "Governor Lee"),
]  # fmt: skip
NEUTRAL_WITH_DEATH_OR_CRIME = [
    ("Police said the death of Anna Berg was not being treated as suspicious.", "Anna Berg"),
    ("Sheriff Dan Wu briefed reporters on the murder inquiry.", "Sheriff Dan Wu"),
    ("Detectives investigating the crime interviewed Mr Okoye on Tuesday.", "Mr Okoye"),
    ("Coroner Jane Hill opened the inquest into the deaths on Monday.", "Coroner Jane Hill"),
]
UPBEAT_QUOTE_NEUTRAL_SPEAKER = [
    ("“What a wonderful, joyful evening it was,” said Mr Ames, who organised the concert.",
     "Mr Ames"),
    ("“This is a great day for the city,” Mayor Ruiz told the crowd.", "Mayor Ruiz"),
]  # fmt: skip


def actor_reading(sentence: str, name: str) -> str:
    doc = load_nlp()(sentence)
    start = sentence.index(name)
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    assert span is not None
    return actor_tone_of(span).label


def test_criticism_reported_by_a_third_party_is_against_its_target() -> None:
    assert [toward(s, n) for s, n in REPORTED_CRITICISM] == ["negative", "negative"]
    assert toward("The charity said Ms Park had shown remarkable courage.", "Ms Park") == (
        "positive"
    )  # twin: praise reported by a third party


def test_death_or_crime_in_a_neutral_report_mostly_stays_neutral() -> None:
    said = [actor_reading(s, n) for s, n in NEUTRAL_WITH_DEATH_OR_CRIME]
    assert said.count("neutral") >= 2, said  # a known weakness: half still lean one way


def test_an_upbeat_quote_does_not_make_its_neutral_speaker_positive() -> None:
    assert [actor_reading(s, n) for s, n in UPBEAT_QUOTE_NEUTRAL_SPEAKER] == ["neutral"] * 2


def test_quoted_tone_is_kept_apart_from_the_writers_own() -> None:
    signals = signals_of(
        "Talks in Geneva\n\nRussia and Ukraine met in Geneva on Monday. "
        "“Russia is a brutal, lying aggressor,” the Ukrainian delegation said."
    )
    rus = next(a for a in signals.actor_tones if a.actor_code.startswith("RUS"))
    assert rus.sentences == 2 and rus.quoted_sentences == 1
    assert rus.quoted_tone is not None and rus.quoted_tone < rus.tone


# ---- directed relations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "a", "b", "expected"),
    [
        (
            "Trump has praised Putin's leadership qualities.",
            "Trump",
            "Putin",
            ("Trump", 1, "Putin"),
        ),
        (
            "Germany strongly condemned Iran over the executions.",
            "Germany",
            "Iran",
            ("Germany", -1, "Iran"),
        ),
        (
            "Merkel was criticised by Macron on Friday.",
            "Merkel",
            "Macron",
            ("Macron", -1, "Merkel"),
        ),
        (
            "The senators signed a letter condemning Pakistan.",
            "senators",
            "Pakistan",
            ("senators", -1, "Pakistan"),
        ),
        (
            "Obama's criticism of Netanyahu angered his allies.",
            "Obama",
            "Netanyahu",
            ("Obama", -1, "Netanyahu"),
        ),
        ("Ryan is critical of Trump.", "Ryan", "Trump", ("Ryan", -1, "Trump")),
        (
            "Japan accused China of violating its airspace.",
            "Japan",
            "China",
            ("Japan", -1, "China"),
        ),
        (
            "North Korea threatened South Korea with retaliation.",
            "North Korea",
            "South Korea",
            ("North Korea", -1, "South Korea"),
        ),
        (
            "The Arab League endorsed Egypt's peace plan.",
            "The Arab League",
            "Egypt",
            ("The Arab League", 1, "Egypt"),
        ),
        (
            "Bezos, whom Trump has repeatedly attacked, did not respond.",
            "Bezos",
            "Trump",
            ("Trump", -1, "Bezos"),
        ),
        (
            "Russia launched air strikes in support of the Syrian government.",
            "Russia",
            "the Syrian government",
            ("Russia", 1, "the Syrian government"),
        ),
    ],
)
def test_directed_relations_from_cue_words(
    sentence: str, a: str, b: str, expected: tuple[str, int, str]
) -> None:
    assert relations(sentence, a, b)[:1] == [expected]


@pytest.mark.parametrize(
    ("sentence", "a", "b", "expected"),
    [
        ("Mrs Clinton's advisers accused Mr Sanders of breaking his word.", "Clinton", "Sanders",
         ("Clinton", -1, "Sanders")),
        ("Germany's foreign minister praised Poland for its help.", "Germany", "Poland",
         ("Germany", 1, "Poland")),
        ("The leader of Hamas condemned Israel on Friday.", "Hamas", "Israel",
         ("Hamas", -1, "Israel")),
        ("The US support for Saudi Arabia angered rights groups.", "US", "Saudi Arabia",
         ("US", 1, "Saudi Arabia")),
        ("Russian criticism of Kyiv grew louder on Monday.", "Russian", "Kyiv",
         ("Russian", -1, "Kyiv")),
        ("Trump has indicated that he supports Planned Parenthood.", "Trump",
         "Planned Parenthood", ("Trump", 1, "Planned Parenthood")),
        ("Paul Ryan has articulated his support for the Koch network.", "Paul Ryan", "Koch",
         ("Paul Ryan", 1, "Koch")),
        ("Merkel drew sharp criticism from Macron.", "Merkel", "Macron",
         ("Macron", -1, "Merkel")),
        ("Obama won praise from Republicans for the deal.", "Obama", "Republicans",
         ("Republicans", 1, "Obama")),
        ("Kerry, praised by France for his efforts, left Paris on Monday.", "Kerry", "France",
         ("France", 1, "Kerry")),
        ("Graham has not endorsed Trump.", "Graham", "Trump", ("Graham", -1, "Trump")),
        ("Senator Cruz refused to endorse Trump at the convention.", "Senator Cruz", "Trump",
         ("Senator Cruz", -1, "Trump")),
    ],
)  # fmt: skip
def test_relations_between_phrases_pronouns_and_withheld_support(
    sentence: str, a: str, b: str, expected: tuple[str, int, str]
) -> None:
    assert relations(sentence, a, b)[:1] == [expected]


@pytest.mark.parametrize(
    ("sentence", "a", "b"),
    [
        ("Sanders did not praise Clinton.", "Sanders", "Clinton"),  # silence, not hostility
        ("Clinton did not refuse to endorse Obama.", "Clinton", "Obama"),
        ("Japan could not refuse to back Washington.", "Japan", "Washington"),
        ("A scholar at Harvard said that Brazil is vulnerable.", "Harvard", "Brazil"),
        ("The prime minister of Spain met Macron in Paris.", "Spain", "Macron"),
        ("Merkel drew a crowd from Bavaria.", "Merkel", "Bavaria"),
    ],
)
def test_twins_that_must_stay_without_relation(sentence: str, a: str, b: str) -> None:
    assert relations(sentence, a, b) == []


@pytest.mark.parametrize(
    ("sentence", "a", "b"),
    [
        ("Rubio did not criticize Trump.", "Rubio", "Trump"),  # negated
        ("France and Germany met in Brussels on Monday.", "France", "Germany"),
        ("Chinese and Russian ships sailed through the strait.", "Chinese", "Russian"),
        ("Israel launched air strikes on Gaza, the army said.", "Israel", "Gaza"),  # an event
        ("India will host Japan's prime minister next week.", "India", "Japan"),
    ],
)
def test_no_relation_without_a_cue_that_links_the_two(sentence: str, a: str, b: str) -> None:
    assert relations(sentence, a, b) == []


def test_relations_are_recorded_with_their_evidence() -> None:
    text = "Summit\n\nJapan accused China of violating its airspace. Talks resumed."
    signals = signals_of(text)
    found = [(r.source_code, r.kind, r.polarity, r.target_code) for r in signals.relations]
    assert ("JPN", "accuse", -1, "CHN") in found
    rel = signals.relations[0]
    assert text[rel.evidence.start : rel.evidence.end] == rel.evidence.text
    assert rel.evidence.text.startswith("Japan accused China")


# ---- comment stance ---------------------------------------------------------------------------


def stances(comment: str) -> dict[str, str]:
    signals = signals_of(
        "Russia and Ukraine\n\nRussia, Ukraine and China held talks on Monday, officials said."
        f"\n\nComments\n\nalice: {comment}"
    )
    return {s.actor_code[:3]: s.stance for s in signals.thread.stances}


@pytest.mark.parametrize(
    "comment",
    [
        "Russia cannot even win in Ukraine.",
        "Russia can't even beat Ukraine after three years.",
        "Russia is losing in Ukraine and everyone knows it.",
        "Russia is a paper tiger in Ukraine.",
        "Russia is useless in Ukraine.",
    ],
)
def test_the_clause_is_about_its_subject_not_the_place_named(comment: str) -> None:
    found = stances(comment)
    assert found.get("RUS") == "against"
    assert found.get("UKR") != "against"


@pytest.mark.parametrize(
    "comment",
    [
        "Great job, Russia. Another brilliant plan.",
        "Yeah right, Russia is a wonderful friend.",
        "Well done China, truly inspiring leadership 🙄",
        "Russia is so honest, lol.",
    ],
)
def test_sarcasm_turns_praise_round(comment: str) -> None:
    found = stances(comment)
    assert "favour" not in found.values()


@pytest.mark.parametrize(
    ("comment", "code", "stance"),
    [
        ("China is a strong and reliable friend.", "CHN", "favour"),
        ("Russia is an unreliable partner.", "RUS", "against"),
        ("I think Ukraine deserves our support.", "UKR", "favour"),
    ],
)
def test_plain_stances_keep_working(comment: str, code: str, stance: str) -> None:
    assert stances(comment).get(code) == stance


# ---- the third-party development sets -----------------------------------------------------------


def test_newsmtsc_dev_sample_beats_the_sentence_tone() -> None:
    from detente.evaluation import tone as task

    path = SHARED / "newsmtsc_train.jsonl"
    if not path.exists():
        pytest.skip(f"{path} absent: NewsMTSC is third-party data kept beside the project")
    rows = [ex for ex in task.load_examples(path) if ex.scored][:400]
    report = task.evaluate(rows)
    assert report.macro_f1("target") >= 0.58
    assert report.macro_f1("target") > report.macro_f1("sentence") + 0.05


def test_dsa_sample_relations_are_precise() -> None:
    from detente.evaluation import stance as task

    path = SHARED / "dsa_valid.jsonl"
    if not path.exists():
        pytest.skip(f"{path} absent: the directed-sentiment set is third-party data")
    report = task.evaluate(task.load_examples(path)[::3])  # the file is sorted by class
    assert report.relation_precision >= 0.75
    assert report.macro_f1 >= 0.30


# ---- the rescuer, the flag and the scene of violence -------------------------------------------

HELPERS = [  # the actor helps victims of violence: the harm told is theirs, not the helper's
    (
        "India's navy rescued a merchant ship from Somali pirates who had attacked it with guns and "
        "rocket-propelled grenades.",
        "India",
    ),
    (
        "France evacuated hundreds of civilians from the city as fighting between the militias "
        "intensified.",
        "France",
    ),
    ("Civilians trapped by the shelling were evacuated by France on Sunday.", "France"),
    (
        "Norway's coastguard saved 30 people from the burning ferry after it was attacked by "
        "gunmen.",
        "Norway",
    ),
    (
        "Jordan's doctors treated the wounded and Jordan sheltered families who fled the bombing.",
        "Jordan",
    ),
    (
        "Kenya freed the hostages after a siege in which four of the kidnappers were killed.",
        "Kenya",
    ),
]
FLAGS_AND_SCENES = [  # the actor only names the victim's flag or the place of the violence
    (
        "Pirates hijacked an Ethiopia-flagged vessel off the coast of Somalia, taking its 17 crew "
        "hostage.",
        "Ethiopia",
    ),
    (
        "A Liberian-flagged tanker was struck by a missile in the Red Sea, setting it on fire.",
        "Liberian",
    ),
    ("Pirates attacked a cargo ship off the coast of Somalia, wounding two sailors.", "Somalia"),
    ("A Panama-registered tanker was hijacked and its crew kidnapped.", "Panama"),
    (
        "The ship, which is registered in Ethiopia, was attacked by pirates with grenades.",
        "Ethiopia",
    ),
    (
        "Gunmen killed five workers in an ambush near the border town in northern Nigeria.",
        "Nigeria",
    ),
]
HARM_DONE_TWINS = [  # the actor does the harm, or does not help: negative stays negative
    (
        "India's navy fired on a fishing boat, killing two fishermen, according to Sri Lanka.",
        "India",
    ),
    ("India's navy did not rescue the crew, who were beaten and held for months.", "India"),
    (
        "Russia helped Syrian government forces crush the rebellion, killing thousands of "
        "civilians.",
        "Russia",
    ),
]


def actor_label_and_score(sentence: str, name: str) -> tuple[str, float]:
    doc = load_nlp()(sentence)
    start = sentence.index(name)
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    assert span is not None
    said = actor_tone_of(span)
    return said.label, said.score


@pytest.mark.parametrize(("sentence", "name"), HELPERS + FLAGS_AND_SCENES)
def test_helpers_flags_and_scenes_of_violence_are_not_negative(sentence: str, name: str) -> None:
    label, score = actor_label_and_score(sentence, name)
    assert label != "negative" and score >= 0, (label, score)


@pytest.mark.parametrize(("sentence", "name"), HARM_DONE_TWINS)
def test_the_actor_doing_harm_or_not_helping_stays_negative(sentence: str, name: str) -> None:
    label, score = actor_label_and_score(sentence, name)
    assert score < 0 and label != "positive", (label, score)


def test_a_rescue_story_gives_rescuer_and_flag_no_negative_tone() -> None:
    found = signals_of(
        "Indian navy rescues crew of hijacked ship from Somali pirates\n\n"
        "The Indian navy said on Saturday it had rescued 17 crew members of a merchant vessel "
        "hijacked by Somali pirates off the coast of Somalia, after a 40-hour operation.\n\n"
        "The Ethiopian-flagged bulk carrier was seized by pirates in December and had been used "
        "as a mother ship to attack other vessels, the navy said.\n\n"
        "India's navy rescued the crew after the pirates had attacked them with guns and "
        "grenades. India has deployed a dozen warships to the region to protect shipping.\n"
    )
    tones = {t.actor_code: t for t in found.actor_tones}
    assert {"IND", "ETH"} <= set(tones), tones
    assert tones["IND"].tone >= 0 and tones["IND"].negative == 0
    assert tones["ETH"].tone >= 0 and tones["ETH"].negative == 0
