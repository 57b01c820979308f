"""What a new user found on real articles (issue 18, second round): tone per person, modifiers
that carry no tone, relations from labels, judgements and stance events, hypothetical cues,
short headlines and language, readable and single-counted reasons, the export's signals keys.
Sentences written for these tests; real spaCy model, real lexicons, real packaged models."""

from __future__ import annotations

import pytest

from detente.clean.language import detect_language
from detente.model import Event, Evidence
from detente.signals.headline import headline_reasons
from detente.signals.lexicon import load_signal_lexicon, phrase_hits, sensational_words
from detente.signals.relations import _event_relations, side
from tests.test_tone_real import relations, signals_of

# ---- 1. tone per person, not per code -----------------------------------------------------------


def test_opponents_sharing_a_code_get_tones_of_their_own() -> None:
    signals = signals_of(
        "Debate night\n\nHillary Clinton said on Monday that Donald Trump was unfit to be "
        "president. Donald Trump mocked Hillary Clinton over her emails. Michael Flynn praised "
        "Donald Trump for his speech."
    )
    people = {t.person: t for t in signals.actor_tones if t.person}
    assert {"hillary-clinton", "donald-trump", "michael-flynn"} <= set(people)
    assert all(t.name for t in people.values())
    assert len({t.actor_code for t in people.values()}) == 1  # one code, three people


def test_one_person_under_two_codes_is_one_actor() -> None:
    signals = signals_of(
        "Bush speaks\n\nPresident Bush said the economy was strong. George W. Bush later "
        "visited Texas."
    )
    bush = [t for t in signals.actor_tones if t.person == "george-w-bush"]
    assert len(bush) == 1 and bush[0].sentences == 3  # the headline names him too


def test_mentions_without_a_person_keep_their_code() -> None:
    signals = signals_of("Talks\n\nRussia and Germany met in Berlin on Monday.")
    codes = {t.actor_code: t.person for t in signals.actor_tones}
    assert codes.get("RUS", "missing") is None and codes.get("DEU", "missing") is None


# ---- 2. a modifier names a topic and carries no tone ---------------------------------------------

MODIFIERS = [
    ("Robin Cook resigned over the Iraq war in 2003.", "IRQ"),
    ("Investors fear the giant US budget deficit will hurt the dollar.", "USA"),
    ("The Syria crisis killed thousands of people.", "SYR"),
    ("Critics blasted the disastrous Afghanistan withdrawal.", "AFG"),
]


@pytest.mark.parametrize(("sentence", "code"), MODIFIERS)
def test_a_country_that_only_modifies_a_noun_carries_no_tone(sentence: str, code: str) -> None:
    tones = {t.actor_code: t for t in signals_of(f"News\n\n{sentence}").actor_tones}
    assert code in tones and tones[code].tone == 0.0 and tones[code].negative == 0


def test_the_country_as_an_actor_still_carries_tone() -> None:  # twin of the above
    tones = {t.actor_code: t for t in signals_of("News\n\nSyria was condemned for the massacre.")
             .actor_tones}  # fmt: skip
    assert tones["SYR"].tone < -0.3


# ---- 3. relations ------------------------------------------------------------------------------

FOUND = [
    ('Ancram called Straw "naive beyond belief".', "Ancram", "Straw", -1),
    ('Flynn said Trump is "absolutely right" about trade.', "Flynn", "Trump", 1),
    ("Merkel described Putin as a liar.", "Merkel", "Putin", -1),
    ("Johnson branded Corbyn a disgrace.", "Johnson", "Corbyn", -1),
    ("Obama said Clinton is unfit to be president.", "Obama", "Clinton", -1),
    ('Biden called Xi a "good friend".', "Biden", "Xi", 1),
    ("Obama said Clinton is a disaster.", "Obama", "Clinton", -1),
    ("The Teamsters endorsed Clinton on Monday.", "Teamsters", "Clinton", 1),
    ("Trump lashed out at Clinton on Twitter.", "Trump", "Clinton", -1),
    ("Abbas praised Blair for his efforts.", "Abbas", "Blair", 1),
    ("Russia rejected a US proposal.", "Russia", "US", -1),
]


@pytest.mark.parametrize(("sentence", "a", "b", "polarity"), FOUND)
def test_labels_judgements_and_cues_relate_the_two(
    sentence: str, a: str, b: str, polarity: int
) -> None:
    assert (a, polarity, b) in relations(sentence, a, b)


NOT_FOUND = [
    ("He argued that China could threaten Taiwan.", "China", "Taiwan"),
    ("If Russia attacks Ukraine, Nato will respond.", "Russia", "Ukraine"),
    ("Iran might condemn Israel at the summit.", "Iran", "Israel"),
    ("Obama said Clinton is not right.", "Obama", "Clinton"),
    ("Macron called Merkel on Tuesday.", "Macron", "Merkel"),
    ("Sanders said Clinton is in Ohio.", "Sanders", "Clinton"),
    ('McCarthy said Flynn was "unlikely to be prosecuted" for his filing.', "McCarthy", "Flynn"),
]


@pytest.mark.parametrize(("sentence", "a", "b"), NOT_FOUND)
def test_hypothetical_neutral_and_negated_give_no_relation(sentence: str, a: str, b: str) -> None:
    assert relations(sentence, a, b) == []


def test_hypothetical_twin_told_as_fact_is_a_relation() -> None:
    assert ("China", -1, "Taiwan") in relations("China threatened Taiwan.", "China", "Taiwan")


def test_rejecting_a_proposal_is_rejection_not_criticism() -> None:
    kinds = {r.kind for r in signals_of("Talks\n\nRussia rejected a US proposal.").relations}
    assert kinds == {"reject"}


def test_a_country_and_its_government_are_one_side() -> None:
    assert side("RUS", None, "Russia") == side("RUSGOV", None, "the Kremlin") == "RUS"
    assert side("USAELI", "donald-trump", "Trump") != side("USAELI", "hillary-clinton", "her")
    assert side("IGOUNO", None, "UN") != side("IGONAT", None, "Nato")


def test_no_actor_is_related_to_itself() -> None:
    signals = signals_of("Record\n\nDonald Trump praised his own record on jobs.")
    assert all(r.source_code != r.target_code or not r.source_code for r in signals.relations)


def _event(cameo: str, **kw: object) -> Event:
    base = dict(source="RUS", target="UKR", source_name="Russia", target_name="Ukraine",
                cameo=cameo, root=cameo[:2], quad_class=3, goldstein=-2.0, polarity="asserted",
                modality="factual", trigger="criticised", confidence=0.8, segment=1,
                evidence=Evidence(start=0, end=30, text="Russia criticised Ukraine."))  # fmt: skip
    base.update(kw)
    return Event.model_validate(base)


def test_criticism_events_become_relations_unless_hypothetical_or_negated() -> None:
    found = _event_relations([_event("111"), _event("112", source="USA", target="CHN")], set())
    assert [(r.source_code, r.kind, r.polarity) for r in found] == [
        ("RUS", "criticise", -1), ("USA", "accuse", -1)
    ]  # fmt: skip
    assert _event_relations([_event("111", modality="hypothetical")], set()) == []
    assert _event_relations([_event("111", polarity="negated")], set()) == []
    assert _event_relations([_event("190")], set()) == []  # fighting is no stance word
    assert _event_relations([_event("111", target="RUSGOV")], set()) == []  # itself


# ---- 4. short headlines and language -------------------------------------------------------------

ENGLISH = ["France starts digital terrestrial", "Candela completes Bolton switch",
           "Krispy Kreme shares hit", "Mourinho hails Chelsea spirit",
           "Real Madrid Beat Barcelona", "Yukos Unit Buyer Faces Loan Claim"]  # fmt: skip
FOREIGN = [("La France commence la télévision numérique", "fr"),
           ("Gobierno aprueba reforma laboral", "es"), ("Macron annonce nouvelles mesures", "fr"),
           ("Sarkozy quitte le gouvernement", "fr"), ("Governo approva la manovra", "it"),
           ("Regierung plant neue Steuern", "de")]  # fmt: skip


@pytest.mark.parametrize("headline", ENGLISH)
def test_short_name_heavy_english_headlines_pass_as_english(headline: str) -> None:
    assert detect_language(headline)[0] == "en"


@pytest.mark.parametrize(("headline", "language"), FOREIGN)
def test_short_headlines_in_other_languages_are_still_caught(headline: str, language: str) -> None:
    assert detect_language(headline)[0] == language


# ---- 5. reasons ----------------------------------------------------------------------------------


def test_a_label_inside_a_longer_one_is_not_counted_twice() -> None:
    lex = load_signal_lexicon()
    assert phrase_hits("the axis of evil is evil", lex.loaded) == ["axis of evil", "evil"]
    assert phrase_hits("the puppet regime in kabul", lex.loaded) == ["puppet regime"]
    assert phrase_hits("the axis of evil", lex.loaded) == ["axis of evil"]


@pytest.mark.parametrize("text", [
    'he criticised the "axis of evil" label', "the so-called axis of evil",
    "what bush dubbed the axis of evil", "he mocked the 'puppet regime' jibe",
])  # fmt: skip
def test_a_label_mentioned_not_used_is_no_loaded_word(text: str) -> None:
    assert sensational_words(text, load_signal_lexicon().loaded, load_signal_lexicon()) == []


def test_a_label_used_is_loaded() -> None:  # twin
    lex = load_signal_lexicon()
    assert sensational_words("the axis of evil must be stopped", lex.loaded, lex)


@pytest.mark.parametrize("text", [
    "bomb explodes military truck", "car bomb explodes in baghdad",
    "they agreed to destroy their nuclear bombs", "a massive earthquake hit the coast",
])  # fmt: skip
def test_literal_hype_words_are_not_hype(text: str) -> None:
    assert sensational_words(text, load_signal_lexicon().hype, load_signal_lexicon()) == []


@pytest.mark.parametrize(
    "text", ["market explodes as shares soar", "this will destroy your faith", "a massive scandal"]
)
def test_figurative_hype_words_stay_hype(text: str) -> None:
    assert sensational_words(text, load_signal_lexicon().hype, load_signal_lexicon())


@pytest.mark.parametrize(("word", "shouts"), [
    ("TIFF", False), ("OPEC", False), ("CERN", False), ("UPDATE", False),
    ("SHOCKING", True), ("HUGE", True), ("AMAZING", True),
])  # fmt: skip
def test_acronyms_do_not_shout(word: str, shouts: bool) -> None:
    assert load_signal_lexicon().shouts(word) is shouts


@pytest.mark.parametrize("headline", [
    "This Is Why The Dog Did That", "These Photos Will Make You Cry",
    "17 Things Only Cat Owners Will Understand", "Which Disney Princess Are You",
])  # fmt: skip
def test_headline_reasons_name_patterns_not_bare_stop_words(headline: str) -> None:
    reasons = {r.feature: r for r in headline_reasons(headline, load_signal_lexicon())}
    shown = [e.rsplit(" (", 1)[0] for e in reasons["headline_words"].examples]
    bare = {"this", "the", "these", "will", "you", "are", "which", "is", "why", "<s> this"}
    assert not bare & set(shown)
    assert any("opener" in s or "'" in s for s in shown)
